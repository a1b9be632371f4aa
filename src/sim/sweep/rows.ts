/**
 * One row per sweep cell (the figures a planner compares) and the ranking of cells. Months from
 * today; Infinity means "> horizon" (JSON prints it as null and `neverShare` says how often).
 */
import type { QueueSummary } from '../queue/summary';
import type { SweepCell, SweepSpec } from './spec';

/** A cell's identity (site, preset, forward path, parameter values, MW) and its figures. */
export interface SweepRow extends Omit<SweepCell, 'request'> {
  /** the cell's own seed, hashed from (sweep seed, key) */
  seed: number;
  trials: number;
  /** months to power */
  p10: number;
  p50: number;
  p90: number;
  /** P(energized within spec.byMonths months) */
  probEnergizedBy: number;
  /** share of trials not energized within the horizon */
  neverShare: number;
  /** 1 = best by spec.rankBy */
  rank: number;
}

/** P(energized by `months`) read off the summary's monthly curve. */
export function probEnergizedBy(summary: Pick<QueueSummary, 'cdf'>, months: number): number {
  const cdf = summary.cdf;
  return cdf.find(([t]) => t >= months)?.[1] ?? cdf[cdf.length - 1][1];
}

export function sweepRow(cell: SweepCell, summary: QueueSummary, byMonths: number): SweepRow {
  const t = summary.timeToPower;
  const { request, ...identity } = cell;
  return {
    ...identity,
    seed: request.seed,
    trials: summary.trials,
    p10: t.p10,
    p50: t.p50,
    p90: t.p90,
    probEnergizedBy: probEnergizedBy(summary, byMonths),
    neverShare: t.neverShare,
    rank: 0,
  };
}

/** Orders rows best first by `rankBy` (ties: P90, then P(by), then key) and numbers them 1…n. */
export function rankRows(rows: SweepRow[], rankBy: SweepSpec['rankBy']): SweepRow[] {
  const lower = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);
  const order = [...rows].sort((a, b) => {
    const primary = rankBy === 'probEnergizedBy' ? lower(b.probEnergizedBy, a.probEnergizedBy) : lower(a[rankBy], b[rankBy]);
    return primary || lower(a.p90, b.p90) || lower(b.probEnergizedBy, a.probEnergizedBy) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
  const rank = new Map(order.map((r, i) => [r.key, i + 1]));
  return rows.map((r) => ({ ...r, rank: rank.get(r.key) as number }));
}

/** Cell keys, best first. */
export function ranking(rows: readonly SweepRow[]): string[] {
  return [...rows].sort((a, b) => a.rank - b.rank).map((r) => r.key);
}
