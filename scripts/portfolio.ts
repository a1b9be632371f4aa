/**
 * `npm run --silent portfolio -- --sites a,b,c --target-mw 500 --by 2028-06 [--json]`: which sites
 * together reach X IT MW by a date, and with --best K the best sets (lib/portfolio-cli.ts says every
 * flag). With --json, stdout carries exactly one JSON object (Infinity as null). A bad flag goes to
 * stderr naming the flag, exit code 2, and nothing runs; a failure while running, exit code 1.
 */
import { cliMain } from './lib/cli-args';
import { toJson } from './lib/json-out';
import { formatPortfolioCli, readPortfolioArgs, runPortfolioCli } from './lib/portfolio-cli';

const HELP = `usage: npm run --silent portfolio -- --sites a,b,c --target-mw MW --by YYYY-MM[-DD] [--basis firm|first]
  [--candidates a,b,…|all] [--best K [--min-sites J] [--max-request-mw MW] [--top N]]
  [--rho R] [--delay-cost USD/month] [--trials N] [--seed S] [--workers W] [--json]
IT MW; by the end of the month given; with --json one JSON object on stdout, "> horizon" as null.`;

async function main(argv: string[]): Promise<number> {
  return cliMain(argv, HELP, async (args) => {
    const json = args.bool('--json');
    const a = readPortfolioArgs(args, process.cwd());
    args.rejectUnknown();
    const out = await runPortfolioCli(a);
    process.stdout.write(`${json ? toJson(out) : formatPortfolioCli(out)}\n`);
  });
}

process.exitCode = await main(process.argv.slice(2));
