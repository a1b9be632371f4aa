/**
 * `npm run --silent sweep -- --spec sweep.json [--json]`: a grid of sites × presets × forward paths ×
 * parameter values, one queue run per cell, one row per cell plus a ranking.
 *
 *   --workers W              run each cell on W worker threads (default 1)
 *   --shard i/n --out FILE   run shard i of n (a block of trial chunks of every cell) into a partial
 *                            file for `npm run merge`
 *   --redis URL --shards N   enqueue N shard jobs on BullMQ, wait for `npm run worker` processes to
 *                            run them (progress and ETA on stderr), then merge
 *   --timeout S              with --redis: give up when Redis does not answer, or no shard makes
 *                            progress, for S seconds (default 120)
 *
 * With --json stdout carries exactly one JSON object. Bad flags or a bad spec: stderr names the
 * flag or field, exit code 2; a failure while running: exit code 1; Redis unreachable or the sweep
 * stalled past --timeout: one line on stderr, exit code 3.
 */
import { writeFileSync } from 'node:fs';
import { CliArgs, CliError, reportCliFailure, workersFlag } from './lib/cli-args';
import { toJson } from './lib/json-out';
import { runModel } from './lib/run-model';
import { runSweepOnRedis } from './lib/sweep-bullmq';
import { runShard } from './lib/sweep-partial';
import { planFromFile } from './lib/sweep-plan';
import { formatSweep } from './lib/sweep-text';
import { MAX_SHARDS, parseShard } from '../src/sim/sweep/shard';
import { runSweep, type SweepOutput } from '../src/sim/sweep/run';
import type { QueueSummary } from '../src/sim/queue/summary';
import { createNodePool } from '../workers/node-pool';

const HELP = `usage: npm run --silent sweep -- --spec <sweep.json> [--json]
  [--workers W]                       worker threads per cell (default 1)
  [--shard i/n --out <partial.json>]  run one shard of every cell into a partial file (npm run merge)
  [--redis <url> --shards N]          run the shards as BullMQ jobs (npm run worker) and merge
  [--timeout S]                       with --redis: exit 3 when Redis is silent or no shard progresses
                                      for S seconds (default 120); Redis needs appendonly yes
spec: { "sites": [...], "presets": ["site", ...], "forwardPaths": ["flat"], "parameters": {"phases.constr.p50": [12, 18]},
        "trials": 10000, "seed": 1, "byMonths": 36, "rankBy": "p50" | "p90" | "probEnergizedBy",
        "portfolios": [{ "name": "...", "sites": [...], "targetMW": 500, "by": "2028-06", "best": { "maxSites": 3 }, "candidates": "all" }] }`;

async function main(argv: string[]): Promise<number> {
  try {
    const args = new CliArgs(argv);
    if (args.bool('--help')) {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    const json = args.bool('--json');
    const specPath = args.string('--spec');
    const shardText = args.string('--shard');
    const out = args.string('--out');
    const redis = args.string('--redis');
    const shards = args.number('--shards', { min: 1, max: MAX_SHARDS, whole: true });
    const workers = workersFlag(args);
    const timeout = args.number('--timeout', { min: 0.1, max: 7 * 86_400, what: 'a number of seconds' });
    args.rejectUnknown();
    if (timeout !== undefined && redis === undefined) throw new CliError('--timeout', 'only applies with --redis');
    if (!specPath) throw new CliError('--spec', 'is required: a sweep spec JSON file');
    const root = process.cwd();
    const plan = planFromFile(specPath, root);

    if (shardText !== undefined) {
      const shard = parseShard(shardText);
      if (!shard) throw new CliError('--shard', `must be i/n with 0 ≤ i < n, got "${shardText}"`);
      if (!out) throw new CliError('--out', 'is required with --shard: the partial file to write');
      const partial = await runShard(plan, shard, root);
      writeFileSync(out, JSON.stringify(partial));
      process.stderr.write(`shard ${shard.index}/${shard.count}: ${plan.cells.length} cells → ${out}\n`);
      return 0;
    }

    let result: SweepOutput;
    if (redis !== undefined) {
      result = await runSweepOnRedis(plan, {
        url: redis,
        shards: shards ?? 1,
        root,
        log: (line) => process.stderr.write(`${line}\n`),
        ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
      });
    } else if (workers > 1) {
      const pool = createNodePool(workers);
      try {
        result = await runSweep(plan, (req, onProgress) => pool.run('queue', req, { onProgress }), { runPortfolio: (req) => pool.run('portfolio', req) });
      } finally {
        pool.destroy();
      }
    } else {
      result = await runSweep(plan, (req) => runModel('queue', req, 1), { runPortfolio: (req) => runModel('portfolio', req, 1) });
    }
    process.stdout.write(`${json ? toJson(result) : formatSweep(result)}\n`);
    return 0;
  } catch (e) {
    return reportCliFailure(e);
  }
}

process.exitCode = await main(process.argv.slice(2));
