/**
 * `npm run --silent simulate -- --model <name> … [--json]`: one command line for every model.
 *
 * The shared parser (lib/cli-args.ts) reads the flags; each model is a command in COMMANDS that
 * reads its own flags and returns JSON-ready data plus a readable text. With --json, stdout carries
 * exactly one JSON object (Infinity and NaN as null); without, the text. A bad flag goes to stderr
 * naming the flag, exit code 2; a failure while running, exit code 1.
 *
 * Adding a model: write its command (as lib/queue-cli.ts does) and add one line to COMMANDS.
 */
import type { Result } from '../src/sim/contract';
import { formatAbsorptionCli, runAbsorptionCli } from './lib/absorption-cli';
import { formatBuyVsBuildCli, runBuyVsBuildCli } from './lib/buy-vs-build-cli';
import { CliArgs, CliError, cliMain, workersFlag } from './lib/cli-args';
import { toJson } from './lib/json-out';
import { formatEconomicsCli, runEconomicsCli } from './lib/economics-cli';
import { readCurtailFlags } from './lib/curtail-cli';
import { queueCommand } from './lib/queue-cli';
import { formatStockReport, runStockReportCli } from './lib/stock-report-cli';
import { queueFileCommand } from './lib/queue-file-cli';
import { runScenarioFile } from './lib/scenario-cli';
import { planScenario, runScenario } from './lib/scenario-run';

type Command = (args: CliArgs, root: string) => Promise<{ json: unknown; text: () => string }>;

/** Wraps a command written as `Result`-returning run + format functions. */
function fromResult<A>(read: (args: CliArgs, root: string) => A, run: (a: A) => Result<Record<string, unknown>> | Promise<Result<Record<string, unknown>>>, format: (o: Record<string, unknown>) => string): Command {
  return async (args, root) => {
    const a = read(args, root);
    args.rejectUnknown();
    const r = await run(a);
    if (!r.ok) {
      const e = r.errors[0];
      throw e.field.startsWith('--') ? new CliError(e.field, e.message) : new Error(r.errors.map((x) => `${x.field}: ${x.message}`).join('; '));
    }
    return { json: r.value, text: () => format(r.value) };
  };
}

const trials = (args: CliArgs) => args.number('--trials', { min: 1, max: 2_000_000, whole: true });
const seed = (args: CliArgs) => args.number('--seed', { min: 0, max: 0xffffffff, whole: true });

/** Commands by model name (a Map: `--model constructor` finds nothing, rather than Object's constructor). */
const COMMANDS = new Map<string, Command>(Object.entries({
  // A queue file replaces the preset's stock and hazards with the file's own (lib/queue-file-cli.ts).
  queue: (args, root) => (args.has('--queue-file') ? queueFileCommand(args, root) : queueCommand(args, root)),
  'buy-vs-build': fromResult(
    (args, root) => ({
      site: args.string('--site') ?? '',
      trials: trials(args),
      seed: seed(args),
      leadMonths: args.number('--lead', { min: 0, max: 240, what: 'a number of months' }),
      rentUSDPerKWMonth: args.number('--rent', { min: 0, max: 10_000, what: 'USD per kW-month' }),
      tornado: args.bool('--tornado'),
      curtail: readCurtailFlags(args),
      root,
    }),
    runBuyVsBuildCli,
    formatBuyVsBuildCli,
  ),
  absorption: fromResult(
    (args, root) => ({ preset: args.string('--preset') ?? '', trials: trials(args), seed: seed(args), userMW: args.number('--user-mw', { min: 0.001, max: 1e6 }), root }),
    runAbsorptionCli,
    formatAbsorptionCli,
  ),
  economics: async (args, root) => {
    const a = {
      site: args.string('--site') ?? '',
      trials: trials(args),
      seed: seed(args),
      horizonMonths: args.number('--horizon', { min: 12, max: 600, whole: true, what: 'a number of months' }),
      workers: args.has('--workers') ? workersFlag(args) : undefined,
      root,
    };
    args.rejectUnknown();
    const r = await runEconomicsCli(a);
    if (!r.ok) {
      const e = r.errors[0];
      throw e.field.startsWith('--') ? new CliError(e.field, e.message) : new Error(r.errors.map((x) => `${x.field}: ${x.message}`).join('; '));
    }
    return { json: r.value, text: () => formatEconomicsCli(r.value) };
  },
} satisfies Record<string, Command>));
const MODEL_NAMES = [...COMMANDS.keys()].join(', ');

const HELP = `usage: npm run --silent simulate -- --model <${[...COMMANDS.keys()].join('|')}> [flags] [--json]
  queue:        --preset <id> | --site <id>  [--mw MW] [--trials N] [--seed S] [--workers W] [--validation] [--forward flat|trend|<file.json>] [curtailment]
  queue file:   --queue-file <file.csv|file.xlsx> [--scope all|poi:NAME|county:NAME|zone:NAME] [--mw MW] [--preset BASE] [--as-of YYYY-MM-DD] [--forward flat|<file.json>]
                (fits the file, places the request behind its open requests at the scope; bad rows on stderr)
  buy-vs-build: --site <id> [--trials N] [--seed S] [--lead MONTHS] [--rent USD/kW-month] [--tornado] [curtailment]
  curtailment:  --curtailable [--floor-mw MW] [--as-of YYYY-MM] [--assume-path] [--hours-p50 H --hours-p90 H]
                (firm and curtailable MW under the region's rule, data/curtailment.json)
  absorption:   --preset <id> [--trials N] [--seed S] [--user-mw MW]
  economics:    --site <id> [--trials N] [--seed S] [--horizon MONTHS] [--workers W]
  stock shape:  --preset <id> --stock-report [--trials N] [--seed S]   (mean age, share past agreement, MW by phase at months 0/12/24/60, flat inputs)
  or: --scenario <file.json> [--workers W]   re-run an exported scenario's queue model per selected site
Months from today, MW; with --json one JSON object on stdout, "> horizon" as null.`;


async function main(argv: string[]): Promise<number> {
  return cliMain(argv, HELP, async (args) => {
    const json = args.bool('--json');
    const scenarioPath = args.string('--scenario');
    if (scenarioPath !== undefined) {
      const workers = workersFlag(args);
      args.rejectUnknown();
      const plan = (s: Parameters<typeof planScenario>[0]) => {
        const p = planScenario(s, process.cwd());
        return p.ok ? [] : p.errors;
      };
      const o = await runScenarioFile(scenarioPath, (s) => runScenario(s, process.cwd(), workers), true, plan);
      process.stdout.write(o.stdout);
      process.stderr.write(o.stderr);
      return o.exitCode;
    }
    if (args.bool('--stock-report')) {
      const model = args.string('--model');
      if (model !== undefined && model !== 'queue') throw new CliError('--stock-report', `goes with the queue model, not "${model}"`);
      const o = runStockReportCli(args, process.cwd());
      args.rejectUnknown();
      process.stdout.write(`${json ? toJson(o) : formatStockReport(o)}\n`);
      return 0;
    }
    const model = args.string('--model');
    if (!model) throw new CliError('--model', `is required: one of ${MODEL_NAMES}`);
    const command = COMMANDS.get(model);
    if (!command) throw new CliError('--model', `unknown model "${model}"; one of ${MODEL_NAMES}`);
    const out = await command(args, process.cwd());
    process.stdout.write(`${json ? toJson(out.json) : out.text()}\n`);
    return 0;
  });
}

process.exitCode = await main(process.argv.slice(2));
