/**
 * `npm run --silent bench [-- --json] [--only queue|firm|buyVsBuild|absorption|economics|portfolio] [--trials N] [--workers W]
 * [--memory-seconds S] [--full-memory]`: the benchmark figures of docs/method.md §4, one section per model.
 * With --json, stdout carries exactly one JSON object; without, a readable table.
 *
 * Adding a model: one entry in SECTIONS.
 */
import { cpus, loadavg } from 'node:os';
import { benchAbsorption, benchBuyVsBuild } from './lib/bench-bvb';
import { benchEconomics } from './lib/bench-economics';
import { benchFirm } from './lib/bench-firm';
import { benchPortfolio } from './lib/bench-portfolio';
import { benchQueue, formatQueueBench } from './lib/bench-queue';
import { CliArgs, CliError, workersFlag } from './lib/cli-args';

interface Section {
  run(args: CliArgs): Promise<unknown>;
  format(value: any): string;
}

const table = (title: string) => (v: Record<string, unknown>) => `${title}\n${Object.entries(v).map(([k, x]) => `  ${k}: ${typeof x === 'number' ? x.toLocaleString('en-US') : String(x)}`).join('\n')}`;

const SECTIONS: Record<string, Section> = {
  queue: {
    run: (args) =>
      benchQueue({
        trials: args.number('--trials', { min: 250, max: 2_000_000, whole: true }),
        workers: args.has('--workers') ? workersFlag(args) : undefined,
        memorySeconds: args.number('--memory-seconds', { min: 1, max: 3600 }),
        fullMemory: args.bool('--full-memory'),
      }),
    format: formatQueueBench,
  },
  firm: { run: async () => benchFirm(), format: table('Firm and curtailable MW (queue with curtailment on)') },
  buyVsBuild: { run: async () => benchBuyVsBuild(), format: table('Buy vs build') },
  absorption: { run: async () => benchAbsorption(), format: table('Absorption') },
  economics: { run: async () => benchEconomics(), format: table('Economics (10-year monthly horizon)') },
  portfolio: { run: async () => benchPortfolio(), format: table('Portfolio: every bundled candidate, then the exact ranking of all 2- and 3-site sets') },
};

async function main(argv: string[]): Promise<number> {
  try {
    const args = new CliArgs(argv);
    const json = args.bool('--json');
    const only = args.string('--only');
    if (only && !SECTIONS[only]) throw new CliError('--only', `unknown section "${only}"; one of ${Object.keys(SECTIONS).join(', ')}`);
    // Read every section's flags before running any, so a typo fails at once.
    const names = only ? [only] : Object.keys(SECTIONS);
    const runs = names.map((name) => [name, SECTIONS[name].run.bind(null, args)] as const);
    args.string('--trials');
    args.string('--workers');
    args.string('--memory-seconds');
    args.bool('--full-memory');
    args.rejectUnknown();
    // The load average goes with every figure: on a shared machine the rates only compare at similar load.
    const out: Record<string, unknown> = { machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: loadavg().map((x) => +x.toFixed(2)) } };
    for (const [name, run] of runs) out[name] = await run();
    if (json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    else process.stdout.write(`${names.map((n) => SECTIONS[n].format(out[n])).join('\n\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
