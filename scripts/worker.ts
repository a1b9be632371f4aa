/**
 * `npm run worker -- --redis <url> [--lock-ms MS] [--timeout S]`: a sweep worker for any machine with
 * this checkout. Takes shard jobs from BullMQ (see scripts/lib/sweep-bullmq.ts) one at a time until
 * stopped (SIGINT/SIGTERM finish the current shard, then exit). Exit code 3 when Redis does not
 * answer within S seconds at start (default 120).
 */
import type { Redis } from 'ioredis';
import { CliArgs, CliError, reportCliFailure } from './lib/cli-args';
import { DEFAULT_TIMEOUT_MS, startSweepWorker, withDeadline } from './lib/sweep-bullmq';
import { sweepData } from './lib/sweep-plan';

try {
  const args = new CliArgs(process.argv.slice(2));
  const url = args.string('--redis');
  const lockMs = args.number('--lock-ms', { min: 500, max: 3_600_000, whole: true });
  const timeout = args.number('--timeout', { min: 0.1, max: 7 * 86_400, what: 'a number of seconds' });
  args.rejectUnknown();
  if (!url) throw new CliError('--redis', 'is required: the Redis URL, e.g. redis://127.0.0.1:6379');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  sweepData(process.cwd()); // read and check data/ now, not inside the first job's lock
  const worker = startSweepWorker({ url, root: process.cwd(), log, lockMs });
  await withDeadline(worker.waitUntilReady(), timeout === undefined ? DEFAULT_TIMEOUT_MS : timeout * 1000, worker.opts.connection as Redis, url, 'starting the worker');
  log(`sweep worker ready on ${url} (pid ${process.pid})`);
  const stop = () => {
    log('stopping after the current shard…');
    void worker.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  process.exit(reportCliFailure(e));
}
