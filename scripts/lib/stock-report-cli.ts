/**
 * `npm run --silent simulate -- --preset <id> --stock-report [--trials N] [--seed S] [--json]`: the
 * preset's queue run forward with flat inputs, its shape (mean age, share past agreement, MW by
 * phase) read at months 0, 12, 24 and 60 (src/sim/queue/stock-report.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadQueuePresets, paramsWithForward } from '../../src/sim/queue/presets';
import { stockShapeReport, type StockShapeReport } from '../../src/sim/queue/stock-report';
import { CliArgs, CliError } from './cli-args';

export interface StockReportCliOutput extends StockShapeReport {
  model: 'stock-report';
  preset: string;
  presetName: string;
  asOf: string | null;
  forward: 'flat';
  units: string;
}

export function runStockReportCli(args: CliArgs, root: string): StockReportCliOutput {
  const id = args.string('--preset');
  const trials = args.number('--trials', { min: 1, max: 10_000, whole: true, fallback: 200 });
  const seed = args.number('--seed', { min: 0, max: 0xffffffff, whole: true, fallback: 1 });
  if (!id) throw new CliError('--preset', 'is required with --stock-report');
  const { presets } = loadQueuePresets(JSON.parse(readFileSync(resolve(root, 'data/regions.json'), 'utf8')));
  const preset = Object.hasOwn(presets, id) ? presets[id] : undefined;
  if (!preset) throw new CliError('--preset', `no queue preset "${id}"; known: ${Object.keys(presets).join(', ')}`);
  const p = paramsWithForward(preset, 'flat');
  if (!p.ok) throw new Error(`${p.errors[0].field}: ${p.errors[0].message}`);
  return {
    model: 'stock-report',
    preset: id,
    presetName: preset.name,
    asOf: p.value.stock?.asOf ?? null,
    forward: 'flat',
    ...stockShapeReport(p.value, seed, trials),
    units: 'months after the as-of date; mean age in months since filing; MW; drift = value ÷ value at month 0',
  };
}

export function formatStockReport(o: StockReportCliOutput): string {
  const gw = (v: number) => `${(v / 1000).toFixed(1)} GW`;
  return [
    `Stock shape: ${o.presetName}, queue as of ${o.asOf ?? '(undated)'}, flat inputs, ${o.trials} trials (seed ${o.seed})`,
    `  month   mean age   past agreement   active        feas / sis / fs (of it waiting for capacity) / past agreement`,
    ...o.rows.map(
      (r) =>
        `  ${String(r.month).padStart(5)}   ${r.meanAgeMonths.toFixed(1).padStart(5)} mo   ${(r.sharePastAgreement * 100).toFixed(1).padStart(12)}%   ${gw(r.activeMW).padStart(10)}    ${gw(r.mwByPhase.feas)} / ${gw(r.mwByPhase.sis)} / ${gw(r.mwByPhase.fs)} (${gw(r.waitingForCapacityMW)}) / ${gw(r.mwByPhase.postIa)}`,
    ),
  ].join('\n');
}
