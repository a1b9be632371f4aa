/**
 * `npm run --silent simulate -- --model buy-vs-build --site <id> --trials N --seed S --json`.
 *
 * The app's pipeline (src/sim/buy-vs-build/pipeline.ts) in this thread: the site's queue model
 * (QUEUE_TRIALS_FOR_BUY_VS_BUILD trials, seed queueSeedFor(seed), a request of the site's AI grid
 * MW), its quantile table feeding both arms, the buy-vs-build trials and, with --tornado, the
 * tornado: the same numbers as the app's pool.
 * Returns plain JSON-ready objects: months, USD; "> horizon" is null (neverShare says why).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FieldError, Result } from '../../src/sim/contract';
import { parseSites } from '../../src/data/load';
import type { Site } from '../../src/data/schema';
import { runInThread } from '../../src/sim/in-thread';
import { loadBuyVsBuildDefaults, type BuyVsBuildDefaults } from '../../src/sim/buy-vs-build/defaults';
import { runBuyVsBuildPipeline, TORNADO_TRIALS } from '../../src/sim/buy-vs-build/pipeline';
import { prepareBuyVsBuildRequest, QUEUE_TRIALS_FOR_BUY_VS_BUILD, queueRequestMW, siteFactsFor } from '../../src/sim/buy-vs-build/prepare';
import { queueRequestFor } from '../../src/sim/buy-vs-build/queue-basis';
import { readingLine } from '../../src/sim/buy-vs-build/reading';
import type { Percentiles } from '../../src/sim/histogram';
import { own } from '../../src/sim/param-paths';
import type { QueueRequest } from '../../src/sim/queue/params';
import type { QueueRunRequest } from '../../src/sim/queue/runner';
import type { SiteFacts } from '../../src/sim/buy-vs-build/params';
import { loadQueuePresets, type QueuePresetDoc } from '../../src/sim/queue/presets';
import type { CurtailmentRequest } from '../../src/sim/curtailment/params';
import type { CurtailableQueueRequest, CurtailableQueueSummary } from '../../src/sim/curtailment/runner';
import { CliError } from './cli-args';
import { curtailJson, curtailmentRequestFor, type CurtailFlags } from './curtail-cli';
import { greenfieldDrawFromDisk } from './grid-access-cli';
import { DEFAULT_SEED, DEFAULT_TRIALS } from '../../src/sim/run-defaults';

export interface BuyVsBuildCliArgs {
  site: string;
  trials?: number;
  seed?: number;
  /** N of "P(buy earlier by ≥ N months)" in the reading line (default: chosen from the result) */
  leadMonths?: number;
  /** overrides the default rent, USD per kW-month */
  rentUSDPerKWMonth?: number;
  /** also compute the tornado (5,000 trials per bar) */
  tornado?: boolean;
  /** repository root holding data/ (default: the working directory) */
  root?: string;
  /** --curtailable and its flags (curtail-cli.ts): the greenfield arm accepts curtailment */
  curtail?: CurtailFlags;
}

function readJson(root: string, file: string): unknown {
  return JSON.parse(readFileSync(resolve(root, file), 'utf8'));
}

/** Infinity and NaN print as null in JSON: a percentile "> horizon" (neverShare says how often). */
export function jsonSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
}

const pick = (p: Percentiles) => ({ p10: p.p10, p50: p.p50, p90: p.p90, se50: p.se50, se90: p.se90, neverShare: p.neverShare });

/** A site from data/sites.geojson with the buy-vs-build defaults and its region's queue preset; errors name --site or the data field. */
export function loadSiteContext(root: string, siteId: string): Result<{ site: Site; defaults: BuyVsBuildDefaults; preset: QueuePresetDoc }> {
  const { sites } = parseSites(readJson(root, 'data/sites.geojson'));
  const site = sites.find((s) => s.id === siteId);
  if (!site) return { ok: false, errors: [{ field: '--site', message: `no site "${siteId}"; known: ${sites.map((s) => s.id).join(', ')}` }] };
  const defaults = loadBuyVsBuildDefaults(readJson(root, 'data/buy-vs-build.json'));
  if (!defaults.ok) return { ok: false, errors: defaults.errors.map((e) => ({ ...e, field: `data/buy-vs-build.json › ${e.field}` })) };
  const preset = own(loadQueuePresets(readJson(root, 'data/regions.json')).presets, site.queuePreset);
  if (!preset) return { ok: false, errors: [{ field: `data/regions.json › queuePresets.${site.queuePreset}`, message: 'is missing or invalid' }] };
  return { ok: true, value: { site, defaults: defaults.value, preset } };
}

/**
 * The region's queue run behind a site's buy-vs-build run, as the app builds it: the site's facts,
 * and the grid-access phase of a new build at its position (the shipped grid layers and
 * data/grid-access.json; none where no layer covers the site).
 */
export function siteBasisRequest(root: string, site: Site, preset: QueuePresetDoc, facts: SiteFacts, seed: number): Result<QueueRunRequest> {
  return queueRequestFor(preset, {}, facts, seed, greenfieldDrawFromDisk(root, site, queueRequestMW(facts)));
}

/** The site's region queue model run behind time to power (QUEUE_TRIALS_FOR_BUY_VS_BUILD trials, seed queueSeedFor(seed)). */
export function runSiteQueue(
  root: string,
  ctx: { site: Site; defaults: BuyVsBuildDefaults; preset: QueuePresetDoc },
  seed: number,
  curtailment?: CurtailmentRequest,
): Result<{ request: QueueRequest; summary: CurtailableQueueSummary }> {
  const { facts } = siteFactsFor(ctx.site, ctx.defaults.params.site);
  const queueReq = siteBasisRequest(root, ctx.site, ctx.preset, facts, seed);
  if (!queueReq.ok) return queueReq;
  const run: CurtailableQueueRequest = curtailment ? { ...queueReq.value, curtailment } : queueReq.value;
  return { ok: true, value: { request: queueReq.value, summary: runInThread('queue', run) } };
}

/** Runs the site's queue model and the buy-vs-build model; errors name the flag or the data field. */
export async function runBuyVsBuildCli(args: BuyVsBuildCliArgs): Promise<Result<Record<string, unknown>>> {
  const root = args.root ?? process.cwd();
  const trials = args.trials ?? DEFAULT_TRIALS;
  const seed = args.seed ?? DEFAULT_SEED;
  const ctx = loadSiteContext(root, args.site);
  if (!ctx.ok) return ctx;
  const { site, preset } = ctx.value;
  const defaults = { value: ctx.value.defaults };

  // Bad flags are refused before the queue model spends a second: check the request on a stand-in table.
  const overrides = args.rentUSDPerKWMonth !== undefined ? { rentUSDPerKWMonth: args.rentUSDPerKWMonth } : undefined;
  const renameRent = (errors: FieldError[]) => errors.map((e) => ({ ...e, field: e.field === 'params.rentUSDPerKWMonth' ? '--rent' : e.field }));
  const check = prepareBuyVsBuildRequest({ defaults: defaults.value, site, queueTable: [0, 0], trials, seed, overrides });
  if (!check.ok) return { ok: false, errors: renameRent(check.errors) };

  const { facts } = siteFactsFor(site, defaults.value.params.site);
  let curtailment: CurtailmentRequest | undefined;
  try {
    curtailment = args.curtail ? curtailmentRequestFor(root, args.curtail, preset.id, queueRequestMW(facts), preset.params) : undefined;
  } catch (e) {
    if (e instanceof CliError) return { ok: false, errors: [{ field: e.flag, message: e.message.replace(`${e.flag}: `, '') }] };
    throw e;
  }
  const queueReq = siteBasisRequest(root, site, preset, facts, seed);
  if (!queueReq.ok) return queueReq;
  const r = await runBuyVsBuildPipeline(async (model, request) => runInThread(model, request), {
    preset,
    queueRequest: curtailment ? { ...queueReq.value, curtailment } : queueReq.value,
    request: check.value,
    tornadoTrials: args.tornado ? TORNADO_TRIALS : 0,
  });
  const s = r.summary;
  const qc = r.queue.curtailment;

  const out: Record<string, unknown> = {
    model: 'buy-vs-build',
    site: site.id,
    siteKind: site.kind,
    region: site.queuePreset,
    trials: s.trials,
    seed,
    horizonMonths: s.horizonMonths,
    itMW: s.itMW,
    nBlocks: s.nBlocks,
    assumedSiteFacts: check.assumed,
    queue: {
      preset: preset.id,
      trials: QUEUE_TRIALS_FOR_BUY_VS_BUILD,
      seed: queueReq.value.seed,
      projectMW: queueReq.value.projectMW,
      timeToPower: pick(r.queue.timeToPower),
      // The build arm's grid-access phase at the site (nearest substation on the shipped layers), when one covers it.
      ...(r.queue.gridAccess ? { gridAccess: { distanceKm: Math.round(r.queue.gridAccess.distanceKm * 100) / 100, months: pick(r.queue.gridAccess.months) } } : {}),
    },
    ...(qc && s.curtailment ? { ...curtailJson(qc), buildFirm: pick(s.curtailment.buildFirmFirstMW), buildCurtailable: pick(s.build.firstMW) } : {}),
    buy: { ...pick(s.buy.firstMW), fullMW: pick(s.buy.fullMW), firstCompute: pick(s.buy.firstCompute) },
    build: { ...pick(s.build.firstMW), fullMW: pick(s.build.fullMW), firstCompute: pick(s.build.firstCompute) },
    pBuyEarlier: s.pBuyEarlier,
    pBuyEarlierBy: Object.fromEntries([0, 6, 12, 24, 36, 48, 60].map((n) => [n, s.pBuyEarlierBy[n]])),
    difference: { p10: s.firstMW.p10, p50: s.firstMW.p50, p90: s.firstMW.p90, meanWhenBothPowered: s.firstMW.meanWhenBothPowered },
    fullMW: { pBuyEarlier: s.fullMW.pBuyEarlier, difference: { p10: s.fullMW.p10, p50: s.fullMW.p50, p90: s.fullMW.p90 } },
    rentUSDPerKWMonth: s.rentUSDPerKWMonth,
    lateMonths: s.lateMonths,
    delayCostUSD: s.delayCostUSD,
    reading: args.leadMonths !== undefined ? readingLine(s, args.leadMonths) : s.reading,
  };
  if (r.tornado) {
    const t = r.tornado;
    out.tornado = { output: t.output, trials: t.trials, base: t.base, bars: t.bars.map((b) => ({ key: b.key, label: b.label, lowValue: b.lowValue, highValue: b.highValue, atLow: b.atLow, atHigh: b.atHigh, swing: b.swing })) };
  }
  return { ok: true, value: jsonSafe(out) };
}

const fmt = (x: unknown, digits = 1) => (typeof x === 'number' ? x.toFixed(digits) : '> horizon');

/** A readable table of runBuyVsBuildCli's result (without --json). */
export function formatBuyVsBuildCli(o: Record<string, any>): string {
  const row = (name: string, p: any) => `  ${name.padEnd(22)} ${fmt(p.p10).padStart(8)} ${fmt(p.p50).padStart(8)} ${fmt(p.p90).padStart(8)}`;
  const usd = (x: unknown) => (typeof x === 'number' ? `$${(x / 1e6).toFixed(0)}M` : 'n/a');
  return [
    `Buy vs build — ${o.site} (${o.region}), ${o.trials} trials, seed ${o.seed}; ${fmt(o.itMW, 0)} MW IT in ${o.nBlocks} block(s)`,
    `  months to power          P10      P50      P90`,
    row('buy, first MW', o.buy),
    row('buy, full MW', o.buy.fullMW),
    row('build, first MW', o.build),
    row('build, full MW', o.build.fullMW),
    ...(o.queue.gridAccess ? [`  build includes its grid-access phase: ${fmt(o.queue.gridAccess.distanceKm)} km to the substation, P10/P50/P90 ${fmt(o.queue.gridAccess.months.p10)} / ${fmt(o.queue.gridAccess.months.p50)} / ${fmt(o.queue.gridAccess.months.p90)} months`] : []),
    ...(o.buildFirm ? [row('build, firm MW', o.buildFirm), `  curtailment accepted (${o.curtailment.ruleName}): build's first MW are curtailable; ${(100 * o.curtailedEnergyShare.mean).toFixed(2)}% of energy curtailed until firm`] : []),
    row('build − buy (first MW)', o.difference),
    `  P(buy earlier) ${(100 * o.pBuyEarlier).toFixed(1)}%   delay cost mean ${usd(o.delayCostUSD.mean)}, P90 ${usd(o.delayCostUSD.p90)} at $${o.rentUSDPerKWMonth}/kW-month`,
    `  ${o.reading}`,
  ].join('\n');
}
