/**
 * Scoring sets of sites on the joint per-trial months (docs/portfolio.md), and the best-set search.
 *
 * Every set is scored on the same trials (common random numbers), so two sets differ only by their
 * sites, never by sampling noise of separate runs, and a ranking is a pure function of the merged
 * matrix: bit-identical for any worker count or sharding.
 *
 * A set reaches the target in a trial at the first month its energized IT MW sum to it:
 * sort the members' months, add their MW in that order, stop at the target.
 */

/** Per-trial months of every candidate on the portfolio's clock (Infinity = not within the horizon). */
export interface PortfolioMatrix {
  trials: number;
  /** months[i][t]: candidate i in trial t */
  months: Float64Array[];
  /** IT MW of each candidate */
  itMW: Float64Array;
  /** grid MW each candidate requests (the search's MW cap counts these) */
  requestMW: Float64Array;
}

/** What ranking needs of one set. */
export interface SetScore {
  /** candidate indices, ascending */
  sites: number[];
  /** trials that reached the target before the date */
  hits: number;
  /** P(target by the date) = hits / trials */
  p: number;
  /** mean months late, counting a trial that never reaches it as late until the horizon */
  expectedDelayMonths: number;
  requestMW: number;
}

/**
 * Months to the target in every trial (Infinity = never within the horizon), into `out`.
 * `set` lists candidate indices; a set whose MW cannot reach the target is Infinity throughout.
 */
export function timesToTarget(m: PortfolioMatrix, set: readonly number[], targetMW: number, out: Float64Array): Float64Array {
  const k = set.length;
  const ts = new Float64Array(k);
  const ws = new Float64Array(k);
  for (let t = 0; t < m.trials; t++) {
    // Insertion sort of the members' months (sets are small), carrying their MW.
    let len = 0;
    for (let j = 0; j < k; j++) {
      const v = m.months[set[j]][t];
      if (v === Infinity) continue;
      const w = m.itMW[set[j]];
      let p = len++;
      while (p > 0 && ts[p - 1] > v) {
        ts[p] = ts[p - 1];
        ws[p] = ws[p - 1];
        p--;
      }
      ts[p] = v;
      ws[p] = w;
    }
    let sum = 0;
    let reached = Infinity;
    for (let j = 0; j < len; j++) {
      sum += ws[j];
      if (sum >= targetMW) {
        reached = ts[j];
        break;
      }
    }
    out[t] = reached;
  }
  return out;
}

/** P(target by `byMonths`) and the expected delay of a set; `scratch` holds trials values. */
export function scoreSet(m: PortfolioMatrix, set: readonly number[], targetMW: number, byMonths: number, horizon: number, scratch: Float64Array): SetScore {
  const times = timesToTarget(m, set, targetMW, scratch);
  let hits = 0;
  let delay = 0;
  for (let t = 0; t < m.trials; t++) {
    const v = times[t];
    if (v < byMonths) hits++;
    else delay += (v < horizon ? v : horizon) - byMonths;
  }
  let requestMW = 0;
  for (const i of set) requestMW += m.requestMW[i];
  return { sites: [...set], hits, p: hits / m.trials, expectedDelayMonths: delay / m.trials, requestMW };
}

/** Better first: higher P, then less delay, then fewer sites, then the earlier indices. */
export function compareScores(a: SetScore, b: SetScore): number {
  if (a.hits !== b.hits) return b.hits - a.hits;
  if (a.expectedDelayMonths !== b.expectedDelayMonths) return a.expectedDelayMonths - b.expectedDelayMonths;
  if (a.sites.length !== b.sites.length) return a.sites.length - b.sites.length;
  for (let i = 0; i < a.sites.length; i++) if (a.sites[i] !== b.sites[i]) return a.sites[i] - b.sites[i];
  return 0;
}

export interface SearchSettings {
  minSites: number;
  maxSites: number;
  maxRequestMW: number | null;
  top: number;
  targetMW: number;
  byMonths: number;
  horizon: number;
}

export interface SearchResult {
  method: 'exact' | 'greedy-swaps';
  /** sets scored */
  evaluated: number;
  /** sets the exact search would score (before the MW cap) */
  exactCount: number;
  ranked: SetScore[];
}

/** Above this many sets the search is the heuristic (greedy with swaps) instead of exact. */
export const EXACT_SET_LIMIT = 20_000;

/** Every k-subset of [0, n) in lexicographic order. */
function* subsets(n: number, k: number): Generator<number[]> {
  if (k > n) return;
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    yield idx.slice();
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
}

/**
 * The best sets among the candidates: every set of minSites … maxSites within the MW cap when there
 * are at most EXACT_SET_LIMIT of them, else greedy with swaps (docs/portfolio.md "Best set").
 * `exactCount` is Σ C(n, k), computed by the caller.
 */
export function searchBestSets(m: PortfolioMatrix, s: SearchSettings, exactCount: number): SearchResult {
  const n = m.itMW.length;
  const scratch = new Float64Array(m.trials);
  const fits = (set: readonly number[]) => {
    if (s.maxRequestMW === null) return true;
    let mw = 0;
    for (const i of set) mw += m.requestMW[i];
    return mw <= s.maxRequestMW;
  };
  const score = (set: readonly number[]) => scoreSet(m, set, s.targetMW, s.byMonths, s.horizon, scratch);
  if (exactCount <= EXACT_SET_LIMIT) {
    const all: SetScore[] = [];
    for (let k = s.minSites; k <= Math.min(n, s.maxSites); k++) for (const set of subsets(n, k)) if (fits(set)) all.push(score(set));
    all.sort(compareScores);
    return { method: 'exact', evaluated: all.length, exactCount, ranked: all.slice(0, s.top) };
  }
  return greedyWithSwaps(n, s, score, fits, exactCount);
}

/**
 * Greedy with swaps: add the candidate that scores best until the budget (or the cap) stops it,
 * then try every swap of a member for a non-member and take the best improving one, until none
 * improves. Every set it scores is ranked, so the list shows what it looked at.
 */
function greedyWithSwaps(n: number, s: SearchSettings, score: (set: readonly number[]) => SetScore, fits: (set: readonly number[]) => boolean, exactCount: number): SearchResult {
  const seen = new Map<string, SetScore>();
  const look = (set: number[]): SetScore | null => {
    const sorted = [...set].sort((a, b) => a - b);
    if (!fits(sorted)) return null;
    const key = sorted.join(',');
    let sc = seen.get(key);
    if (!sc) {
      sc = score(sorted);
      seen.set(key, sc);
    }
    return sc;
  };
  let current: number[] = [];
  while (current.length < Math.min(n, s.maxSites)) {
    let step: SetScore | null = null;
    for (let i = 0; i < n; i++) {
      if (current.includes(i)) continue;
      const sc = look([...current, i]);
      if (sc && (step === null || compareScores(sc, step) < 0)) step = sc;
    }
    if (step === null) break;
    current = step.sites;
  }
  // Swaps from the full greedy set (budget reached): one out, one in, best improvement first.
  for (let round = 0; round < 100 && current.length >= s.minSites; round++) {
    const here = look(current);
    let move: SetScore | null = null;
    for (const out of current) {
      for (let i = 0; i < n; i++) {
        if (current.includes(i)) continue;
        const sc = look([...current.filter((x) => x !== out), i]);
        if (sc && here && compareScores(sc, here) < 0 && (move === null || compareScores(sc, move) < 0)) move = sc;
      }
    }
    if (move === null) break;
    current = move.sites;
  }
  const ranked = [...seen.values()].filter((x) => x.sites.length >= s.minSites && x.sites.length <= s.maxSites).sort(compareScores);
  return { method: 'greedy-swaps', evaluated: seen.size, exactCount, ranked: ranked.slice(0, s.top) };
}
