/**
 * `npm run worker -- --redis <url> [--lock-ms MS]`: a sweep worker for any machine with this checkout.
 * Takes shard jobs from BullMQ (see scripts/lib/sweep-bullmq.ts) one at a time until stopped
 * (SIGINT/SIGTERM finish the current shard, then exit).
 */
import { CliArgs, CliError, reportCliFailure } from './lib/cli-args';
import { startSweepWorker } from './lib/sweep-bullmq';
import { sweepData } from './lib/sweep-plan';

try {
  const args = new CliArgs(process.argv.slice(2));
  const url = args.string('--redis');
  const lockMs = args.number('--lock-ms', { min: 500, max: 3_600_000, whole: true });
  args.rejectUnknown();
  if (!url) throw new CliError('--redis', 'is required: the Redis URL, e.g. redis://127.0.0.1:6379');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  sweepData(process.cwd()); // read and check data/ now, not inside the first job's lock
  const worker = startSweepWorker({ url, root: process.cwd(), log, lockMs });
  await worker.waitUntilReady();
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
