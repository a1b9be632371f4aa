/**
 * `npm run --silent merge -- <partial.json…> [--json]`: merges the partial files of a sharded sweep
 * (`npm run sweep -- --shard i/n --out …`) into the rows one process would print, bit for bit;
 * with `--redis <url> --sweep <id> [--timeout S]`, the completed shard jobs of a BullMQ sweep whose
 * producer is gone (exit code 3 when Redis does not answer within S seconds, default 120).
 * A missing, doubled or mismatched partial (other spec, seed or engine version) is refused with
 * exit code 2 and a message naming the file.
 */
import { CliArgs, CliError, reportCliFailure } from './lib/cli-args';
import { finishSweepOnRedis } from './lib/sweep-bullmq';
import { toJson } from './lib/json-out';
import { mergePartials, readPartialFile } from './lib/sweep-partial';
import { formatSweep } from './lib/sweep-text';

async function main(argv: string[]): Promise<number> {
  try {
    const json = argv.includes('--json');
    if (argv.includes('--redis')) {
      // The finisher of a BullMQ sweep whose producer is gone: --redis <url> --sweep <id>.
      const args = new CliArgs(argv);
      args.bool('--json');
      const url = args.string('--redis') as string;
      const sweepId = args.string('--sweep');
      const timeout = args.number('--timeout', { min: 0.1, max: 7 * 86_400, what: 'a number of seconds' });
      args.rejectUnknown();
      if (!sweepId) throw new CliError('--sweep', 'is required with --redis: the sweep id the producer printed');
      const out = await finishSweepOnRedis(url, sweepId, process.cwd(), timeout === undefined ? undefined : timeout * 1000);
      process.stdout.write(`${json ? toJson(out) : formatSweep(out)}\n`);
      return 0;
    }
    const files = argv.filter((a) => a !== '--json');
    const flag = files.find((a) => a.startsWith('--'));
    if (flag) throw new CliError(flag, 'is not a known flag (usage: npm run --silent merge -- <partial.json…> [--json])');
    if (files.length === 0) throw new CliError('(partials)', 'give the partial files to merge: npm run --silent merge -- <partial.json…> [--json]');
    const out = mergePartials(
      files.map((f) => ({ name: f, partial: readPartialFile(f) })),
      process.cwd(),
    );
    process.stdout.write(`${json ? toJson(out) : formatSweep(out)}\n`);
    return 0;
  } catch (e) {
    return reportCliFailure(e);
  }
}

process.exitCode = await main(process.argv.slice(2));
