/**
 * What a loaded queue file holds, for the panel: counts and MW by status, by type and by request
 * year, open MW by phase (past the agreement or not), and a sorted, filtered view of the rows.
 * Keys are file text, so every grouping is a Map.
 */
import type { QueueStatus } from './columns';
import { isOpen } from './place';
import type { QueueRecord } from './records';

export interface CountMW {
  requests: number;
  mw: number;
}

export interface QueueFileSummary {
  byStatus: Array<[QueueStatus, CountMW]>;
  /** largest MW first */
  byType: Array<[string, CountMW]>;
  byYear: Array<[number, CountMW]>;
  /** open requests before / after their agreement (null when the file has no agreement dates) */
  openByPhase: { beforeAgreement: CountMW; pastAgreement: CountMW } | null;
  /** open MW by county ("County, ST"), for the map */
  openByCounty: Array<[string, CountMW]>;
}

function add<K>(m: Map<K, CountMW>, k: K, mw: number) {
  const v = m.get(k);
  if (v) {
    v.requests++;
    v.mw += mw;
  } else m.set(k, { requests: 1, mw });
}

export function summariseQueueFile(records: readonly QueueRecord[]): QueueFileSummary {
  const status = new Map<QueueStatus, CountMW>();
  const type = new Map<string, CountMW>();
  const year = new Map<number, CountMW>();
  const county = new Map<string, CountMW>();
  const before: CountMW = { requests: 0, mw: 0 };
  const past: CountMW = { requests: 0, mw: 0 };
  let agreements = false;
  for (const r of records) {
    add(status, r.status, r.mw);
    add(type, r.type || '(no type)', r.mw);
    add(year, new Date(r.requestDay * 86_400_000).getUTCFullYear(), r.mw);
    if (r.agreementDay !== null) agreements = true;
    if (isOpen(r)) {
      const phase = r.agreementDay !== null ? past : before;
      phase.requests++;
      phase.mw += r.mw;
      if (r.county) add(county, r.state ? `${r.county}, ${r.state}` : r.county, r.mw);
    }
  }
  return {
    byStatus: [...status].sort((a, b) => b[1].requests - a[1].requests),
    byType: [...type].sort((a, b) => b[1].mw - a[1].mw),
    byYear: [...year].sort((a, b) => a[0] - b[0]),
    openByPhase: agreements ? { beforeAgreement: before, pastAgreement: past } : null,
    openByCounty: [...county].sort((a, b) => b[1].mw - a[1].mw),
  };
}

/** Filters of the table: text matches are case-blind substrings; MW bounds inclusive. */
export interface RecordFilter {
  state?: string;
  county?: string;
  poi?: string;
  type?: string;
  minMW?: number;
  maxMW?: number;
}
export type SortKey = 'id' | 'name' | 'state' | 'county' | 'poi' | 'type' | 'mw' | 'requestDay' | 'status';

/** The rows that pass the filter, sorted (stable: ties keep file order), at most `limit` of them. */
export function viewRecords(records: readonly QueueRecord[], filter: RecordFilter, sort: SortKey, descending: boolean, limit = 200): { rows: QueueRecord[]; matched: number } {
  const has = (v: string, f: string | undefined) => !f || v.toLowerCase().includes(f.trim().toLowerCase());
  const kept = records.filter(
    (r) => has(r.state, filter.state) && has(r.county, filter.county) && has(r.poi, filter.poi) && has(r.type, filter.type) && (filter.minMW === undefined || r.mw >= filter.minMW) && (filter.maxMW === undefined || r.mw <= filter.maxMW),
  );
  const sign = descending ? -1 : 1;
  const sorted = kept
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => {
      const x = a[sort];
      const y = b[sort];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c !== 0 ? sign * c : i - j;
    })
    .map(([r]) => r);
  return { rows: sorted.slice(0, limit), matched: kept.length };
}
