/**
 * `npm run --silent simulate -- --model queue (--preset <id> | --site <id>) [--mw MW] --trials N
 * --seed S --workers W [--validation] [--json]`.
 *
 * Months from today throughout. In JSON, a percentile "> horizon" prints as null and `neverShare`
 * says how many trials were never energized within the horizon (Infinity has no JSON form).
 */
import { own } from '../../src/sim/param-paths';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Percentiles } from '../../src/sim/histogram';
import type { SummaryOf } from '../../src/sim/models';
import { checkForward, describeForward, type ForwardChoice } from '../../src/sim/queue/forward';
import { validateQueueRequest } from '../../src/sim/queue/params';
import { loadQueuePresets, paramsWithForward } from '../../src/sim/queue/presets';
import { DEFAULT_SEED, DEFAULT_TRIALS } from '../../src/sim/run-defaults';
import { CliArgs, CliError, workersFlag } from './cli-args';
import { curtailJson, curtailmentRequestFor, formatCurtail, readCurtailFlags, type CurtailFlags } from './curtail-cli';
import type { CurtailableQueueRequest } from '../../src/sim/curtailment/runner';
import { runModel } from './run-model';
import { siteQueueInput } from './site-lookup';
import { gridAccessJson, siteGridAccessFromDisk } from './grid-access-cli';
import { jsonDepthProblem } from '../../src/snapshot/json-syntax';

/** Horizons at which the JSON reports P(energized by then), months. */
const PROB_BY_MONTHS = [12, 24, 36, 48, 60, 120];

export interface QueueCliArgs {
  preset?: string;
  site?: string;
  mw?: number;
  trials: number;
  seed: number;
  workers: number;
  /** run every trial to the horizon and report the cohort validation block */
  validation: boolean;
  /** forward path: "flat", "trend", or a JSON file holding {"rows":[{year, …}]} (absent: the preset's default) */
  forward?: string;
  /** repository root holding data/ */
  root: string;
  /** --curtailable and its flags (curtail-cli.ts) */
  curtail?: CurtailFlags;
}

const months = (p: Percentiles) => ({ p10: p.p10, p50: p.p50, p90: p.p90, neverShare: p.neverShare, se10: p.se10, se50: p.se50, se90: p.se90 });

/**
 * The queue request of a preset or a bundled site, as `simulate --model queue` runs it: the preset's
 * parameters under the forward path, the site's MW, its own grid access and, with --curtailable, the
 * region's curtailment. Bad flags throw CliError. The portfolio command builds each site with it.
 */
export function queueRequestFromDisk(a: Omit<QueueCliArgs, 'workers'>) {
  if (!a.preset === !a.site) throw new CliError(a.site ? '--site' : '--preset', 'give exactly one of --preset <id> or --site <id>');
  const site = a.site ? siteQueueInput(a.root, a.site) : null;
  const presetId = site ? site.queuePreset : (a.preset as string);
  const { presets, errors } = loadQueuePresets(JSON.parse(readFileSync(resolve(a.root, 'data/regions.json'), 'utf8')));
  const preset = own(presets, presetId);
  if (!preset) {
    const broken = errors.find((e) => e.field.startsWith(`queuePresets.${presetId}`));
    if (broken) throw new Error(`data/regions.json › ${broken.field}: ${broken.message}`);
    throw new CliError(site ? '--site' : '--preset', `no queue preset "${presetId}"; known: ${Object.keys(presets).join(', ')}`);
  }
  // A preset's own typical request (e.g. within Singapore's per-project limit) when neither --mw nor a site says.
  const projectMW = a.mw ?? site?.projectMW ?? preset.defaultProjectMW;
  const forward = readForward(a.forward, a.root) ?? preset.forward.default;
  const withForward = paramsWithForward(preset, forward);
  if (!withForward.ok) {
    const e = withForward.errors[0];
    throw new CliError('--forward', `${e.field}: ${e.message}`);
  }
  const req = validateQueueRequest({ presetId, params: withForward.value, projectMW, trials: a.trials, seed: a.seed, runToHorizon: a.validation });
  if (!req.ok) {
    const e = req.errors[0];
    const flag = e.field === 'projectMW' ? '--mw' : e.field === 'trials' ? '--trials' : e.field === 'seed' ? '--seed' : `data/regions.json › queuePresets.${presetId}.${e.field}`;
    throw new CliError(flag, e.message);
  }
  const curtailment = a.curtail ? curtailmentRequestFor(a.root, a.curtail, presetId, projectMW, req.value.params) : undefined;
  // A bundled site's own grid access (nearest qualifying substation); a preset-only run has none.
  const access = site ? siteGridAccessFromDisk(a.root, site, projectMW) : null;
  const request: CurtailableQueueRequest = {
    ...req.value,
    ...(curtailment ? { curtailment } : {}),
    ...(access?.draw ? { gridAccess: access.draw } : {}),
  };
  return { request, site, presetId, preset, forward, access };
}

/** Runs the queue model; bad flags throw CliError. The result is plain data (Infinity = "> horizon"). */
export async function runQueueCli(a: QueueCliArgs) {
  const { request, site, presetId, preset, forward, access } = queueRequestFromDisk(a);
  return queueOutput(await runModel('queue', request, a.workers), {
    preset: presetId,
    presetName: preset.name,
    site: site?.id ?? null,
    workers: a.workers,
    forward: typeof forward === 'string' ? forward : 'table',
    forwardAssumes: (asOf: string | null) => describeForward(forward, preset.forward.trend, asOf ?? undefined),
    validation: a.validation,
    access: site ? access : undefined,
  });
}

type QueueSummaryOut = SummaryOf<'queue'>;

/** What a queue run prints, whichever way its request was built (a preset, a site, a queue file). */
export function queueOutput(
  s: QueueSummaryOut,
  meta: {
    preset: string;
    presetName: string;
    site: string | null;
    workers: number;
    forward: string;
    forwardAssumes: (asOf: string | null) => string;
    validation: boolean;
    /** a bundled site's grid access (undefined: not a site run) */
    access?: ReturnType<typeof siteGridAccessFromDisk>;
  },
) {
  const cdfAt = (m: number) => s.cdf.find(([t]) => t >= m)?.[1] ?? s.cdf[s.cdf.length - 1][1];
  return {
    model: 'queue' as const,
    preset: meta.preset,
    presetName: meta.presetName,
    site: meta.site,
    trials: s.trials,
    seed: s.seed,
    projectMW: s.projectMW,
    workers: meta.workers,
    template: s.template,
    horizonMonths: s.horizonMonths,
    asOf: s.asOf,
    forward: meta.forward,
    forwardAssumes: meta.forwardAssumes(s.asOf),
    neverReasons: s.neverReasons,
    timeToPower: months(s.timeToPower),
    timeToIA: months(s.timeToIA),
    timeToFullRequest: months(s.timeToFull),
    firstBlockShare: s.firstBlockShare,
    headroomWait: { ...months(s.headroomWait), trials: s.headroomWait.n },
    probEnergizedBy: Object.fromEntries(PROB_BY_MONTHS.filter((m) => m <= s.horizonMonths).map((m) => [String(m), cdfAt(m)])),
    mwAheadAtEntry: s.mwAheadAtEntry,
    projectsAheadAtEntry: s.projectsAheadAtEntry,
    mwAheadFan: s.queueMWFan,
    eventsPerTrial: s.eventsPerTrial,
    ...(meta.access !== undefined ? { gridAccess: gridAccessJson(meta.access, s.gridAccess?.months) } : {}),
    ...(meta.validation ? { validation: s.validation, activeQueueMWFan: s.activeQueueMWFan } : {}),
    ...(s.curtailment ? curtailJson(s.curtailment, s.asOf ? `months from ${s.asOf}, the queue's as-of date` : undefined) : {}),
    units: `${s.asOf ? `months from ${s.asOf}, the queue's as-of date, when the request is filed` : 'months from today'}; MW; null = beyond the horizon (neverShare = share of trials not energized within it)`,
  };
}

/** `--forward flat|trend|<file.json>`: a file holds a typed path {"rows":[{"year":2027,"arrivalsPerYear":300}]}. */
export function readForward(flag: string | undefined, root: string): ForwardChoice | undefined {
  if (flag === undefined || flag === 'flat' || flag === 'trend') return flag;
  let parsed: unknown;
  try {
    const text = readFileSync(resolve(root, flag), 'utf8');
    const tooDeep = jsonDepthProblem(text);
    if (tooDeep) throw new Error(tooDeep);
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CliError('--forward', `must be flat, trend or a readable JSON file; ${flag}: ${e instanceof Error ? e.message : e}`);
  }
  const errors = checkForward(parsed, '1900-01-01');
  if (errors.length) throw new CliError('--forward', `${flag} › ${errors[0].field}: ${errors[0].message}`);
  return parsed as ForwardChoice;
}

export type QueueCliOutput = ReturnType<typeof queueOutput>;

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : v === Infinity ? '> horizon' : '–');
const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');
const row = (label: string, p: ReturnType<typeof months>) =>
  `  ${label.padEnd(18)}${fmt(p.p10).padStart(11)}${fmt(p.p50).padStart(11)}${fmt(p.p90).padStart(11)}   ± ${fmt(p.se50, 2)} / ${fmt(p.se90, 2)}   never ${pct(p.neverShare)}`;

/** The readable table printed without --json. */
export function formatQueueCli(o: QueueCliOutput): string {
  const lines = [
    `Queue model: ${o.presetName} — preset ${o.preset}, ${o.template} template${o.site ? `, site ${o.site}` : ''}`,
    `Starts from the queue as of ${o.asOf ?? '(undated)'}; forward path: ${o.forwardAssumes}`,
    `${o.projectMW} MW request, ${o.trials.toLocaleString('en-US')} trials, seed ${o.seed}, ${o.workers} worker(s), horizon ${o.horizonMonths} months`,
    '',
    // Months count from the queue's as-of date, when the request is filed (the app's Grid queue tab says the same).
    `  ${(o.asOf ? `months from ${o.asOf}` : 'months from today').padEnd(24)}${'P10'.padStart(5)}${'P50'.padStart(11)}${'P90'.padStart(11)}   ± SE of P50 / P90`,
    row(o.firstBlockShare < 1 ? 'first MW' : 'energized', o.timeToPower),
    ...(o.firstBlockShare < 1 ? [row('full request', o.timeToFullRequest)] : []),
    row('agreement (IA)', o.timeToIA),
    '',
    `  P(energized by): ${Object.entries(o.probEnergizedBy)
      .map(([m, p]) => `${m} mo ${pct(p)}`)
      .join(' · ')}`,
    `  ahead at filing: ${o.projectsAheadAtEntry} requests, ${fmt(o.mwAheadAtEntry.p50, 0)} MW (P10 ${fmt(o.mwAheadAtEntry.p10, 0)}, P90 ${fmt(o.mwAheadAtEntry.p90, 0)})`,
    `  MW still ahead at year end (P50): ${o.mwAheadFan.p50
      .slice(0, 8)
      .map((v, i) => `y${i + 1} ${fmt(v, 0)}`)
      .join(', ')}`,
    `  events per trial: ${fmt(o.eventsPerTrial, 0)}`,
    ...o.neverReasons.map((r) => `  not energized within the horizon in ${pct(r.share)} of trials: ${r.why}`),
  ];
  if ('gridAccess' in o) {
    const g = o.gridAccess;
    lines.push(
      g
        ? `  grid access: nearest ${g.nearestSubstation.voltageKV} kV ${g.nearestSubstation.name ?? '(unnamed)'}, ${g.nearestSubstation.distanceKm} km (${g.nearestSubstation.source}); ${g.skipped === 'connected' ? 'skipped: the site\'s connection covers the request' : `phase P10/P50/P90 ${g.months.p10} / ${g.months.p50} / ${g.months.p90} months`}`
        : '  grid access: no grid data covers this site (no phase)',
    );
  }
  if ('validation' in o && o.validation) {
    const v = o.validation;
    const w = v.withdrawnPhaseShares;
    lines.push(
      '',
      `  cohort (requests filed in months ${v.cohortWindowMonths.join('–')}): ${v.cohortProjects.toLocaleString('en-US')} requests`,
      `    energized ${pct(v.energizedShare)} of requests, ${pct(v.energizedMWShare)} of MW; withdrawn at feas/SIS/FS/after IA ${[w.feas, w.sis, w.fs, w.postIa].map(pct).join(' / ')}`,
      `    request → energized P10/P50/P90 ${fmt(v.requestToEnergize.p10)} / ${fmt(v.requestToEnergize.p50)} / ${fmt(v.requestToEnergize.p90)}; request → IA P50 ${fmt(v.requestToIA.p50)}`,
      `    Little's law L/(λW) = ${v.little ? v.little.ratio.toFixed(4) : '–'}`,
    );
  }
  return lines.join('\n');
}

/** The `--model queue` command: reads its flags from the shared parser. */
export async function queueCommand(args: CliArgs, root: string): Promise<{ json: unknown; text: () => string }> {
  const a: QueueCliArgs = {
    preset: args.string('--preset'),
    site: args.string('--site'),
    mw: args.number('--mw', { min: 0.001, max: 1e6, what: 'a number of MW' }),
    // No bounds here: validateQueueRequest refuses 0 or too many trials and says why.
    trials: args.number('--trials', { min: -Infinity, max: Infinity, whole: true, what: 'a whole number of trials', fallback: DEFAULT_TRIALS }),
    seed: args.number('--seed', { min: 0, max: 0xffffffff, whole: true, fallback: DEFAULT_SEED }),
    workers: workersFlag(args),
    validation: args.bool('--validation'),
    forward: args.string('--forward'),
    root,
    curtail: readCurtailFlags(args),
  };
  args.rejectUnknown();
  const out = await runQueueCli(a);
  return { json: out, text: () => [formatQueueCli(out), ...('curtailment' in out && out.curtailment ? formatCurtail(out as unknown as ReturnType<typeof curtailJson>) : [])].join('\n') };
}
