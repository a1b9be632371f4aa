/**
 * The one adapter from a queue file to the queue model's parameters (docs/queue-files.md "Placing a
 * request"). It speaks only the preset/params types of `queue/params.ts` (QueueParams, QueueStock),
 * never engine internals, so a change to how the engine initialises its stock is reconciled here.
 *
 * - `presetFromFit`: the fit's hazards and durations on top of a base preset's other settings.
 * - `placeInFile`: the file's open requests at a scope (same point of interconnection, county, zone
 *   or transmission owner, or the whole file) become the dated stock the user's request files behind.
 */
import type { QueueParams } from '../queue/params';
import { MAX_BACKLOG } from '../queue/params';
import { Z90 } from '../distributions';
import type { QueueFileFit } from './fit';
import { dayToIso, type QueueRecord } from './records';

const DAYS_PER_MONTH = 30.4375;

/** Which requests compete with the user's: those at the same point of interconnection, county, zone, or all. */
export type QueueScope = { kind: 'all' } | { kind: 'poi' | 'county' | 'zone'; name: string };

export const SCOPE_LABELS = new Map<QueueScope['kind'], string>([
  ['all', 'the whole file'],
  ['poi', 'point of interconnection'],
  ['county', 'county'],
  ['zone', 'zone or transmission owner'],
]);

/** Parses the CLI's `all`, `poi:NAME`, `county:NAME` or `zone:NAME`; null when it is none of those. */
export function parseScope(text: string): QueueScope | null {
  const t = text.trim();
  if (t === 'all') return { kind: 'all' };
  const m = /^(poi|county|zone):(.+)$/i.exec(t);
  if (!m || !m[2].trim()) return null;
  return { kind: m[1].toLowerCase() as 'poi' | 'county' | 'zone', name: m[2].trim() };
}

export const describeScope = (s: QueueScope) => (s.kind === 'all' ? 'the whole file' : `${SCOPE_LABELS.get(s.kind)} ${s.name}`);

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Still in the queue at the as-of date: active and suspended requests both hold their place. */
export const isOpen = (r: QueueRecord) => r.status === 'active' || r.status === 'suspended';

/** The requests at a scope, whatever their status. A county may be given as "Name, ST" to pick one state's county. */
export function atScope(records: readonly QueueRecord[], scope: QueueScope): readonly QueueRecord[] {
  if (scope.kind === 'all') return records;
  let name = scope.name;
  let state: string | null = null;
  if (scope.kind === 'county') {
    const m = /^(.*),\s*([A-Za-z]{2})$/.exec(name);
    if (m) [name, state] = [m[1], m[2]];
  }
  return records.filter((r) => same(scope.kind === 'poi' ? r.poi : scope.kind === 'county' ? r.county : r.zone, name) && (state === null || same(r.state, state)));
}

/** The open requests at a scope. */
export const openAtScope = (records: readonly QueueRecord[], scope: QueueScope): QueueRecord[] => atScope(records, scope).filter(isOpen);

/** The three full calendar years before the as-of date's year: the window arrivals are read from. */
export function recentYears(asOfDay: number): number[] {
  const y = new Date(asOfDay * 86_400_000).getUTCFullYear();
  return [y - 3, y - 2, y - 1];
}
const filedIn = (years: number[]) => (r: QueueRecord) => years.includes(new Date(r.requestDay * 86_400_000).getUTCFullYear());

export interface Placement {
  params: QueueParams;
  scope: QueueScope;
  /** requests and MW standing ahead of the user's at the scope (open at the as-of date) */
  ahead: { requests: number; mw: number; heldMW: number | null };
}

/** Quantile of sorted values (linear between order statistics). */
function quantileSorted(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  return xs[lo] + (h - lo) * ((xs[Math.min(lo + 1, xs.length - 1)] ?? xs[lo]) - xs[lo]);
}

/**
 * Turns the open requests at a scope into the dated stock: its as-of date is the file's, its count,
 * MW and ages are the requests' own, and the MW of those past their agreement (an agreement date in
 * the file) is held. Without any agreement date in the file, the base preset's phase shares stay and
 * held MW is left to the drawn sizes. Error text when the scope has more requests than a trial takes.
 */
export function placeInFile(records: readonly QueueRecord[], asOfDay: number, scope: QueueScope, base: QueueParams): { ok: true; value: Placement } | { ok: false; message: string } {
  const open = openAtScope(records, scope);
  if (open.length > MAX_BACKLOG) {
    return { ok: false, message: `${open.length.toLocaleString('en-US')} open requests at ${describeScope(scope)}; a run takes at most ${MAX_BACKLOG.toLocaleString('en-US')}: pick a narrower scope` };
  }
  const hasAgreements = records.some((r) => r.agreementDay !== null);
  let mw = 0;
  let heldMW = 0;
  let heldCount = 0;
  const ages: number[] = [];
  for (const r of open) {
    mw += r.mw;
    if (r.agreementDay !== null) {
      heldMW += r.mw;
      heldCount++;
    }
    ages.push(Math.max(0, (asOfDay - r.requestDay) / DAYS_PER_MONTH));
  }
  ages.sort((a, b) => a - b);
  const p50 = Math.max(0.5, quantileSorted(ages, 0.5) || 0.5);
  const p90 = Math.max(p50, quantileSorted(ages, 0.9) || p50);
  const b = base.backlog.shares;
  let shares = { ...b };
  if (hasAgreements && open.length) {
    const post = heldCount / open.length;
    const pre = b.feas + b.sis + b.fs;
    const k = pre > 0 ? (1 - post) / pre : 0;
    shares = pre > 0 ? { feas: b.feas * k, sis: b.sis * k, fs: 1 - post - b.feas * k - b.sis * k, postIa: post } : { feas: 1 - post, sis: 0, fs: 0, postIa: post };
    shares.fs = Math.max(0, shares.fs);
  }
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  // New requests compete at the scope too: the fitted arrival rate × the scope's share of recent filings.
  const recent = filedIn(recentYears(asOfDay));
  const filedRecently = records.filter(recent).length;
  const scopeShare = scope.kind === 'all' || filedRecently === 0 ? 1 : atScope(records, scope).filter(recent).length / filedRecently;
  const params: QueueParams = {
    ...base,
    arrivals: { ...base.arrivals, ratePerYear: Math.round(base.arrivals.ratePerYear * scopeShare * 100) / 100 },
    backlog: { count: open.length, shares: { feas: round(shares.feas), sis: round(shares.sis), fs: round(shares.fs), postIa: round(1 - round(shares.feas) - round(shares.sis) - round(shares.fs)) } },
    stock: {
      asOf: dayToIso(asOfDay),
      totalMW: mw,
      heldMW: hasAgreements ? heldMW : null,
      ageMonths: { p50: round(p50), p90: round(Math.max(p90, p50 * 1.0001)) },
    },
  };
  return { ok: true, value: { params, scope, ahead: { requests: open.length, mw, heldMW: hasAgreements ? heldMW : null } } };
}

/**
 * The base preset's four serial phases rescaled so that their sum has the fitted request → operation
 * P50 and P90. Scaling each phase's P50 and P90 to add up to the fitted ones is not enough: a sum of
 * lognormals has a later median and a narrower spread than its parts (the queue-file backtest showed
 * about 17% too few requests reaching operation that way). So every phase keeps its base median's
 * share and its base spread's shape: medians move together by e^a, log-spreads by a factor b, and the
 * sum is read with the Fenton–Wilkinson approximation (Fenton 1960: a lognormal with the sum's mean
 * and variance), whose σ does not depend on a. b is found by bisection, then a in closed form.
 */
function phasesForOperation(base: QueueParams, target: { p50: number; p90: number }): QueueParams['phases'] {
  const keys = ['feas', 'sis', 'fs', 'constr'] as const;
  const mu0 = keys.map((k) => Math.log(base.phases[k].p50));
  const s0 = keys.map((k) => Math.log(Math.max(base.phases[k].p90, base.phases[k].p50 * (1 + 1e-9)) / base.phases[k].p50) / Z90);
  // The sum's Fenton–Wilkinson (μ, σ) with log-spreads scaled by b and medians unscaled.
  const fw = (b: number) => {
    let m = 0;
    let v = 0;
    for (let i = 0; i < keys.length; i++) {
      const s2 = (s0[i] * b) ** 2;
      m += Math.exp(mu0[i] + s2 / 2);
      v += (Math.exp(s2) - 1) * Math.exp(2 * mu0[i] + s2);
    }
    const sigma2 = Math.log(1 + v / (m * m));
    return { mu: Math.log(m) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
  };
  const wantSigma = Math.log(Math.max(target.p90, target.p50 * (1 + 1e-9)) / target.p50) / Z90;
  let lo = 1e-3;
  let hi = 50;
  for (let it = 0; it < 100 && fw(hi).sigma < wantSigma; it++) hi *= 2;
  for (let it = 0; it < 100; it++) {
    const mid = (lo + hi) / 2;
    if (fw(mid).sigma < wantSigma) lo = mid;
    else hi = mid;
  }
  const b = (lo + hi) / 2;
  const a = Math.log(target.p50) - fw(b).mu;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const phase = (i: number) => {
    const p50 = Math.max(0.01, r2(Math.exp(mu0[i] + a)));
    return { p50, p90: Math.max(p50, r2(Math.exp(mu0[i] + a + Z90 * s0[i] * b))) };
  };
  return { feas: phase(0), sis: phase(1), fs: phase(2), constr: phase(3) };
}

/**
 * A preset from a fit: the fitted withdrawal hazard in every phase, the base preset's phases rescaled
 * so their sum has the fitted request → operation P50 and P90 (phasesForOperation), arrivals at
 * the file's last three full years' rate and request sizes. Durations observed in a file already
 * include study congestion and waits for grid headroom, so the preset leaves both out (kappa 0,
 * headroom unlimited), and it drops the fast lane and the steady/speculative split the fit does not see.
 */
export function presetFromFit(fit: QueueFileFit, records: readonly QueueRecord[], asOfDay: number, base: QueueParams): QueueParams {
  const h = Math.round(fit.parametric.withdrawalPerYear * 1e4) / 1e4;
  const years = recentYears(asOfDay);
  const recent = fit.flows.filter((f) => years.includes(f.year));
  const rate = recent.length ? recent.reduce((a, f) => a + f.inflow, 0) / years.length : base.arrivals.ratePerYear;
  const sizes = records
    .filter((r) => filedIn(years)(r) && r.mw > 0)
    .map((r) => r.mw)
    .sort((a, b) => a - b);
  const sizeMW = sizes.length >= 10 ? { p50: quantileSorted(sizes, 0.5), p90: Math.max(quantileSorted(sizes, 0.9), quantileSorted(sizes, 0.5)) } : base.arrivals.sizeMW;
  const withdrawal: QueueParams['withdrawal'] = { feas: h, sis: h, fs: h, postIa: h, sizeElasticity: 0 };
  const out: QueueParams = {
    ...base,
    template: 'serial',
    phases: phasesForOperation(base, fit.parametric.operation),
    fastLane: { share: 0, durationFactor: 1 },
    withdrawal,
    study: { capacity: base.study.capacity, kappa: 0 },
    headroom: { ...base.headroom, limited: false },
    arrivals: { ratePerYear: Math.round(rate * 100) / 100, sizeMW },
  };
  delete out.schedules;
  delete out.uncertainty;
  delete out.rules;
  delete out.cluster;
  delete out.allocation;
  return out;
}
