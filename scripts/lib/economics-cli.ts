/**
 * `npm run --silent simulate -- --model economics --site <id> [--trials N] [--seed S] [--horizon M]
 * [--workers W] --json`: keep mining, lease the shell, or run GPUs, for one site.
 *
 * As for buy vs build, the site's queue model runs first (seed queueSeedFor(seed)) and its quantile
 * table feeds time to power; then the economics model runs by ordered chunks, in this thread or in a
 * worker_threads pool (the same numbers either way). USD, months, USD per kWh; "never" is null.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Result } from '../../src/sim/contract';
import { loadEconomicsDefaults } from '../../src/sim/economics/defaults';
import { prepareEconomicsRequest } from '../../src/sim/economics/prepare';
import type { EconomicsRequest } from '../../src/sim/economics/params';
import type { EconomicsSummary } from '../../src/sim/economics/runner';
import { runInThread } from '../../src/sim/in-thread';
import { runInNodePool } from '../../workers/node-pool';
import { jsonSafe, loadSiteContext, runSiteQueue } from './buy-vs-build-cli';

export interface EconomicsCliArgs {
  site: string;
  trials?: number;
  seed?: number;
  horizonMonths?: number;
  workers?: number;
  root?: string;
}

const readJson = (root: string, file: string): unknown => JSON.parse(readFileSync(resolve(root, file), 'utf8'));

/** The validated request for a site (the queue model run first for its table); errors name the flag or data field. */
export function economicsRequestForSite(args: EconomicsCliArgs): Result<EconomicsRequest> {
  const root = args.root ?? process.cwd();
  const trials = args.trials ?? 10_000;
  const seed = args.seed ?? 20_240_601;
  const ctx = loadSiteContext(root, args.site);
  if (!ctx.ok) return ctx;
  const { site } = ctx.value;
  const defaults = loadEconomicsDefaults(readJson(root, 'data/economics.json'));
  if (!defaults.ok) return { ok: false, errors: defaults.errors.map((e) => ({ ...e, field: `data/economics.json › ${e.field}` })) };

  const overrides = args.horizonMonths !== undefined ? { horizonMonths: args.horizonMonths } : undefined;
  const prepare = (queueTable: number[]) =>
    prepareEconomicsRequest({ defaults: defaults.value, bvbDefaults: ctx.value.defaults, site, queueTable, trials, seed, overrides });
  // Bad flags are refused before the queue model spends a second: check on a stand-in table.
  const check = prepare([0, 0]);
  if (!check.ok) return { ok: false, errors: check.errors.map((e) => ({ ...e, field: e.field === 'params.horizonMonths' ? '--horizon' : e.field })) };

  const queue = runSiteQueue(root, ctx.value, seed);
  if (!queue.ok) return queue;
  return prepare(queue.value.summary.quantileTable);
}

/** Runs the model and returns the CLI's JSON: the contract fields first, then the rest. */
export async function runEconomicsCli(args: EconomicsCliArgs): Promise<Result<Record<string, unknown>>> {
  const req = economicsRequestForSite(args);
  if (!req.ok) return req;
  const w = args.workers ?? 1;
  const s = w > 1 ? await runInNodePool('economics', req.value, { workers: w }) : runInThread('economics', req.value);
  const npv = (x: { p10: number; p50: number; p90: number; mean: number }) => ({ p10: x.p10, p50: x.p50, p90: x.p90, mean: x.mean });
  const option = (o: EconomicsSummary['lease']) => ({
    npvUSD: npv(o.npvUSD),
    meanAdvantageUSD: o.meanAdvantageUSD,
    paybackMonths: o.paybackMonths,
    valueOfMonthEarlierUSD: npv(o.valueOfMonthEarlierUSD),
    miningCreditShare: o.miningCreditShare,
  });
  const out = {
    mine: { npvUSD: npv(s.mine.npvUSD) },
    lease: option(s.lease),
    gpu: option(s.gpu),
    revenuePerKWh: s.revenuePerKWh,
    pBeatsMining: s.pBeatsMining,
    paybackMonths: s.paybackMonths,
    model: 'economics',
    site: s.siteId,
    trials: s.trials,
    seed: s.seed,
    horizonMonths: s.horizonMonths,
    arm: s.arm,
    itMW: s.itMW,
    miningMW: s.miningMW,
    multipleOverMining: s.multipleOverMining,
    inputsForMultiple: s.inputsForMultiple,
    meanRevenuePerKWh: s.meanRevenuePerKWh,
    timeToPower: { first: { p10: s.timeToPower.first.p10, p50: s.timeToPower.first.p50, p90: s.timeToPower.first.p90 }, full: { p10: s.timeToPower.full.p10, p50: s.timeToPower.full.p50, p90: s.timeToPower.full.p90 } },
    tornado: s.tornado,
    reading: s.reading,
  };
  return { ok: true, value: jsonSafe(out) };
}

const m = (x: unknown) => (typeof x === 'number' ? `$${(x / 1e6).toFixed(0)}M` : 'n/a');
const kwh = (x: unknown) => (typeof x === 'number' ? `$${x.toFixed(3)}/kWh` : 'n/a');

/** A readable table of runEconomicsCli's result (without --json). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function formatEconomicsCli(o: Record<string, any>): string {
  const row = (name: string, p: any) => `  ${name.padEnd(14)} ${m(p.p10).padStart(10)} ${m(p.p50).padStart(10)} ${m(p.p90).padStart(10)}`;
  return [
    `Economics — ${o.site}, ${o.trials} trials, seed ${o.seed}, ${o.horizonMonths} months; ${Number(o.itMW).toFixed(0)} MW IT (${o.arm} arm), mining ${o.miningMW} MW`,
    `  NPV               P10        P50        P90`,
    row('keep mining', o.mine.npvUSD),
    row('lease', o.lease.npvUSD),
    row('GPUs', o.gpu.npvUSD),
    `  revenue per kWh: mining ${kwh(o.revenuePerKWh.mine)}, lease ${kwh(o.revenuePerKWh.lease)} (${o.multipleOverMining.lease.toFixed(1)}×), GPUs ${kwh(o.revenuePerKWh.gpu)} (${o.multipleOverMining.gpu.toFixed(1)}×)`,
    `  P(beats mining): lease ${(100 * o.pBeatsMining.lease).toFixed(1)}%, GPUs ${(100 * o.pBeatsMining.gpu).toFixed(1)}%; payback P50: lease ${o.paybackMonths.lease.p50 ?? '> horizon'}, GPUs ${o.paybackMonths.gpu.p50 ?? '> horizon'} months`,
    `  ${o.reading}`,
  ].join('\n');
}
