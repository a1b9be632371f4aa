/** The readable table `npm run sweep` prints without --json. */
import type { SweepOutput } from '../../src/sim/sweep/run';

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : v === Infinity ? '> horizon' : '–');
const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

export function formatSweep(o: SweepOutput): string {
  const head = `${'rank'.padStart(4)}  ${'cell'.padEnd(56)}${'P10'.padStart(10)}${'P50'.padStart(10)}${'P90'.padStart(10)}${`P(≤${o.byMonths} mo)`.padStart(12)}${'never'.padStart(8)}`;
  const rows = [...o.rows]
    .sort((a, b) => a.rank - b.rank)
    .map((r) => `${String(r.rank).padStart(4)}  ${r.key.slice(0, 55).padEnd(56)}${fmt(r.p10).padStart(10)}${fmt(r.p50).padStart(10)}${fmt(r.p90).padStart(10)}${pct(r.probEnergizedBy).padStart(12)}${pct(r.neverShare).padStart(8)}`);
  const portfolios = o.portfolios.map((p) => {
    const best = p.best ? `; best set (${p.best.method === 'exact' ? 'exact' : 'greedy with swaps'}, ${p.best.evaluated} sets): ${p.best.sites.join(' + ')} at ${pct(p.best.pTarget)}` : '';
    const own = p.pTarget === null ? '' : `: P(≥ ${p.targetMW} MW by ${p.by}) ${pct(p.pTarget)}, reached P50 ${p.reachedP50 ?? '> horizon'}`;
    return `  ${p.name}${own}${best}`;
  });
  const tail = portfolios.length ? ['', `Portfolios (${portfolios.length}):`, ...portfolios] : [];
  return [`Sweep: ${o.cells} cells × ${o.trials.toLocaleString('en-US')} trials, seed ${o.seed}, ranked by ${o.rankBy}; months to power from today`, '', head, ...rows, ...tail].join('\n');
}
