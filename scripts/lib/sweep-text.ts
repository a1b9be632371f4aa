/** The readable table `npm run sweep` prints without --json. */
import type { SweepOutput } from '../../src/sim/sweep/run';

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : v === Infinity ? '> horizon' : '–');
const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

export function formatSweep(o: SweepOutput): string {
  const head = `${'rank'.padStart(4)}  ${'cell'.padEnd(56)}${'P10'.padStart(10)}${'P50'.padStart(10)}${'P90'.padStart(10)}${`P(≤${o.byMonths} mo)`.padStart(12)}${'never'.padStart(8)}`;
  const rows = [...o.rows]
    .sort((a, b) => a.rank - b.rank)
    .map((r) => `${String(r.rank).padStart(4)}  ${r.key.slice(0, 55).padEnd(56)}${fmt(r.p10).padStart(10)}${fmt(r.p50).padStart(10)}${fmt(r.p90).padStart(10)}${pct(r.probEnergizedBy).padStart(12)}${pct(r.neverShare).padStart(8)}`);
  return [`Sweep: ${o.cells} cells × ${o.trials.toLocaleString('en-US')} trials, seed ${o.seed}, ranked by ${o.rankBy}; months to power from today`, '', head, ...rows].join('\n');
}
