/**
 * The queue engine's benchmark for `npm run bench` (docs/method.md §4: printed figures, never timed tests)
 * on the default ERCOT scenario: the ercot-large-load preset as it ships — its dated stock (438 GW in
 * ~540 requests as of 2026-06-24), history, Batch Zero screen and windows, input uncertainty and
 * default (flat) forward path — a 200 MW request and a 240-month horizon.
 *
 * "Per core" divides by the CPU time this thread used (process.cpuUsage), so a machine shared with
 * other work still gives a per-core rate; wall-clock rates are printed beside it. "All workers" is
 * wall-clock through the Node worker pool after the workers have started (pool.warm()).
 *
 * Memory: RSS and heap after 10,000 trials and on the way to 1,000,000, sampled between chunks of
 * the same run. The 1M run is capped in time by default (the figure says how many trials it reached
 * and that it was capped); `--full-memory` runs it to the end.
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHUNK_TRIALS } from '../../src/sim/contract';
import type { QueueRequest } from '../../src/sim/queue/params';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import { queueRunner, type QueuePartial, type QueueSummary } from '../../src/sim/queue/runner';
import { defaultPoolSize } from '../../workers/pool';
import { createNodePool } from '../../workers/node-pool';

export const BENCH_PRESET = 'ercot-large-load';
export const BENCH_MW = 200;
export const BENCH_TARGETS = { trialsPerSecPerCore: 2300, eventsPerSecPerCore: 5_500_000, trialsPerSecAllWorkers: 4500 };
const MB = 1024 * 1024;

export function benchQueueRequest(root: string, trials: number): QueueRequest {
  const { presets } = loadQueuePresets(JSON.parse(readFileSync(resolve(root, 'data/regions.json'), 'utf8')));
  const preset = presets[BENCH_PRESET];
  if (!preset) throw new Error(`data/regions.json has no valid queue preset "${BENCH_PRESET}"`);
  return { model: 'queue', presetId: BENCH_PRESET, params: preset.params, projectMW: BENCH_MW, trials, seed: 1 };
}

interface MemorySample {
  trials: number;
  rssMB: number;
  heapUsedMB: number;
}

const sample = (trials: number): MemorySample => {
  const m = process.memoryUsage();
  return { trials, rssMB: +(m.rss / MB).toFixed(1), heapUsedMB: +(m.heapUsed / MB).toFixed(1) };
};

/**
 * Runs [0, trials) in 250-trial chunks merged in order (as the pool does), sampling memory every
 * `every` chunks and stopping early once `maxSeconds` of wall time have passed.
 */
function runChunks(req: QueueRequest, opts: { maxSeconds?: number; every?: number; onSample?: (s: MemorySample) => void } = {}) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let acc: QueuePartial | null = null;
  let done = 0;
  let chunks = 0;
  while (done < req.trials) {
    const end = Math.min(req.trials, done + CHUNK_TRIALS);
    const part = queueRunner.runChunk(req, done, end);
    acc = acc ? queueRunner.merge(acc, part) : part;
    done = end;
    chunks++;
    if (opts.onSample && chunks % (opts.every ?? 40) === 0) opts.onSample(sample(done));
    if (opts.maxSeconds !== undefined && Number(process.hrtime.bigint() - t0) / 1e9 > opts.maxSeconds) break;
  }
  const cpu = process.cpuUsage(c0);
  return { partial: acc as QueuePartial, trials: done, cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

export interface QueueBenchOptions {
  root?: string;
  /** trials of the per-core run (default 10,000) */
  trials?: number;
  /** workers of the pool run (default one per core, at most 8) */
  workers?: number;
  /** wall-time cap of the 1M-trial memory run, seconds (default 60) */
  memorySeconds?: number;
  /** run the memory check to 1,000,000 trials whatever it takes */
  fullMemory?: boolean;
}

export async function benchQueue(opts: QueueBenchOptions = {}) {
  const root = opts.root ?? process.cwd();
  const trials = opts.trials ?? 10_000;
  const workers = opts.workers ?? defaultPoolSize(availableParallelism());

  // Warm-up: let the JIT settle before anything is timed.
  runChunks(benchQueueRequest(root, 1000));

  const core = runChunks(benchQueueRequest(root, trials));
  const summary = queueRunner.summarize(benchQueueRequest(root, core.trials), core.partial) as QueueSummary;
  const events = core.partial.events;

  // All workers: wall-clock through the pool, after start-up.
  const poolTrials = Math.max(trials, 4000 * workers);
  const pool = createNodePool(workers);
  let allWorkers: { trialsPerSec: number; seconds: number; trials: number; sameAsOneThread: boolean };
  try {
    await pool.warm();
    await pool.run('queue', benchQueueRequest(root, 1000));
    const t0 = process.hrtime.bigint();
    const pooled = await pool.run('queue', benchQueueRequest(root, poolTrials));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const inThread = poolTrials === trials ? summary : (queueRunner.summarize(benchQueueRequest(root, poolTrials), runChunks(benchQueueRequest(root, poolTrials)).partial) as QueueSummary);
    allWorkers = { trialsPerSec: Math.round(poolTrials / seconds), seconds: +seconds.toFixed(3), trials: poolTrials, sameAsOneThread: JSON.stringify(pooled) === JSON.stringify(inThread) };
  } finally {
    pool.destroy();
  }

  // Memory: 10k trials, then a run towards 1M with the same workload, sampled between chunks.
  runChunks(benchQueueRequest(root, 10_000));
  const m10k = sample(10_000);
  const samples: MemorySample[] = [];
  const cap = opts.fullMemory ? undefined : (opts.memorySeconds ?? 60);
  const big = runChunks(benchQueueRequest(root, 1_000_000), { maxSeconds: cap, every: 40, onSample: (s) => samples.push(s) });
  const m1M = sample(big.trials);
  const maxRss = Math.max(m1M.rssMB, ...samples.map((s) => s.rssMB));

  return {
    scenario: `${BENCH_PRESET} preset as shipped (stock as of ${summary.asOf ?? 'undated'}, default forward path), ${BENCH_MW} MW request, ${summary.projectsAheadAtEntry}-request queue ahead, ${summary.horizonMonths}-month horizon`,
    trials: core.trials,
    eventsPerTrial: Math.round(events / core.trials),
    trialsPerSecPerCore: Math.round(core.trials / core.cpuSeconds),
    eventsPerSecPerCore: Math.round(events / core.cpuSeconds),
    trialsPerSecWall: Math.round(core.trials / core.wallSeconds),
    eventsPerSecWall: Math.round(events / core.wallSeconds),
    trialsPerSecAllWorkers: allWorkers.trialsPerSec,
    workers,
    allWorkers,
    peakRssMB: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
    memory: {
      trials10k: m10k,
      trials1M: {
        ...m1M,
        targetTrials: 1_000_000,
        trialsReached: big.trials,
        capped: big.trials < 1_000_000,
        seconds: +big.wallSeconds.toFixed(1),
        maxRssMB: maxRss,
        rssGrowthFrom10kMB: +(maxRss - m10k.rssMB).toFixed(1),
        /** every 50,000 trials: heap used stays flat (RSS also holds pages V8 keeps for reuse) */
        samples: samples.filter((s) => s.trials % 50_000 === 0),
      },
    },
    timeToPower: { p10: summary.timeToPower.p10, p50: summary.timeToPower.p50, p90: summary.timeToPower.p90 },
    /** issue 12 (engine ≥ 5.5 M events/s per core) and issue 8's floors (≥ 2,300 trials/s per core, ≥ 4,500 on 2 workers) */
    targets: BENCH_TARGETS,
  };
}

export type QueueBench = Awaited<ReturnType<typeof benchQueue>>;

export function formatQueueBench(b: QueueBench): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const m = b.memory;
  return [
    `Queue engine — ${b.scenario}`,
    `  per core:     ${n(b.trialsPerSecPerCore)} trials/s, ${n(b.eventsPerSecPerCore)} events/s (targets ≥ ${n(b.targets.trialsPerSecPerCore)} and ≥ ${n(b.targets.eventsPerSecPerCore)}); ${n(b.eventsPerTrial)} events per trial`,
    `  wall clock:   ${n(b.trialsPerSecWall)} trials/s, ${n(b.eventsPerSecWall)} events/s (${n(b.trials)} trials, one thread)`,
    `  ${b.workers} workers:    ${n(b.trialsPerSecAllWorkers)} trials/s (target ≥ ${n(b.targets.trialsPerSecAllWorkers)} on 2); ${n(b.allWorkers.trials)} trials, same summary as one thread: ${b.allWorkers.sameAsOneThread}`,
    `  memory:       after 10k trials RSS ${m.trials10k.rssMB} MB, heap ${m.trials10k.heapUsedMB} MB; at ${n(m.trials1M.trialsReached)} trials${m.trials1M.capped ? ` (run towards 1M capped at ${m.trials1M.seconds} s; --full-memory runs it all)` : ''} RSS ${m.trials1M.rssMB} MB (max ${m.trials1M.maxRssMB}), heap ${m.trials1M.heapUsedMB} MB`,
    `  peak RSS:     ${b.peakRssMB} MB`,
  ].join('\n');
}
