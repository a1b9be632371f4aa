/**
 * A synthetic queue whose true hazards are known, for test fixtures and the fit's recovery test
 * (docs/queue-files.md "Synthetic files").
 *
 * Each request is filed at a uniform date in [startDay, asOfDay). Two latent clocks start at filing:
 *   - operation after T ~ LN(opP50, opP90) months (agreement signed at `agreementShare`·T),
 *   - withdrawal after W ~ Exponential(withdrawalPerYear / 12) months.
 * The earlier one happens if it falls before the as-of date; otherwise the request is still active
 * (a share `suspendedShare` of those is marked suspended). Sizes are LN(mwP50, mwP90) MW.
 *
 * So the true cumulative incidences from filing are
 *   F_op(t) = ∫₀ᵗ f_T(s) e^(−λs) ds,   F_wd(t) = ∫₀ᵗ λ e^(−λs) (1 − F_T(s)) ds,
 * which `trueIncidence` integrates numerically. Every draw comes from the seeded generator.
 */
import { lognormalFromP50P90, lognormalInv, exponentialInv } from '../distributions';
import { parametricIncidence } from './fit';
import { rngFor } from '../rng';
import type { QueueParams } from '../queue/params';
import type { QueueStatus } from './columns';
import { dayToIso, type QueueRecord } from './records';

export interface SyntheticQueueSpec {
  count: number;
  seed: number;
  startDay: number;
  asOfDay: number;
  opP50: number;
  opP90: number;
  withdrawalPerYear: number;
  agreementShare: number;
  suspendedShare: number;
  mwP50: number;
  mwP90: number;
}

/** A default spec: 2010-01-01 to 2025-12-31, 4-year median to operation, 18% a year withdrawing. */
export function defaultSyntheticSpec(count: number, seed = 20): SyntheticQueueSpec {
  return {
    count,
    seed,
    startDay: Date.UTC(2010, 0, 1) / 86_400_000,
    asOfDay: Date.UTC(2025, 11, 31) / 86_400_000,
    opP50: 48,
    opP90: 110,
    withdrawalPerYear: 0.18,
    agreementShare: 0.55,
    suspendedShare: 0.04,
    mwP50: 120,
    mwP90: 450,
  };
}

/** Places requests are spread over (real county names, so the county map has something to show). */
const PLACES: ReadonlyArray<[state: string, county: string, zone: string]> = [
  ['TX', 'Pecos', 'ERCOT West'],
  ['TX', 'Ward', 'ERCOT West'],
  ['TX', 'Reeves', 'ERCOT West'],
  ['TX', 'Ellis', 'ERCOT North'],
  ['TX', 'Navarro', 'ERCOT North'],
  ['VA', 'Loudoun', 'PJM Dominion'],
  ['VA', 'Prince William', 'PJM Dominion'],
  ['OH', 'Franklin', 'PJM AEP'],
  ['OH', 'Licking', 'PJM AEP'],
  ['GA', 'Douglas', 'SERC Southern'],
];
const TYPES = ['Solar', 'Battery', 'Wind', 'Gas', 'Load'];
const DAYS_PER_MONTH = 30.4375;

/** Stream ids for the generator's purposes (its own numbers, clear of the simulations'). */
const S_FILE = 60;

/** Generates the records (row numbers as if written under a header on row 1). */
export function syntheticRecords(spec: SyntheticQueueSpec): QueueRecord[] {
  const op = lognormalFromP50P90(spec.opP50, spec.opP90);
  const mwDist = lognormalFromP50P90(spec.mwP50, spec.mwP90);
  const lambda = spec.withdrawalPerYear / 12;
  const out: QueueRecord[] = [];
  for (let i = 0; i < spec.count; i++) {
    const rng = rngFor(spec.seed, i, S_FILE);
    const req = Math.floor(spec.startDay + rng.uniform() * (spec.asOfDay - spec.startDay));
    const t = lognormalInv(op, rng.uniform());
    const w = lambda > 0 ? exponentialInv(lambda, rng.uniform()) : Infinity;
    const susp = rng.uniform() < spec.suspendedShare;
    const mw = Math.round(lognormalInv(mwDist, rng.uniform()) * 10) / 10;
    const place = PLACES[Math.floor(rng.uniform() * PLACES.length)];
    const type = TYPES[Math.floor(rng.uniform() * TYPES.length)];
    const follow = (spec.asOfDay - req) / DAYS_PER_MONTH;
    const dayAt = (m: number) => Math.min(spec.asOfDay, req + Math.floor(m * DAYS_PER_MONTH));
    let status: QueueStatus = susp ? 'suspended' : 'active';
    let withdrawnDay: number | null = null;
    let operationDay: number | null = null;
    const end = Math.min(t, w);
    if (end <= follow) {
      if (t <= w) {
        status = 'operational';
        operationDay = dayAt(t);
      } else {
        status = 'withdrawn';
        withdrawnDay = dayAt(w);
      }
    }
    const ia = spec.agreementShare * t;
    const agreementDay = ia <= Math.min(follow, w) ? dayAt(ia) : null;
    const poiN = 1 + Math.floor(rng.uniform() * 6);
    out.push({
      row: i + 2,
      id: `SYN-${String(i + 1).padStart(6, '0')}`,
      name: `Synthetic ${type} ${i + 1}`,
      status,
      requestDay: req,
      agreementDay,
      withdrawnDay,
      operationDay,
      state: place[0],
      county: place[1],
      poi: `${place[1]} ${poiN * 69} kV`,
      zone: place[2],
      type,
      mw,
    });
  }
  return out;
}

/** True cumulative incidence of withdrawal and operation at `months` after filing (the generator's own form). */
export function trueIncidence(spec: SyntheticQueueSpec, months: number): { withdrawn: number; operational: number } {
  return parametricIncidence(spec.withdrawalPerYear, { p50: spec.opP50, p90: spec.opP90 }, months);
}

/** Gridstatus's column set, in its order (for writing fixtures). */
export const GRIDSTATUS_HEADER = [
  'Queue ID', 'Project Name', 'Interconnecting Entity', 'County', 'State', 'Interconnection Location', 'Transmission Owner',
  'Generation Type', 'Capacity (MW)', 'Summer Capacity (MW)', 'Winter Capacity (MW)', 'Queue Date', 'Status',
  'Proposed Completion Date', 'Withdrawn Date', 'Withdrawal Comment', 'Actual Completion Date',
];
const GS_STATUS = new Map<QueueStatus, string>([['active', 'Active'], ['withdrawn', 'Withdrawn'], ['operational', 'Completed'], ['suspended', 'Suspended']]);

/** A record as a gridstatus row (dates YYYY-MM-DD, blanks as ''). */
export function gridstatusRow(r: QueueRecord): string[] {
  const d = (x: number | null) => (x === null ? '' : dayToIso(x));
  return [r.id, r.name, '', r.county, r.state, r.poi, r.zone, r.type, String(r.mw), String(r.mw), String(r.mw), d(r.requestDay), GS_STATUS.get(r.status) ?? '', '', d(r.withdrawnDay), '', d(r.operationDay)];
}

/** Berkeley Lab's column set (the subset its codebook names that this app reads, plus a few it shows). */
export const LBNL_HEADER = ['q_id', 'q_status', 'q_date', 'ia_date', 'wd_date', 'on_date', 'project_name', 'state', 'county', 'poi_name', 'region', 'type_clean', 'mw1', 'q_year'];

/** A record as an LBNL row: dates as Excel serial numbers, as in the published workbook. */
export function lbnlRow(r: QueueRecord): Array<string | number | null> {
  const serial = (x: number | null) => (x === null ? null : x + 25_569);
  return [r.id, r.status, serial(r.requestDay), serial(r.agreementDay), serial(r.withdrawnDay), serial(r.operationDay), r.name, r.state, r.county, r.poi, r.zone, r.type, r.mw, new Date(r.requestDay * 86_400_000).getUTCFullYear()];
}

/**
 * A file built from a preset's own stock: `backlog.count` open requests whose ages sit at the quantiles
 * (i + ½)/N of the stock's LN(ageMonths) age, the oldest `round(count · shares.postIa)` past their
 * agreement holding `heldMW` between them and the rest holding the remaining `totalMW` (equal shares).
 * Placing a request in it must give the preset's own distribution (test/unit/queue-file-place.test.ts).
 */
export function recordsFromStock(params: QueueParams): { records: QueueRecord[]; asOfDay: number } {
  const stock = params.stock;
  const [y, m, d] = (stock?.asOf ?? '2025-01-01').split('-').map(Number);
  const asOfDay = Date.UTC(y, (m ?? 1) - 1, d ?? 1) / 86_400_000;
  const n = params.backlog.count;
  const age = lognormalFromP50P90(stock?.ageMonths.p50 ?? 24, stock?.ageMonths.p90 ?? 72);
  const ages = Array.from({ length: n }, (_, i) => lognormalInv(age, (i + 0.5) / n)).sort((a, b) => b - a);
  const held = Math.round(n * params.backlog.shares.postIa);
  const total = stock?.totalMW ?? n * params.arrivals.sizeMW.p50;
  const heldMW = stock?.heldMW ?? 0;
  return {
    asOfDay,
    records: ages.map((a, i) => {
      const requestDay = asOfDay - Math.round(a * DAYS_PER_MONTH);
      const isHeld = i < held;
      return {
        row: i + 2,
        id: `STOCK-${i + 1}`,
        name: '',
        status: 'active',
        requestDay,
        agreementDay: isHeld ? Math.min(asOfDay, requestDay + Math.round(a * DAYS_PER_MONTH * 0.8)) : null,
        withdrawnDay: null,
        operationDay: null,
        state: '',
        county: '',
        poi: '',
        zone: '',
        type: '',
        mw: isHeld ? heldMW / held : (total - heldMW) / Math.max(1, n - held),
      } satisfies QueueRecord;
    }),
  };
}
