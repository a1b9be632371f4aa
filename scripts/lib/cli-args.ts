/**
 * The argument reader every `npm run simulate` / `npm run bench` command shares: `--flag value`,
 * `--flag=value` and bare boolean flags. Commands read typed values through it and every problem
 * becomes a CliError naming the flag (the dispatcher prints it and exits with code 2).
 */
import { availableParallelism } from 'node:os';

/** A bad command line: `flag` is what the user typed wrong. */
export class CliError extends Error {
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(`${flag}: ${message}`);
  }
}

export class CliArgs {
  private readonly values = new Map<string, string | true>();
  private readonly read = new Set<string>();

  constructor(argv: readonly string[]) {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (!a.startsWith('--') || a === '--') throw new CliError(a, 'expected a flag such as --trials 1000');
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (this.values.has(name)) throw new CliError(name, 'is given twice');
      if (eq > 0) this.values.set(name, a.slice(eq + 1));
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) this.values.set(name, argv[++i]);
      else this.values.set(name, true);
    }
  }

  has(flag: string): boolean {
    this.read.add(flag);
    return this.values.has(flag);
  }

  /** A boolean flag: present (and not "false") means true. */
  bool(flag: string): boolean {
    this.read.add(flag);
    const v = this.values.get(flag);
    if (v === undefined) return false;
    if (v === true || v === 'true') return true;
    if (v === 'false') return false;
    throw new CliError(flag, `takes no value (or true/false), got "${v}"`);
  }

  string(flag: string): string | undefined;
  string(flag: string, fallback: string): string;
  string(flag: string, fallback?: string): string | undefined {
    this.read.add(flag);
    const v = this.values.get(flag);
    if (v === undefined) return fallback;
    if (v === true || v === '') throw new CliError(flag, 'needs a value');
    return v;
  }

  /** A finite number in [min, max]; `whole` requires an integer. */
  number(flag: string, opts: { min: number; max: number; whole?: boolean; what?: string }): number | undefined;
  number(flag: string, opts: { min: number; max: number; whole?: boolean; what?: string; fallback: number }): number;
  number(flag: string, opts: { min: number; max: number; whole?: boolean; what?: string; fallback?: number }): number | undefined {
    const raw = this.string(flag);
    if (raw === undefined) return opts.fallback;
    const v = Number(raw);
    const what = opts.what ?? (opts.whole ? 'a whole number' : 'a number');
    // Infinite bounds leave range checks (and their reasons) to the model's own validation.
    const range = Number.isFinite(opts.min) && Number.isFinite(opts.max) ? ` from ${opts.min.toLocaleString('en-US')} to ${opts.max.toLocaleString('en-US')}` : '';
    if (raw.trim() === '' || !Number.isFinite(v) || (opts.whole && !Number.isInteger(v))) throw new CliError(flag, `must be ${what}${range}, got "${raw}"`);
    if (v < opts.min || v > opts.max) throw new CliError(flag, `must be ${what}${range}, got ${raw}`);
    return v;
  }

  /** Refuses flags no command asked about (typos would otherwise be ignored silently). */
  rejectUnknown(): void {
    for (const flag of this.values.keys()) if (!this.read.has(flag)) throw new CliError(flag, 'is not a known flag here (see --help)');
  }
}

/** A service the command needs (Redis) did not answer, or work stopped moving, within its time limit. */
export class UnavailableError extends Error {}

/**
 * Prints a command's failure on stderr as one line and returns its exit code: 2 for bad input
 * (CliError), 3 when a service is unavailable (UnavailableError), else 1.
 */
export function reportCliFailure(e: unknown): number {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  return e instanceof CliError ? 2 : e instanceof UnavailableError ? 3 : 1;
}

/**
 * A command's main: `--help` prints `help`; bad input (CliError) prints its message and the help and
 * exits 2; any other failure is one line (reportCliFailure). `body` returns the exit code (default 0).
 */
export async function cliMain(argv: string[], help: string, body: (args: CliArgs) => Promise<number | void>): Promise<number> {
  try {
    const args = new CliArgs(argv);
    if (args.bool('--help')) {
      process.stdout.write(`${help}\n`);
      return 0;
    }
    return (await body(args)) ?? 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`error: ${e.message}\n${help}\n`);
      return 2;
    }
    return reportCliFailure(e);
  }
}

/**
 * `--workers W`, at most the machine's cores (`cores`, default availableParallelism()): more
 * workers than cores only add switching and memory (16 workers on 2 cores ran 3.5× slower and took
 * 980 MB). Absent = 1 (this thread).
 */
export function workersFlag(args: CliArgs, cores = availableParallelism()): number {
  return args.number('--workers', { min: 1, max: cores, whole: true, what: `a whole number of workers, at most this machine's ${cores} core${cores === 1 ? '' : 's'}` }) ?? 1;
}
