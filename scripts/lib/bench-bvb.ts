/**
 * Benchmarks of the buy-vs-build and absorption models for `npm run bench` (printed figures, never
 * timed tests). "Per core" divides by the CPU time this process used (process.cpuUsage), so a box
 * shared with other work still gives a per-core rate; the wall-clock rate is reported beside it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHUNK_TRIALS } from '../../src/sim/contract';
import { loadAbsorptionPresets } from '../../src/sim/absorption/presets';
import { absorptionRunner, type AbsorptionPartial } from '../../src/sim/absorption/runner';
import type { AbsorptionRequest } from '../../src/sim/absorption/params';
import { loadBuyVsBuildDefaults, paramsForRegion } from '../../src/sim/buy-vs-build/defaults';
import { lognormalTable } from '../../src/sim/buy-vs-build/ln-table';
import type { BuyVsBuildRequest } from '../../src/sim/buy-vs-build/params';
import { buyVsBuildRunner, type BuyVsBuildPartial } from '../../src/sim/buy-vs-build/runner';
import { tornado } from '../../src/sim/buy-vs-build/tornado';

interface Timed<T> {
  value: T;
  cpuSeconds: number;
  wallSeconds: number;
}

function timed<T>(f: () => T): Timed<T> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, cpuSeconds: (c.user + c.system) / 1e6, wallSeconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

/** Runs chunks of 250 and merges them in order, as a worker and the pool do. */
function runChunks<R extends { trials: number }, P>(runner: { runChunk(r: R, a: number, b: number): P; merge(a: P, b: P): P }, req: R): P {
  let acc = runner.runChunk(req, 0, Math.min(req.trials, CHUNK_TRIALS));
  for (let s = CHUNK_TRIALS; s < req.trials; s += CHUNK_TRIALS) acc = runner.merge(acc, runner.runChunk(req, s, Math.min(req.trials, s + CHUNK_TRIALS)));
  return acc;
}

/** The default Texas power shell (700 MW grid, 30% usable for AI, PUE 1.3, 50 MW blocks; ERCOT queue LN(36, 72)). */
export function texasBenchRequest(root: string, trials: number): BuyVsBuildRequest {
  const d = loadBuyVsBuildDefaults(JSON.parse(readFileSync(resolve(root, 'data/buy-vs-build.json'), 'utf8')));
  if (!d.ok) throw new Error('data/buy-vs-build.json is invalid');
  const params = paramsForRegion(d.value, 'ercot-large-load');
  params.site = { gridMW: 700, aiUsableShare: 0.3, pue: 1.3, blockMW: 50 };
  return { model: 'buy-vs-build', siteId: 'bench-texas', params, queueTable: lognormalTable(36, 72), trials, seed: 1 };
}

export interface BuyVsBuildBench {
  trials: number;
  /** trials per CPU-second: runChunk + merge in 250-trial chunks (the target is ≥ 1,000,000) */
  trialsPerSecPerCore: number;
  trialsPerSecWall: number;
  /** 18 inputs × 2 × 5,000 trials + base (the target is < 1 s) */
  tornadoSeconds: number;
  tornadoCpuSeconds: number;
}

export function benchBuyVsBuild(opts: { trials?: number; root?: string } = {}): BuyVsBuildBench {
  const root = opts.root ?? process.cwd();
  const req = texasBenchRequest(root, opts.trials ?? 1_000_000);
  runChunks<BuyVsBuildRequest, BuyVsBuildPartial>(buyVsBuildRunner, { ...req, trials: 50_000 }); // warm-up: let the JIT settle
  const run = timed(() => runChunks<BuyVsBuildRequest, BuyVsBuildPartial>(buyVsBuildRunner, req));
  const t = timed(() => tornado(req));
  return {
    trials: req.trials,
    trialsPerSecPerCore: Math.round(req.trials / run.cpuSeconds),
    trialsPerSecWall: Math.round(req.trials / run.wallSeconds),
    tornadoSeconds: Number(t.wallSeconds.toFixed(3)),
    tornadoCpuSeconds: Number(t.cpuSeconds.toFixed(3)),
  };
}

export interface AbsorptionBench {
  preset: string;
  paths: number;
  /** simulated months per path (burn-in + horizon) */
  monthsPerPath: number;
  pathsPerSecPerCore: number;
  pathsPerSecWall: number;
}

export function benchAbsorption(opts: { paths?: number; preset?: string; root?: string } = {}): AbsorptionBench {
  const root = opts.root ?? process.cwd();
  const presetId = opts.preset ?? 'north-america-2024';
  const loaded = loadAbsorptionPresets(JSON.parse(readFileSync(resolve(root, 'data/absorption.json'), 'utf8')));
  if (!loaded.ok) throw new Error('data/absorption.json is invalid');
  const params = loaded.value[presetId].params;
  const req: AbsorptionRequest = { model: 'absorption', presetId, params, trials: opts.paths ?? 2_000, seed: 1 };
  runChunks<AbsorptionRequest, AbsorptionPartial>(absorptionRunner, { ...req, trials: 200 });
  const run = timed(() => runChunks<AbsorptionRequest, AbsorptionPartial>(absorptionRunner, req));
  return {
    preset: presetId,
    paths: req.trials,
    monthsPerPath: params.burnInMonths + params.horizonMonths,
    pathsPerSecPerCore: Math.round(req.trials / run.cpuSeconds),
    pathsPerSecWall: Math.round(req.trials / run.wallSeconds),
  };
}
