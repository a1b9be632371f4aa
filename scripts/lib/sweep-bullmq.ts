/**
 * Sweeps spread over machines with BullMQ on Redis (https://docs.bullmq.io): the producer enqueues
 * one job per shard, `npm run worker -- --redis <url>` processes on any machine run them, and the
 * producer, as finisher, merges their partials with the same checks as `npm run merge`.
 *
 * What BullMQ gives rather than code here: retries with exponential backoff (`attempts`,
 * `backoff`), and stalled-job recovery: a worker renews its job's lock while it runs; a worker that
 * dies stops renewing, and another worker's stalled check puts the job back to wait once the lock
 * has expired. A shard is a pure function of (spec, seed, shard), so a re-run gives the same bytes.
 */
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { SweepOutput } from '../../src/sim/sweep/run';
import type { ShardId } from '../../src/sim/sweep/shard';
import type { SweepPlan, SweepSpec } from '../../src/sim/sweep/spec';
import { CliError, UnavailableError } from './cli-args';
import { mergePartials, parsePartial, runShard } from './sweep-partial';
import { planFromSpec, planHash } from './sweep-plan';

export const SWEEP_QUEUE = 'power-shell-sweep';

export interface ShardJobData {
  sweepId: string;
  spec: SweepSpec;
  specHash: string;
  shard: ShardId;
}

/** The last connection error of each client, for the one line that says why Redis is unavailable. */
const lastErrors = new WeakMap<Redis, string>();

/**
 * A Redis client for BullMQ from `redis://[user:password@]host:port[/db]` (or rediss://). BullMQ 6
 * takes a constructed ioredis client under ESM; `maxRetriesPerRequest: null` because workers block
 * on Redis and must not give up on those commands. ioredis reconnects by itself; its connection
 * errors are kept (not printed as stacks), and callers bound their waits with `withDeadline`.
 */
export function redisClient(url: string): Redis {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CliError('--redis', `must be a URL such as redis://127.0.0.1:6379, got "${url}"`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new CliError('--redis', `must start with redis:// or rediss://, got "${url}"`);
  const client = new Redis(url, { maxRetriesPerRequest: null });
  client.on('error', (e: Error) => lastErrors.set(client, e.message));
  return client;
}

/** Default `--timeout`: how long Redis may stay silent, and a sweep without progress, before exit code 3. */
export const DEFAULT_TIMEOUT_MS = 120_000;

const seconds = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

/** `p`, or an UnavailableError saying Redis at `url` did not answer within `ms` while doing `what`. */
export async function withDeadline<T>(p: Promise<T>, ms: number, client: Redis, url: string, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const why = lastErrors.get(client);
      reject(new UnavailableError(`Redis at ${url} did not answer within ${seconds(ms)} while ${what}${why ? ` (${why})` : ''}; is redis-server running there? (--timeout sets the wait)`));
    }, ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The sweep keeps its jobs and their results in Redis: a Redis restarted without append-only
 * persistence comes back empty. The producer re-enqueues what vanished, but a finisher run after the
 * producer is gone (`merge --redis`) needs them kept. A warning line, or null when `appendonly` is on.
 */
export async function persistenceWarning(client: Redis, url: string, ms: number): Promise<string | null> {
  let reply: unknown;
  try {
    reply = await withDeadline(client.config('GET', 'appendonly'), ms, client, url, 'checking its persistence');
  } catch (e) {
    if (e instanceof UnavailableError) throw e;
    return `warning: could not read the persistence setting of Redis at ${url} (CONFIG GET appendonly refused); the sweep needs appendonly yes so a restart keeps its jobs`;
  }
  const value = Array.isArray(reply) ? String(reply[1]) : '';
  return value === 'yes' ? null : `warning: Redis at ${url} has append-only persistence off (appendonly ${value || 'unknown'}): if it restarts, its shard jobs and finished results are lost and run again; set appendonly yes`;
}

export interface RedisSweepOptions {
  url: string;
  shards: number;
  root: string;
  /** progress lines (stderr in the CLI) */
  log: (line: string) => void;
  /** how often progress is polled, ms; default 500 */
  pollMs?: number;
  /** attempts per shard job (retries = attempts − 1); default 3 */
  attempts?: number;
  /** Redis silent, or no shard progressing, this long (ms) → UnavailableError (exit code 3); default DEFAULT_TIMEOUT_MS */
  timeoutMs?: number;
}

/**
 * Producer and finisher: enqueues the shards, reports progress and ETA, merges when all are done.
 * A shard job that vanished (Redis restarted without its data) is enqueued again from this
 * producer's own plan; a shard is a pure function of (spec, seed, shard), so the rows stay the same.
 */
export async function runSweepOnRedis(plan: SweepPlan, o: RedisSweepOptions): Promise<SweepOutput> {
  const connection = redisClient(o.url);
  const queue = new Queue<ShardJobData, string>(SWEEP_QUEUE, { connection });
  queue.on('error', (e) => lastErrors.set(connection, e.message));
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const answer = <T>(p: Promise<T>, what: string) => withDeadline(p, timeoutMs, connection, o.url, what);
  const specHash = planHash(plan);
  // Unique per run, so two producers (or a re-run of the same spec) never share jobs.
  const sweepId = `${specHash.slice(7, 19)}-${plan.spec.seed}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const job = (index: number) => ({
    name: 'shard',
    data: { sweepId, spec: plan.spec, specHash, shard: { index, count: o.shards } },
    opts: { jobId: `${sweepId}-${index}`, attempts: o.attempts ?? 3, backoff: { type: 'exponential' as const, delay: 1000 }, removeOnFail: false, removeOnComplete: false },
  });
  const ids = Array.from({ length: o.shards }, (_, index) => job(index).opts.jobId);
  try {
    const warning = await persistenceWarning(connection, o.url, timeoutMs);
    if (warning) o.log(warning);
    await answer(queue.addBulk(ids.map((_, index) => job(index))), 'enqueueing the shard jobs');
    o.log(`sweep ${sweepId}: ${plan.cells.length} cells × ${plan.spec.trials.toLocaleString('en-US')} trials in ${o.shards} shard jobs on ${o.url} (start workers with: npm run worker -- --redis <url>)`);
    const start = Date.now();
    let lastLine = '';
    let lastFraction = -1;
    let movedAt = start;
    for (;;) {
      const states = await answer(
        Promise.all(ids.map(async (id) => ({ state: await queue.getJobState(id), job: await Job.fromId<ShardJobData, string>(queue, id) }))),
        'reading the shard jobs',
      );
      const failed = states.find((s) => s.state === 'failed');
      if (failed) throw new Error(`shard job ${failed.job?.id} failed after ${failed.job?.attemptsMade} attempt(s): ${failed.job?.failedReason}`);
      const lost = ids.flatMap((_, index) => (states[index].state === 'unknown' ? [index] : []));
      if (lost.length) {
        o.log(`sweep ${sweepId}: shard job${lost.length > 1 ? 's' : ''} ${lost.join(', ')} vanished from Redis (restarted without its data?); enqueued again`);
        await answer(queue.addBulk(lost.map(job)), 'enqueueing lost shard jobs again');
        continue;
      }
      const done = states.filter((s) => s.state === 'completed').length;
      // Finer than whole shards: running jobs report the share of their trials done.
      const fraction = states.reduce((n, s) => n + (s.state === 'completed' ? 1 : typeof s.job?.progress === 'number' ? s.job.progress : 0), 0) / o.shards;
      const now = Date.now();
      if (fraction !== lastFraction) movedAt = now;
      lastFraction = fraction;
      if (now - movedAt > timeoutMs)
        throw new UnavailableError(`sweep ${sweepId}: no shard made progress in ${seconds(timeoutMs)}; are workers running (npm run worker -- --redis ${o.url})? (--timeout sets the wait)`);
      const eta = fraction > 0 ? seconds(((now - start) / fraction) * (1 - fraction)) : '–';
      const line = `sweep ${sweepId}: ${done}/${o.shards} shards done (${Math.round(fraction * 100)}%), ETA ${done === o.shards ? '0 s' : eta}`;
      if (line !== lastLine) o.log(line);
      lastLine = line;
      if (done === o.shards) {
        const out = await answer(finishSweep(queue, sweepId, o.root), 'reading the finished shards');
        o.log(`sweep ${sweepId}: merged ${o.shards} shards in ${seconds(Date.now() - start)}`);
        return out;
      }
      await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
    }
  } finally {
    await closeQuietly(queue, connection);
  }
}

/** Closes the queue and its client without waiting on a Redis that is gone. */
async function closeQuietly(queue: Queue, connection: Redis): Promise<void> {
  connection.disconnect();
  await Promise.race([queue.close().catch(() => {}), new Promise((r) => setTimeout(r, 1000).unref())]);
}

/**
 * The finisher: merges the shard jobs of sweep `sweepId` once all are completed, with the same
 * checks as `npm run merge` (a job is named as the file would be), then removes the jobs. The
 * producer calls it; `npm run merge -- --redis <url> --sweep <id>` calls it when the producer is gone.
 */
export async function finishSweep(queue: Queue<ShardJobData, string>, sweepId: string, root: string): Promise<SweepOutput> {
  const first = await Job.fromId<ShardJobData, string>(queue, `${sweepId}-0`);
  if (!first) throw new CliError('--sweep', `no sweep "${sweepId}" on this Redis (its jobs are removed once merged)`);
  const jobs = await Promise.all(Array.from({ length: first.data.shard.count }, (_, i) => Job.fromId<ShardJobData, string>(queue, `${sweepId}-${i}`)));
  const named = [];
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i];
    const state = job ? await job.getState() : 'missing';
    if (!job || state !== 'completed') throw new CliError(`job ${sweepId}-${i}`, `shard ${i}/${jobs.length} is ${state}, not completed`);
    named.push({ name: `job ${job.id}`, partial: parsePartial(String(job.returnvalue), `job ${job.id}`) });
  }
  const out = mergePartials(named, root);
  await Promise.all(jobs.map((j) => j?.remove()));
  return out;
}

/** `npm run merge -- --redis <url> --sweep <id>`: the finisher on its own. */
export async function finishSweepOnRedis(url: string, sweepId: string, root: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<SweepOutput> {
  const connection = redisClient(url);
  const queue = new Queue<ShardJobData, string>(SWEEP_QUEUE, { connection });
  queue.on('error', (e) => lastErrors.set(connection, e.message));
  try {
    return await withDeadline(finishSweep(queue, sweepId, root), timeoutMs, connection, url, `reading sweep ${sweepId}`);
  } finally {
    await closeQuietly(queue, connection);
  }
}

export interface SweepWorkerOptions {
  url: string;
  root: string;
  log: (line: string) => void;
  /** job lock, ms: a dead worker's job is taken back this long after its last renewal; default 30 s */
  lockMs?: number;
}

/** A worker process's BullMQ worker: runs shard jobs one at a time and returns their partial file. */
export function startSweepWorker(o: SweepWorkerOptions): Worker<ShardJobData, string> {
  const lockDuration = o.lockMs ?? 30_000;
  const worker = new Worker<ShardJobData, string>(
    SWEEP_QUEUE,
    async (job) => {
      const { spec, specHash, shard } = job.data;
      const plan = planFromSpec(spec, o.root, `job ${job.id} › spec`);
      // Another checkout (other data/) would compute other cells: fail at once, no retry.
      if (planHash(plan) !== specHash) throw new UnrecoverableError(`job ${job.id}: the spec plans to other cells on this worker's data/ (${planHash(plan)}, producer ${specHash})`);
      o.log(`job ${job.id}: shard ${shard.index}/${shard.count} started (attempt ${job.attemptsMade + 1})`);
      // Let the lock renew after planning: no synchronous stretch may outlast half the lock.
      await new Promise<void>((r) => setImmediate(r));
      const total = plan.cells.reduce((n, c) => n + Math.max(0, c.request.trials), 0) / shard.count;
      let done = 0;
      let lastReport = 0;
      const partial = await runShard(plan, shard, o.root, async (trials) => {
        done += trials;
        // Yield between chunks so BullMQ can renew the job's lock while the shard computes.
        await new Promise<void>((r) => setImmediate(r));
        const now = Date.now();
        if (now - lastReport > 250) {
          lastReport = now;
          await job.updateProgress(Math.min(0.99, done / total));
        }
      });
      o.log(`job ${job.id}: shard ${shard.index}/${shard.count} done`);
      return JSON.stringify(partial);
    },
    { connection: redisClient(o.url), concurrency: 1, lockDuration, stalledInterval: Math.max(1000, Math.round(lockDuration / 2)), maxStalledCount: 2 },
  );
  worker.on('failed', (job, err) => o.log(`job ${job?.id}: failed (${err.message})`));
  // ioredis retries a lost connection every few hundred ms: one line per new error, not one per retry.
  let lastError = '';
  worker.on('error', (err) => {
    if (err.message !== lastError) o.log(`worker error: ${err.message}`);
    lastError = err.message;
  });
  return worker;
}
