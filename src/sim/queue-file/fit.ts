/**
 * What a queue file says about time to withdrawal and to operation (docs/queue-files.md "The fit").
 *
 * Each request is followed from its request date to its withdrawal (cause 1), its operation (cause 2),
 * or the file's as-of date (still active or suspended: censored). Aalen–Johansen cumulative incidence
 * handles both the censoring and the competition between the two outcomes, overall and by
 * request-year cohort. A parametric fit of the same data (a constant withdrawal hazard, occurrence /
 * exposure; a lognormal time to operation, censored maximum likelihood) turns it into a preset, and its
 * residuals against the Aalen–Johansen curves say how well that simple form fits.
 */
import { lognormalFromP50P90, normalCdf, Z90 } from '../distributions';
import { aalenJohansen, cifAt, type CumulativeIncidence } from '../stats/survival';
import type { QueueRecord } from './records';

const DAYS_PER_MONTH = 30.4375;
/** Months at which curves are reported. */
export const FIT_MONTHS = [12, 24, 36, 48, 60, 96, 120] as const;
const CAUSE_WITHDRAWN = 1;
const CAUSE_OPERATIONAL = 2;

/** Follow-up of one record: months from request to its outcome or to the as-of date. */
interface FollowUp {
  months: number;
  cause: 0 | 1 | 2;
}

/** A record's follow-up, or null when its outcome has no date (counted, left out of the fit). */
export function followUp(r: QueueRecord, asOfDay: number): FollowUp | null {
  if (r.status === 'withdrawn') return r.withdrawnDay === null ? null : { months: (r.withdrawnDay - r.requestDay) / DAYS_PER_MONTH, cause: CAUSE_WITHDRAWN };
  if (r.status === 'operational') return r.operationDay === null ? null : { months: (r.operationDay - r.requestDay) / DAYS_PER_MONTH, cause: CAUSE_OPERATIONAL };
  return { months: Math.max(0, (asOfDay - r.requestDay) / DAYS_PER_MONTH), cause: 0 };
}

export interface IncidencePoint {
  months: number;
  /** cumulative incidence of withdrawal / operation (null beyond the cohort's follow-up) */
  withdrawn: number | null;
  operational: number | null;
}

export interface CohortFit {
  year: number;
  requests: number;
  mw: number;
  /** shares of the cohort's requests and MW by outcome so far */
  shares: { operational: number; withdrawn: number; open: number; operationalMW: number };
  incidence: IncidencePoint[];
}

export interface ParametricFit {
  /** withdrawals per year (constant hazard, occurrence / exposure) */
  withdrawalPerYear: number;
  /** request → operation, months, absent withdrawal: LN(P50, P90) */
  operation: { p50: number; p90: number };
  /** Aalen–Johansen minus the parametric curve, points (×100), at FIT_MONTHS within follow-up */
  residuals: Array<{ months: number; withdrawn: number; operational: number }>;
}

export interface QueueFileFit {
  asOf: string;
  records: number;
  /** withdrawn or operational without a date: counted in the summaries, left out of the fit */
  undatedOutcomes: number;
  overall: IncidencePoint[];
  cohorts: CohortFit[];
  /** per calendar year: requests filed, withdrawals and completions (count and MW) */
  flows: Array<{ year: number; inflow: number; inflowMW: number; withdrawals: number; withdrawalsMW: number; completions: number; completionsMW: number }>;
  parametric: ParametricFit;
}

const yearOf = (day: number) => new Date(day * 86_400_000).getUTCFullYear();

function curve(fit: CumulativeIncidence): IncidencePoint[] {
  return FIT_MONTHS.map((m) => {
    const w = cifAt(fit, CAUSE_WITHDRAWN, m);
    const o = cifAt(fit, CAUSE_OPERATIONAL, m);
    return { months: m, withdrawn: Number.isNaN(w) ? null : w, operational: Number.isNaN(o) ? null : o };
  });
}

/** The Aalen–Johansen fit of a set of records. */
export function incidenceOf(records: readonly QueueRecord[], asOfDay: number): { fit: CumulativeIncidence; undated: number } {
  const t: number[] = [];
  const c: number[] = [];
  let undated = 0;
  for (const r of records) {
    const f = followUp(r, asOfDay);
    if (!f) undated++;
    else {
      t.push(f.months);
      c.push(f.cause);
    }
  }
  return { fit: aalenJohansen(t, c, 2), undated };
}

/** Fits cohorts, flows and the parametric form. `asOfDay`: the file's as-of date (days since 1970). */
export function fitQueueFile(records: readonly QueueRecord[], asOfDay: number): QueueFileFit {
  const all = incidenceOf(records, asOfDay);
  const byYear = new Map<number, QueueRecord[]>();
  const flows = new Map<number, QueueFileFit['flows'][number]>();
  const flow = (y: number) => {
    let f = flows.get(y);
    if (!f) flows.set(y, (f = { year: y, inflow: 0, inflowMW: 0, withdrawals: 0, withdrawalsMW: 0, completions: 0, completionsMW: 0 }));
    return f;
  };
  for (const r of records) {
    const y = yearOf(r.requestDay);
    const list = byYear.get(y);
    if (list) list.push(r);
    else byYear.set(y, [r]);
    const f = flow(y);
    f.inflow++;
    f.inflowMW += r.mw;
    if (r.status === 'withdrawn' && r.withdrawnDay !== null) {
      const g = flow(yearOf(r.withdrawnDay));
      g.withdrawals++;
      g.withdrawalsMW += r.mw;
    }
    if (r.status === 'operational' && r.operationDay !== null) {
      const g = flow(yearOf(r.operationDay));
      g.completions++;
      g.completionsMW += r.mw;
    }
  }
  const cohorts: CohortFit[] = [...byYear.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([year, list]) => {
      let op = 0;
      let wd = 0;
      let mw = 0;
      let opMW = 0;
      for (const r of list) {
        mw += r.mw;
        if (r.status === 'operational') {
          op++;
          opMW += r.mw;
        } else if (r.status === 'withdrawn') wd++;
      }
      const n = list.length;
      return {
        year,
        requests: n,
        mw,
        shares: { operational: op / n, withdrawn: wd / n, open: (n - op - wd) / n, operationalMW: mw > 0 ? opMW / mw : 0 },
        incidence: curve(incidenceOf(list, asOfDay).fit),
      };
    });
  return {
    asOf: new Date(asOfDay * 86_400_000).toISOString().slice(0, 10),
    records: records.length,
    undatedOutcomes: all.undated,
    overall: curve(all.fit),
    cohorts,
    flows: [...flows.values()].sort((a, b) => a.year - b.year),
    parametric: parametricFit(records, asOfDay, all.fit),
  };
}

/**
 * Constant withdrawal hazard λ = withdrawals / months at risk (the exponential MLE under censoring), and
 * a lognormal time to operation by censored maximum likelihood (withdrawn and open requests censored at
 * their follow-up), maximised by Nelder–Mead on (μ, ln σ). Independent latent clocks make the two
 * likelihoods separate.
 */
export function parametricFit(records: readonly QueueRecord[], asOfDay: number, aj?: CumulativeIncidence): ParametricFit {
  let exposure = 0;
  let withdrawals = 0;
  const events: number[] = [];
  const censored: number[] = [];
  for (const r of records) {
    const f = followUp(r, asOfDay);
    if (!f) continue;
    const m = Math.max(f.months, 1 / DAYS_PER_MONTH);
    exposure += m;
    if (f.cause === CAUSE_WITHDRAWN) withdrawals++;
    if (f.cause === CAUSE_OPERATIONAL) events.push(Math.log(m));
    else censored.push(Math.log(m));
  }
  const lambda = exposure > 0 ? withdrawals / exposure : 0;
  // Log-times binned to 0.001 (a fraction of a day at these durations): the likelihood then costs a
  // few thousand terms per evaluation however many records the file has.
  const bin = (xs: number[]) => {
    const m = new Map<number, number>();
    for (const x of xs) {
      const k = Math.round(x * 1000);
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return { x: Float64Array.from(m.keys(), (k) => k / 1000), w: Float64Array.from(m.values()) };
  };
  const ev = bin(events);
  const ce = bin(censored);
  // −log-likelihood of a censored lognormal: events contribute log f, censored log S.
  const nll = (mu: number, logSigma: number) => {
    const s = Math.exp(logSigma);
    let ll = 0;
    for (let i = 0; i < ev.x.length; i++) {
      const z = (ev.x[i] - mu) / s;
      ll += ev.w[i] * (-0.5 * z * z - logSigma);
    }
    for (let i = 0; i < ce.x.length; i++) ll += ce.w[i] * Math.log(Math.max(1e-300, 1 - normalCdf((ce.x[i] - mu) / s)));
    return -ll;
  };
  const start: [number, number] = events.length ? [mean(events), Math.log(Math.max(0.2, sd(events)))] : [Math.log(60), 0];
  const [mu, logSigma] = events.length ? nelderMead(nll, start) : start;
  const sigma = Math.exp(logSigma);
  const operation = { p50: Math.exp(mu), p90: Math.exp(mu + Z90 * sigma) };
  const fit = aj ?? incidenceOf(records, asOfDay).fit;
  const residuals = FIT_MONTHS.filter((m) => m <= fit.maxFollowUp).map((m) => {
    const model = parametricIncidence(lambda * 12, operation, m);
    return {
      months: m,
      withdrawn: round1((cifAt(fit, CAUSE_WITHDRAWN, m) - model.withdrawn) * 100),
      operational: round1((cifAt(fit, CAUSE_OPERATIONAL, m) - model.operational) * 100),
    };
  });
  return { withdrawalPerYear: lambda * 12, operation, residuals };
}

/** Cumulative incidences of the parametric form at `months` (exponential withdrawal vs lognormal operation). */
export function parametricIncidence(withdrawalPerYear: number, operation: { p50: number; p90: number }, months: number): { withdrawn: number; operational: number } {
  const ln = lognormalFromP50P90(operation.p50, Math.max(operation.p90, operation.p50 * (1 + 1e-9)));
  const lambda = withdrawalPerYear / 12;
  const FT = (s: number) => (s <= 0 ? 0 : normalCdf((Math.log(s) - ln.mu) / ln.sigma));
  const step = 0.1;
  let wd = 0;
  let op = 0;
  let prev = 0;
  for (let s = step; s <= months + 1e-9; s += step) {
    const f = FT(s);
    const mid = s - step / 2;
    const surv = Math.exp(-lambda * mid);
    op += (f - prev) * surv;
    wd += lambda * surv * (1 - FT(mid)) * step;
    prev = f;
  }
  return { withdrawn: wd, operational: op };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
function sd(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
}

/** Nelder–Mead in two dimensions (Lagarias et al. 1998 coefficients), for the small fits above. */
function nelderMead(f: (a: number, b: number) => number, start: [number, number], iterations = 200): [number, number] {
  let pts: Array<[number, number]> = [start, [start[0] + 0.3, start[1]], [start[0], start[1] + 0.3]];
  let vals = pts.map(([a, b]) => f(a, b));
  for (let it = 0; it < iterations; it++) {
    const order = [0, 1, 2].sort((i, j) => vals[i] - vals[j]);
    pts = order.map((i) => pts[i]);
    vals = order.map((i) => vals[i]);
    if (Math.abs(vals[2] - vals[0]) < 1e-9 * (1 + Math.abs(vals[0]))) break;
    const c: [number, number] = [(pts[0][0] + pts[1][0]) / 2, (pts[0][1] + pts[1][1]) / 2];
    const at = (k: number): [number, number] => [c[0] + k * (pts[2][0] - c[0]), c[1] + k * (pts[2][1] - c[1])];
    const r = at(-1);
    const fr = f(...r);
    if (fr < vals[0]) {
      const e = at(-2);
      const fe = f(...e);
      if (fe < fr) [pts[2], vals[2]] = [e, fe];
      else [pts[2], vals[2]] = [r, fr];
    } else if (fr < vals[1]) [pts[2], vals[2]] = [r, fr];
    else {
      const k = at(fr < vals[2] ? -0.5 : 0.5);
      const fk = f(...k);
      if (fk < Math.min(fr, vals[2])) [pts[2], vals[2]] = [k, fk];
      else {
        for (const i of [1, 2]) {
          pts[i] = [(pts[i][0] + pts[0][0]) / 2, (pts[i][1] + pts[0][1]) / 2];
          vals[i] = f(...pts[i]);
        }
      }
    }
  }
  return vals[0] <= vals[1] && vals[0] <= vals[2] ? pts[0] : vals[1] <= vals[2] ? pts[1] : pts[2];
}
