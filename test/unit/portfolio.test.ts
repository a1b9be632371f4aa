/**
 * The portfolio model (docs/portfolio.md): dependence as stated (same queue → positively rank
 * correlated; different queues at rho 0 → uncorrelated within sampling error; rho > 0 → correlated
 * with every marginal kept), a one-site portfolio equal to that site's own queue run bit for bit,
 * the best-set search finding a constructed optimum (exact and heuristic), worker-count and shard
 * invariance, and bad input refused by field before anything runs.
 */
import { describe, expect, it } from 'vitest';
import { chunkCount, chunkRange, OrderedMerge, runInThread } from '../../src/sim/in-thread';
import { induceRankCorrelation, queueWorldSeed } from '../../src/sim/portfolio/dependence';
import { validatePortfolioRequest, type PortfolioRequest, type PortfolioSite } from '../../src/sim/portfolio/params';
import { portfolioRunner, type PortfolioSummary } from '../../src/sim/portfolio/runner';
import { searchBestSets, type PortfolioMatrix } from '../../src/sim/portfolio/sets';
import { queueRunner } from '../../src/sim/queue/runner';
import { monthsBetween } from '../../src/sim/queue/schedule';
import { runInNodePool } from '../../workers/node-pool';
import { usLbnlSmall } from './queue-test-utils';

/** A candidate on the small us-lbnl queue (dated stock, 1/15 scale: fast), in queue `queueKey`. */
function site(id: string, queueKey: string, projectMW: number, itMW = projectMW / 1.3): PortfolioSite {
  return { id, name: `Site ${id}`, queueKey, itMW, queue: { presetId: 'us-lbnl', params: usLbnlSmall(), projectMW } };
}

function request(sites: PortfolioSite[], opts: Partial<PortfolioRequest> = {}): PortfolioRequest {
  return { model: 'portfolio', trials: 600, seed: 4242, sites, portfolio: sites.map((s) => s.id), targetMW: 100, by: '2028-06', basis: 'firm', rho: 0, delayCostUSDPerMonth: 1e6, search: null, ...opts };
}

/** Every candidate's months, trial by trial, as one chunk computes them (the columns the summary reads). */
function columns(req: PortfolioRequest): Float64Array[] {
  const part = portfolioRunner.runChunk(req, 0, req.trials);
  const b = part.blocks[0];
  return req.sites.map((_, i) => b.subarray(i * req.trials, (i + 1) * req.trials));
}

/** Ranks with ties averaged (never = Infinity ties with never). */
function ranks(v: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: v.length }, (_, i) => i).sort((a, b) => (v[a] < v[b] ? -1 : v[a] > v[b] ? 1 : 0));
  const r = new Float64Array(v.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && v[idx[j + 1]] === v[idx[i]]) j++;
    for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = ra.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('dependence between sites', () => {
  // Sampling error of a rank correlation near 0 is about 1/√(n−1): 600 trials → 0.041; 4 SE = 0.16.
  const FOUR_SE = 4 / Math.sqrt(599);

  it('sites in the same queue see the same queue world: their months are positively rank-correlated', () => {
    const [a, b] = columns(request([site('a', 'q1', 150), site('b', 'q1', 260)]));
    const r = spearman(a, b);
    // Shared stock, arrivals and input draws; tested margin: clearly above sampling noise.
    expect(r).toBeGreaterThan(FOUR_SE);
  });

  it('sites in different queues at rho 0 are uncorrelated within sampling error, even with identical inputs', () => {
    // Identical parameters and MW: with a shared seed they would be the same draws (correlation 1).
    const [a, b] = columns(request([site('a', 'q1', 150), site('b', 'q2', 150)]));
    expect(Math.abs(spearman(a, b))).toBeLessThan(FOUR_SE);
  });

  it('rho > 0 rank-correlates different queue worlds by reordering whole trials, keeping every marginal', () => {
    const req = request([site('a', 'q1', 150), site('b', 'q1', 260), site('c', 'q2', 150)]);
    const cols = columns(req).map((c) => c.slice());
    const before = cols.map((c) => c.slice().sort());
    const withinBefore = spearman(cols[0], cols[1]);
    induceRankCorrelation(cols, [{ key: 'q1', sites: [0, 1] }, { key: 'q2', sites: [2] }], 0.8, req.seed, 240);
    expect(spearman(cols[0], cols[2])).toBeGreaterThan(0.4);
    cols.forEach((c, i) => expect(c.slice().sort()).toEqual(before[i]));
    // The same permutation for a whole world keeps its inner coupling exactly.
    expect(spearman(cols[0], cols[1])).toBe(withinBefore);
  });
});

describe('one-site portfolio', () => {
  it("P(target) equals that site's P(energized by the date) from its own queue run, bit for bit", () => {
    const s = site('solo', 'q1', 200, 150);
    const req = request([s], { targetMW: 150, trials: 500 });
    const out = runInThread('portfolio', req);
    // The site's queue run at the seed of its queue world: the Grid queue panel's model, unchanged.
    const q = runInThread('queue', { model: 'queue', presetId: 'us-lbnl', params: s.queue.params, projectMW: 200, trials: 500, seed: queueWorldSeed(req.seed, 'q1') }, { queue: queueRunner });
    const by = monthsBetween(s.queue.params.stock!.asOf, '2028-07-01');
    const hits = q.perTrial.months.filter((m) => m < by).length;
    expect(out.portfolio!.pTarget).toBe(hits / 500);
    expect(out.sites[0].pEnergizedBy).toBe(hits / 500);
    // A target above the site's MW is never reached.
    expect(runInThread('portfolio', { ...req, targetMW: 151 }).portfolio!.pTarget).toBe(0);
  });
});

describe('best-set search', () => {
  // Ten trials; month 1 = energized before the date, Infinity = never. Target 100 MW, budget 2.
  // A (100 MW) alone hits 6 of 10; B and C (50 MW each) hit 9 of 10 each and 8 together: the
  // optimum is {B, C} at 0.8, which greedy misses at first (it starts from A) and finds by a swap.
  const hit = (on: number[]) => Float64Array.from({ length: 10 }, (_, t) => (on.includes(t) ? 1 : Infinity));
  const m: PortfolioMatrix = {
    trials: 10,
    months: [hit([0, 1, 2, 3, 4, 5]), hit([0, 1, 2, 3, 4, 5, 6, 7, 8]), hit([0, 1, 2, 3, 4, 5, 6, 7, 9]), hit([0])],
    itMW: Float64Array.from([100, 50, 50, 40]),
    requestMW: Float64Array.from([130, 65, 65, 52]),
  };
  const settings = { minSites: 1, maxSites: 2, maxRequestMW: null, top: 3, targetMW: 100, byMonths: 12, horizon: 240 };

  it('exact search finds the constructed optimum', () => {
    const r = searchBestSets(m, settings, 10);
    expect(r.method).toBe('exact');
    expect(r.evaluated).toBe(10);
    expect(r.ranked[0].sites).toEqual([1, 2]);
    expect(r.ranked[0].p).toBe(0.8);
  });

  it('greedy with swaps (beyond the exact limit) reaches the same optimum, and says it used the heuristic', () => {
    const r = searchBestSets(m, settings, Number.MAX_SAFE_INTEGER);
    expect(r.method).toBe('greedy-swaps');
    expect(r.ranked[0].sites).toEqual([1, 2]);
  });

  it('a cap on requested MW excludes sets above it', () => {
    const r = searchBestSets(m, { ...settings, maxRequestMW: 130, top: 10 }, 10);
    expect(r.ranked.every((s) => s.requestMW <= 130)).toBe(true);
    expect(r.ranked.some((s) => s.sites.join() === '0,1')).toBe(false);
    expect(r.ranked[0].sites).toEqual([1, 2]);
  });
});

describe('invariance', () => {
  const req = request([site('a', 'q1', 150), site('b', 'q1', 260), site('c', 'q2', 200)], {
    trials: 520,
    targetMW: 250,
    rho: 0.5,
    search: { minSites: 1, maxSites: 2, maxRequestMW: null, top: 6 },
  });

  it('ranking and numbers are bit-identical in one thread, in 2 workers and across shards', async () => {
    const one = runInThread('portfolio', req);
    const two = await runInNodePool('portfolio', req, { workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    // Three shards, each folding its own block of chunks, merged in order (the sweep's path).
    const n = chunkCount(req.trials);
    const cuts = [0, 1, 2, n];
    const merge = new OrderedMerge<PortfolioSummary>(portfolioRunner, req);
    for (let s = 0; s < 3; s++) {
      const block = new OrderedMerge(portfolioRunner, req, 0, [cuts[s], cuts[s + 1]]);
      for (let i = cuts[s]; i < cuts[s + 1]; i++) block.add(i, portfolioRunner.runChunk(req, ...chunkRange(i, req.trials)));
      merge.add(cuts[s], block.partial(), cuts[s + 1] - cuts[s]);
    }
    expect(JSON.stringify(merge.summarize())).toBe(JSON.stringify(one));
    expect(one.search!.method).toBe('exact');
    expect(one.portfolio!.contributions).toHaveLength(3);
  }, 120_000);
});

describe('bad input names the field and runs nothing', () => {
  const base = request([site('a', 'q1', 150), site('b', 'q2', 150)]);
  const fieldsOf = (r: PortfolioRequest) => {
    const v = validatePortfolioRequest(r);
    return v.ok ? [] : v.errors.map((e) => e.field);
  };

  it.each([
    ['an unknown site', { portfolio: ['a', 'nowhere'] }, 'portfolio[1]'],
    ['a target of 0', { targetMW: 0 }, 'targetMW'],
    ['a negative target', { targetMW: -5 }, 'targetMW'],
    ['a date before the as-of date', { by: '2024-06' }, 'by'],
    ['a date that is no date', { by: 'mid-2028' }, 'by'],
    ['a budget above the candidate count', { search: { minSites: 1, maxSites: 3, maxRequestMW: null, top: 5 } }, 'search.maxSites'],
  ] as const)('%s', (_what, change, field) => {
    expect(fieldsOf({ ...base, ...change } as PortfolioRequest)).toContain(field);
    expect(() => portfolioRunner.runChunk({ ...base, ...change } as PortfolioRequest, 0, 1)).toThrow(field);
  });
});
