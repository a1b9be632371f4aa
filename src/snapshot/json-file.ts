/**
 * A scenario as a JSON file, with its results summary (issue 5 item 3). Import never throws and
 * never touches the scenario in use: it returns the parsed file or errors that name the file and
 * the field (`data.json: scenario.customSites[2].lat`).
 */
import { z } from 'zod';
import type { FieldError, Result } from '../sim/contract';
import { parseScenario, reservedKeyErrors, type Scenario } from './scenario';
import { nonFiniteToNull, resultsSchema, type ScenarioResults } from './results';
import { findJsonSyntaxError, jsonDepthProblem } from './json-syntax';
import { zodIssuesToFieldErrors } from '../sim/zod-errors';
import { formatPath } from '../sim/field-path';

/** Files larger than this are refused before they are read: no scenario comes near it. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** What an exported file holds. `exportedAt` is an ISO time given by the caller. */
export interface ScenarioFile {
  scenario: Scenario;
  results?: ScenarioResults;
  exportedAt?: string;
  /** the bytes of the scenario's queue file (`scenario.queueFile`), deflated and base64-encoded */
  queueFileContent?: string;
}

/** Pretty JSON for download. Infinity/NaN in results are written as null (see results.ts). */
export function exportScenarioJson(scenario: Scenario, results?: ScenarioResults, exportedAt?: string, queueFileContent?: string): string {
  const file: ScenarioFile = { scenario };
  if (results !== undefined) file.results = results;
  if (exportedAt !== undefined) file.exportedAt = exportedAt;
  if (queueFileContent !== undefined && scenario.queueFile) file.queueFileContent = queueFileContent;
  return `${JSON.stringify(file, nonFiniteToNull, 2)}\n`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Call with `file.size` before reading a chosen file, so a huge file is never loaded. */
export function checkFileSize(fileName: string, sizeBytes: number): FieldError[] {
  if (!(sizeBytes <= MAX_FILE_BYTES)) {
    return [
      {
        field: fileName,
        message: `${fileName} is ${megabytes(sizeBytes)}; a scenario file is at most ${megabytes(MAX_FILE_BYTES)} (is this the right file?)`,
      },
    ];
  }
  return [];
}

const wrapperKeys = z.strictObject({
  scenario: z.unknown(),
  results: z.unknown().optional(),
  exportedAt: z.string().max(64).optional(),
  queueFileContent: z.string().max(MAX_FILE_BYTES).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64 text').optional(),
});

/**
 * Reads an exported file, or a bare scenario object. `sizeBytes` is the file's size as the
 * browser or fs reports it (checked again here so no caller can skip it).
 */
export function importScenarioJson(text: string, fileName: string, sizeBytes: number): Result<ScenarioFile> {
  try {
    const tooBig = checkFileSize(fileName, Math.max(Number.isFinite(sizeBytes) ? sizeBytes : 0, text.length));
    if (tooBig.length) return { ok: false, errors: tooBig };
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // editors on Windows add a BOM
    if (body.trim() === '') return { ok: false, errors: [{ field: fileName, message: `${fileName} is empty` }] };
    const tooDeep = jsonDepthProblem(body);
    if (tooDeep) return { ok: false, errors: [{ field: fileName, message: `${fileName} ${tooDeep}` }] };
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (e) {
      const at = findJsonSyntaxError(body);
      const where = at
        ? at.endOfText
          ? `it ends too early, at line ${at.line}, column ${at.column} (is the file complete?)`
          : `unexpected token at line ${at.line}, column ${at.column} (found ${JSON.stringify(body[at.index])})`
        : String((e as Error).message);
      return { ok: false, errors: [{ field: fileName, message: `${fileName} is not JSON: ${where}` }] };
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return { ok: false, errors: [{ field: fileName, message: `${fileName} does not hold a scenario (expected { "scenario": … })` }] };
    }
    // A bare scenario (hand-written, or copied out of a file) is accepted too.
    if (!('scenario' in json) && 'schema' in json) {
      const bare = parseScenario(json, `${fileName}: `);
      return bare.ok ? { ok: true, value: { scenario: bare.value } } : bare;
    }
    // "__proto__" keys would be dropped without a word by the parsers below: name them instead.
    const reserved = reservedKeyErrors(json, `${fileName}: `);
    if (reserved.length) return { ok: false, errors: reserved };
    const wrapper = wrapperKeys.safeParse(json);
    if (!wrapper.success) return { ok: false, errors: zodIssuesToFieldErrors(wrapper.error.issues, `${fileName}: `, json) };
    const scenario = parseScenario(wrapper.data.scenario, `${fileName}: scenario`);
    const errors = scenario.ok ? [] : [...scenario.errors];
    let results: ScenarioResults | undefined;
    if (wrapper.data.results !== undefined && wrapper.data.results !== null) {
      const r = resultsSchema.safeParse(wrapper.data.results);
      if (r.success) results = r.data;
      else errors.push(...zodIssuesToFieldErrors(r.error.issues, `${fileName}: results`, wrapper.data.results));
    }
    if (!scenario.ok || errors.length) return { ok: false, errors };
    const value: ScenarioFile = { scenario: scenario.value };
    if (results) value.results = results;
    if (wrapper.data.exportedAt !== undefined) value.exportedAt = wrapper.data.exportedAt;
    if (wrapper.data.queueFileContent !== undefined && scenario.value.queueFile) value.queueFileContent = wrapper.data.queueFileContent;
    return { ok: true, value };
  } catch (e) {
    return { ok: false, errors: [{ field: formatPath(fileName, []), message: `${fileName} could not be read (${String(e)})` }] };
  }
}
