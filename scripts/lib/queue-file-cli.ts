/**
 * `npm run --silent simulate -- --model queue --queue-file F [--scope all|poi:NAME|county:NAME|zone:NAME]
 * [--mw MW] [--preset BASE] [--forward flat|<file.json>] [--as-of YYYY-MM-DD] --json`.
 *
 * Reads the file (gridstatus or LBNL columns), fits withdrawal and operation from its records, turns
 * the fit into a preset on top of BASE (default us-lbnl: it supplies what a file cannot say, such as
 * the horizon), places the request behind the file's open requests at the scope, and runs the queue.
 * Bad rows go to stderr by row number and column; a file with no usable row exits 2 naming it.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { loadQueueFile } from '../../src/files/load-queue-file';
import { backtestQueueFile } from '../../src/sim/queue-file/backtest';
import { fitQueueFile } from '../../src/sim/queue-file/fit';
import { describeScope, parseScope, placeInFile, presetFromFit } from '../../src/sim/queue-file/place';
import { dayToIso, readDay } from '../../src/sim/queue-file/records';
import { applyForward, describeForward } from '../../src/sim/queue/forward';
import { validateQueueRequest } from '../../src/sim/queue/params';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import { DEFAULT_SEED, DEFAULT_TRIALS } from '../../src/sim/run-defaults';
import { CliArgs, CliError, workersFlag } from './cli-args';
import { formatQueueCli, queueOutput, readForward } from './queue-cli';
import { runModel } from './run-model';

export interface QueueFileCliArgs {
  file: string;
  scope?: string;
  mw?: number;
  preset?: string;
  forward?: string;
  asOf?: string;
  trials: number;
  seed: number;
  workers: number;
  root: string;
  /** where bad-row lines go (stderr in the CLI) */
  warn: (line: string) => void;
}

export async function runQueueFileCli(a: QueueFileCliArgs) {
  const scope = parseScope(a.scope ?? 'all');
  if (!scope) throw new CliError('--scope', `must be all, poi:NAME, county:NAME or zone:NAME, got "${a.scope}"`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(resolve(a.file)));
  } catch (e) {
    throw new CliError('--queue-file', `cannot read ${a.file}: ${e instanceof Error ? e.message : e}`);
  }
  const name = basename(a.file);
  const loaded = await loadQueueFile(bytes, name);
  if (!loaded.ok) {
    throw new CliError('--queue-file', loaded.needsMapping ? `${loaded.message} (the CLI reads gridstatus and Berkeley Lab columns; map other files in the app)` : loaded.message);
  }
  const { records, badCount, bad } = loaded.records;
  for (const b of bad) a.warn(`${name}: row ${b.row}, column "${b.column}": ${b.message}`);
  if (badCount > bad.length) a.warn(`${name}: ${badCount - bad.length} more bad rows not listed`);
  let asOfDay = loaded.asOfDay;
  if (a.asOf !== undefined) {
    const d = readDay(a.asOf);
    if (typeof d !== 'number') throw new CliError('--as-of', `must be a date YYYY-MM-DD, got "${a.asOf}"`);
    if (d < asOfDay) throw new CliError('--as-of', `${a.asOf} is before the latest date in ${name} (${dayToIso(asOfDay)})`);
    asOfDay = d;
  }
  const baseId = a.preset ?? 'us-lbnl';
  const { presets } = loadQueuePresets(JSON.parse(readFileSync(resolve(a.root, 'data/regions.json'), 'utf8')));
  const base = presets[baseId];
  if (!base) throw new CliError('--preset', `no queue preset "${baseId}"; known: ${Object.keys(presets).join(', ')}`);
  const fit = fitQueueFile(records, asOfDay);
  const fitted = presetFromFit(fit, records, asOfDay, base.baseParams);
  const placed = placeInFile(records, asOfDay, scope, fitted);
  if (!placed.ok) throw new CliError('--scope', placed.message);
  const forward = readForward(a.forward, a.root) ?? 'flat';
  const withForward = applyForward(placed.value.params, null, forward);
  if (!withForward.ok) throw new CliError('--forward', `${withForward.errors[0].field}: ${withForward.errors[0].message}`);
  const projectMW = a.mw ?? base.defaultProjectMW;
  const req = validateQueueRequest({ presetId: `file:${name}`, params: withForward.value, projectMW, trials: a.trials, seed: a.seed });
  if (!req.ok) {
    const e = req.errors[0];
    const flag = e.field === 'projectMW' ? '--mw' : e.field === 'trials' ? '--trials' : e.field === 'seed' ? '--seed' : '--queue-file';
    throw new CliError(flag, `${e.field}: ${e.message}`);
  }
  const s = await runModel('queue', req.value, a.workers);
  // Against the file's own history, up to its own latest date (not a later --as-of).
  const bt = backtestQueueFile(records, loaded.asOfDay, base.baseParams, { seed: a.seed });
  return {
    ...queueOutput(s, {
      preset: `file:${name}`,
      presetName: `fitted to ${name} (as of ${fit.asOf}; other settings from ${base.name})`,
      site: null,
      workers: a.workers,
      forward: typeof forward === 'string' ? forward : 'table',
      forwardAssumes: (asOf) => describeForward(forward, null, asOf ?? undefined),
      validation: false,
    }),
    queueFile: {
      name,
      format: loaded.format,
      asOf: fit.asOf,
      records: records.length,
      badRows: badCount,
      scope: describeScope(scope),
      ahead: placed.value.ahead,
      fit: { withdrawalPerYear: fit.parametric.withdrawalPerYear, operationMonths: fit.parametric.operation, residualsPoints: fit.parametric.residuals, incidence: fit.overall },
    },
    /** the fitted preset run from the file's state at a cut date against what the file records since */
    backtest: bt.ok ? bt.value : { error: bt.message },
  };
}

export type QueueFileCliOutput = Awaited<ReturnType<typeof runQueueFileCli>>;

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

const round = (v: number) => Math.round(v).toLocaleString('en-US');

/** Lines printed under the usual summary. */
export function formatQueueFile(q: QueueFileCliOutput['queueFile'], bt: QueueFileCliOutput['backtest']): string[] {
  const backtest =
    'error' in bt
      ? [`  backtest: ${bt.error}`]
      : [
          `  backtest: fitted on the file up to ${bt.cut}, run to ${bt.end} (${bt.trials} trials): recorded vs simulated P50 [P10–P90]`,
          ...bt.rows.map((r) => `    ${r.pass ? 'PASS' : 'FAIL'} ${r.what}: ${round(r.actual)} vs ${round(r.simulated.p50)} [${round(r.simulated.p10)}–${round(r.simulated.p90)}] ${r.unit}; ${r.verdict}`),
        ];
  return [
    '',
    `Queue file ${q.name} (${q.format}), as of ${q.asOf}: ${q.records.toLocaleString('en-US')} requests read, ${q.badRows.toLocaleString('en-US')} bad rows left out`,
    `  ahead of the request at ${q.scope}: ${q.ahead.requests.toLocaleString('en-US')} requests, ${Math.round(q.ahead.mw).toLocaleString('en-US')} MW${q.ahead.heldMW === null ? '' : ` (${Math.round(q.ahead.heldMW).toLocaleString('en-US')} MW past their agreement)`}`,
    `  fit: withdrawals ${q.fit.withdrawalPerYear.toFixed(3)} per year; request → operation P50 ${q.fit.operationMonths.p50.toFixed(1)}, P90 ${q.fit.operationMonths.p90.toFixed(1)} months`,
    `  cumulative incidence (withdrawn / operational): ${q.fit.incidence.map((p) => `${p.months} mo ${pct(p.withdrawn)} / ${pct(p.operational)}`).join(' · ')}`,
    `  residuals, points (file − fitted form): ${q.fit.residualsPoints.map((r) => `${r.months} mo ${r.withdrawn} / ${r.operational}`).join(' · ')}`,
    ...backtest,
  ];
}

/** `--model queue --queue-file F …`: reads its flags from the shared parser. */
export async function queueFileCommand(args: CliArgs, root: string): Promise<{ json: unknown; text: () => string }> {
  const a: QueueFileCliArgs = {
    file: args.string('--queue-file') ?? '',
    scope: args.string('--scope'),
    mw: args.number('--mw', { min: 0.001, max: 1e6, what: 'a number of MW' }),
    preset: args.string('--preset'),
    forward: args.string('--forward'),
    asOf: args.string('--as-of'),
    trials: args.number('--trials', { min: -Infinity, max: Infinity, whole: true, what: 'a whole number of trials', fallback: DEFAULT_TRIALS }),
    seed: args.number('--seed', { min: 0, max: 0xffffffff, whole: true, fallback: DEFAULT_SEED }),
    workers: workersFlag(args),
    root,
    warn: (line) => process.stderr.write(`${line}\n`),
  };
  args.rejectUnknown();
  const out = await runQueueFileCli(a);
  return { json: out, text: () => [formatQueueCli(out), ...formatQueueFile(out.queueFile, out.backtest)].join('\n') };
}
