/**
 * Benchmark of the economics model for `npm run bench` (a printed figure, never a timed test): the
 * default Texas power shell of the buy-vs-build bench, a 10-year monthly horizon, no tornado.
 * "Per core" divides by the CPU time this process used (process.cpuUsage).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHUNK_TRIALS } from '../../src/sim/contract';
import { loadEconomicsDefaults } from '../../src/sim/economics/defaults';
import type { EconomicsRequest } from '../../src/sim/economics/params';
import { economicsRunner, type EconomicsPartial } from '../../src/sim/economics/runner';
import { texasBenchRequest } from './bench-bvb';

export interface EconomicsBench {
  trials: number;
  horizonMonths: number;
  /** trials per CPU-second: runChunk + merge in 250-trial chunks (the target is ≥ 200,000) */
  trialsPerSecPerCore: number;
  trialsPerSecWall: number;
}

function runChunks(req: EconomicsRequest): EconomicsPartial {
  let acc = economicsRunner.runChunk(req, 0, Math.min(req.trials, CHUNK_TRIALS));
  for (let s = CHUNK_TRIALS; s < req.trials; s += CHUNK_TRIALS) acc = economicsRunner.merge(acc, economicsRunner.runChunk(req, s, Math.min(req.trials, s + CHUNK_TRIALS)));
  return acc;
}

export function benchEconomics(opts: { trials?: number; root?: string } = {}): EconomicsBench {
  const root = opts.root ?? process.cwd();
  const d = loadEconomicsDefaults(JSON.parse(readFileSync(resolve(root, 'data/economics.json'), 'utf8')));
  if (!d.ok) throw new Error('data/economics.json is invalid');
  const ttp = texasBenchRequest(root, 1);
  const params = structuredClone(d.value.params);
  params.horizonMonths = 120;
  params.mining.miningMW = ttp.params.site.gridMW;
  const req: EconomicsRequest = {
    model: 'economics',
    siteId: 'bench-texas',
    params,
    timeToPower: { arm: 'buy', params: ttp.params, queueTable: ttp.queueTable },
    trials: opts.trials ?? 200_000,
    seed: 1,
    tornadoTrials: 0,
  };
  runChunks({ ...req, trials: 20_000 }); // warm-up: let the JIT settle
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  runChunks(req);
  const c = process.cpuUsage(c0);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  return {
    trials: req.trials,
    horizonMonths: params.horizonMonths,
    trialsPerSecPerCore: Math.round(req.trials / ((c.user + c.system) / 1e6)),
    trialsPerSecWall: Math.round(req.trials / wall),
  };
}
