/**
 * `npm run --silent simulate -- --scenario <file.json> --json` (issue 5 item 8): read an exported
 * scenario file in Node with the same validation the app uses, so the CLI runs exactly what the
 * app ran, and a malformed file exits non-zero naming the file and the field.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { FieldError, Result } from '../../src/sim/contract';
import { checkFileSize, importScenarioJson, type ScenarioFile } from '../../src/snapshot/json-file';
import type { Scenario } from '../../src/snapshot/scenario';
import { nonFiniteToNull } from '../../src/snapshot/results';

/** Reads and validates a scenario file (an exported file or a bare scenario). Never throws. */
export function loadScenarioFile(path: string): Result<Scenario> {
  const file = loadScenarioFileWithResults(path);
  return file.ok ? { ok: true, value: file.value.scenario } : file;
}

/** As loadScenarioFile, keeping the results summary the app exported (to check the CLI's numbers against). */
export function loadScenarioFileWithResults(path: string): Result<ScenarioFile> {
  const name = basename(path);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { ok: false, errors: [{ field: path, message: `${path} is not a file` }] };
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, errors: [{ field: path, message: code === 'ENOENT' ? `${path} does not exist` : `${path} cannot be read (${code ?? String(e)})` }] };
  }
  const tooBig = checkFileSize(name, size);
  if (tooBig.length) return { ok: false, errors: tooBig };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, errors: [{ field: path, message: `${path} cannot be read (${String(e)})` }] };
  }
  return importScenarioJson(text, name, size);
}

/** What the dispatcher's `--scenario` branch needs to write and how to exit. */
export interface CliOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * The whole `--scenario <file>` branch: load, then `run(scenario)` (the dispatcher's model calls),
 * then print. Exit code 2 for a bad file (stderr names the file and the field): one that does not
 * parse, and one that parses but `check` refuses (values the model cannot run: P90 < P50, horizon
 * 0, negative headroom, too much work); 1 when `run` throws, 0 otherwise. `run`'s value is printed
 * as JSON when `json` is true, else as text.
 */
export async function runScenarioFile(
  path: string,
  run: (scenario: Scenario) => unknown | Promise<unknown>,
  json = true,
  check: (scenario: Scenario) => FieldError[] = () => [],
): Promise<CliOutcome> {
  const loaded = loadScenarioFile(path);
  const name = basename(path);
  const problems = loaded.ok ? check(loaded.value).map((e) => ({ field: `${name}: ${e.field}`, message: e.message })) : loaded.errors;
  if (problems.length) {
    const lines = problems.map((e) => `  ${e.field}: ${e.message}`).join('\n');
    return { exitCode: 2, stdout: '', stderr: `error: cannot run ${path}:\n${lines}\n` };
  }
  if (!loaded.ok) return { exitCode: 2, stdout: '', stderr: `error: cannot run ${path}\n` };
  try {
    const out = await run(loaded.value);
    const text = json ? JSON.stringify(out, nonFiniteToNull, 2) : String(out);
    return { exitCode: 0, stdout: `${text}\n`, stderr: '' };
  } catch (e) {
    return { exitCode: 1, stdout: '', stderr: `error: running ${path} failed: ${e instanceof Error ? e.message : String(e)}\n` };
  }
}
