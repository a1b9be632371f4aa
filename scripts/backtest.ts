/**
 * `npm run --silent backtest -- [--preset <id>] [--seed S] [--trials N] [--json]`: every backtest row
 * of data/backtests.json, each started from its dated published stock and run forward with the
 * published inflow. With --json: one object
 * `{"rows":[{"id","figure","source","published","simulated":{"p10","p50","p90"},"pass",…}],"passed":N,"failed":N}`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadBacktests, runBacktestRows } from '../src/sim/queue/backtest';
import { loadQueuePresets } from '../src/sim/queue/presets';
import { CliArgs, CliError } from './lib/cli-args';

/** The seed the published rows are checked with (any seed gives the same verdicts within noise). */
export const BACKTEST_SEED = 20261201;

function main(): void {
  const args = new CliArgs(process.argv.slice(2));
  const json = args.bool('--json');
  const preset = args.string('--preset');
  const seed = args.number('--seed', { min: 0, max: 2 ** 32 - 1, whole: true, fallback: BACKTEST_SEED });
  const trials = args.number('--trials', { min: 2, max: 100_000, whole: true });
  args.rejectUnknown();
  const root = resolve(new URL('..', import.meta.url).pathname);
  const { presets, errors } = loadQueuePresets(JSON.parse(readFileSync(resolve(root, 'data/regions.json'), 'utf8')));
  if (errors.length) throw new Error(`data/regions.json › ${errors[0].field}: ${errors[0].message}`);
  const loaded = loadBacktests(JSON.parse(readFileSync(resolve(root, 'data/backtests.json'), 'utf8')));
  if (!loaded.ok) throw new Error(`data/backtests.json › ${loaded.errors[0].field}: ${loaded.errors[0].message}`);
  const rows = loaded.value.filter((r) => !preset || r.preset === preset);
  if (preset && rows.length === 0) throw new CliError('--preset', `no backtest rows for "${preset}"; presets with rows: ${[...new Set(loaded.value.map((r) => r.preset))].join(', ')}`);
  const results = runBacktestRows(rows, (id) => (Object.hasOwn(presets, id) ? presets[id] : undefined), seed, trials);
  const out = results.map((r, k) => {
    if (!r.ok) throw new Error(`data/backtests.json › ${r.errors[0].field}: ${r.errors[0].message}`);
    const v = r.value;
    return { id: v.id, preset: v.preset, figure: v.figure, source: v.source, unit: v.unit, tolerance: v.tolerance, published: v.published, simulated: v.simulated, pass: v.pass, verdict: v.verdict, knownGap: v.knownGap, trials: v.trials, index: k };
  });
  const passed = out.filter((r) => r.pass).length;
  if (json) {
    process.stdout.write(`${JSON.stringify({ rows: out.map(({ index: _i, ...r }) => r), passed, failed: out.length - passed, seed })}\n`);
    return;
  }
  for (const r of out) {
    const f = (v: number) => (Math.abs(v) < 10 ? v.toFixed(3) : Math.round(v).toLocaleString('en-US'));
    console.log(`${r.pass ? 'PASS' : 'FAIL'}  ${r.id}: published ${f(r.published)} ${r.unit}; simulated P10/P50/P90 ${f(r.simulated.p10)} / ${f(r.simulated.p50)} / ${f(r.simulated.p90)} — ${r.verdict}${r.knownGap ? ` [known gap: ${r.knownGap}]` : ''}`);
  }
  console.log(`${passed} passed, ${out.length - passed} failed (seed ${seed})`);
}

try {
  main();
} catch (e) {
  if (e instanceof CliError) {
    console.error(`backtest: ${e.message}`);
    process.exit(2);
  }
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
