import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkFileSize, exportScenarioJson, importScenarioJson, MAX_FILE_BYTES } from '../../src/snapshot/json-file';
import { findJsonSyntaxError } from '../../src/snapshot/json-syntax';
import { parseScenario } from '../../src/snapshot/scenario';
import { resultsArb, scenarioArb } from '../fixtures/scenarios/arbitrary';

const fixtureText = (name: string) => readFileSync(new URL(`../fixtures/scenarios/${name}`, import.meta.url), 'utf8');
const importText = (text: string, name = 'data.json') => importScenarioJson(text, name, new TextEncoder().encode(text).length);
const errorsOf = (r: ReturnType<typeof importScenarioJson>) => (r.ok ? [] : r.errors);

describe('JSON export and import', () => {
  it('import(export(s, results)) is the identity, including "> horizon" (Infinity) and unknown (NaN) results', () => {
    fc.assert(
      fc.property(scenarioArb, fc.option(resultsArb, { nil: undefined }), fc.option(fc.constant('2026-05-01T09:30:00.000Z'), { nil: undefined }), (raw, results, at) => {
        const parsed = parseScenario(raw);
        if (!parsed.ok) throw new Error('generator made an invalid scenario');
        const text = exportScenarioJson(parsed.value, results, at);
        const back = importText(text);
        const expected: Record<string, unknown> = { scenario: parsed.value };
        if (results) expected.results = results;
        if (at) expected.exportedAt = at;
        expect(back).toEqual({ ok: true, value: expected });
      }),
      { seed: 4, numRuns: 300 },
    );
  });

  it('writes pretty JSON with null for "> horizon", and never reads the clock', () => {
    const file = importText(fixtureText('v1-example.json'));
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(file.value.results?.summary[1].p90).toBe(Infinity);
    expect(Number.isNaN(file.value.results?.summary[1].se90)).toBe(true);
    const text = exportScenarioJson(file.value.scenario, file.value.results);
    expect(text).toContain('\n  "scenario": {\n');
    expect(text).toContain('"p90": null');
    expect(text).not.toContain('exportedAt');
  });

  it('keeps a site name with HTML and script verbatim', () => {
    const file = importText(fixtureText('v1-example.json'));
    expect(file.ok && file.value.scenario.customSites[0].name).toBe('<img src=x onerror=alert(1)></script>');
  });

  it('refuses a 50 MB file by its size, before reading or parsing it', () => {
    expect(checkFileSize('huge.json', 50 * 1024 * 1024)).toEqual([
      { field: 'huge.json', message: 'huge.json is 50.0 MB; a scenario file is at most 10.0 MB (is this the right file?)' },
    ]);
    expect(checkFileSize('ok.json', MAX_FILE_BYTES)).toEqual([]);
    // the text is valid JSON: only the size check can refuse it
    expect(errorsOf(importScenarioJson('{}', 'huge.json', 50 * 1024 * 1024))[0].message).toContain('50.0 MB');
    // a caller passing a wrong size is caught by the text's own length
    expect(errorsOf(importScenarioJson(' '.repeat(MAX_FILE_BYTES + 1), 'liar.json', 10))[0].message).toContain('at most 10.0 MB');
  });

  it('says where a file stops being JSON, by line and column', () => {
    expect(errorsOf(importText(fixtureText('not-json.json')))).toEqual([
      { field: 'data.json', message: 'data.json is not JSON: unexpected token at line 4, column 5 (found "\\"")' },
    ]);
    const cut = fixtureText('v1-example.json').slice(0, 300);
    expect(errorsOf(importText(cut))[0].message).toMatch(/^data\.json is not JSON: it ends too early, at line \d+, column \d+ \(is the file complete\?\)$/);
    expect(errorsOf(importText('  \n'))).toEqual([{ field: 'data.json', message: 'data.json is empty' }]);
    expect(errorsOf(importText('[1, 2]'))[0].message).toContain('does not hold a scenario');
  });

  it('names the file and the field for a newer version and out-of-range values', () => {
    expect(errorsOf(importText(fixtureText('newer-version.json'), 'future.json'))).toEqual([
      { field: 'future.json: scenario.version', message: 'was saved by a newer version (v7) of this app; this app reads up to v3' },
    ]);
    expect(errorsOf(importText(fixtureText('bad-latitude.json'), 'deck.json'))).toEqual([
      { field: 'deck.json: scenario.customSites[2].lat', message: 'must be at most 90' },
    ]);
    const withBadResults = JSON.parse(fixtureText('v1-example.json'));
    withBadResults.results.summary[0].n = -1;
    withBadResults.colour = 'red';
    expect(errorsOf(importText(JSON.stringify(withBadResults)))).toEqual([{ field: 'data.json', message: 'unknown field "colour" (check the spelling)' }]);
    delete withBadResults.colour;
    expect(errorsOf(importText(JSON.stringify(withBadResults)))).toEqual([
      { field: 'data.json: results.summary[0].n', message: 'must be at least 0' },
    ]);
  });

  it('accepts a bare scenario (no wrapper) and a byte-order mark, naming fields from the top', () => {
    const bare = JSON.parse(fixtureText('bad-latitude.json')).scenario;
    expect(errorsOf(importText(`\ufeff${JSON.stringify(bare)}`))).toEqual([{ field: 'data.json: customSites[2].lat', message: 'must be at most 90' }]);
    bare.customSites[2].lat = 45;
    expect(importText(JSON.stringify(bare)).ok).toBe(true);
  });

  it('never throws on random text, random JSON or mutated valid files', () => {
    const valid = fixtureText('v1-example.json');
    const mutated = fc
      .tuple(fc.nat(valid.length - 1), fc.nat(20), fc.string({ maxLength: 5 }))
      .map(([at, cut, ins]) => valid.slice(0, at) + ins + valid.slice(Math.min(valid.length, at + cut)));
    const anything = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.json({ maxDepth: 6 }), mutated, fc.jsonValue().map((v) => JSON.stringify({ scenario: v })));
    fc.assert(
      fc.property(anything, (text) => {
        const r = importText(text);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) for (const e of r.errors) expect(e.field.startsWith('data.json')).toBe(true);
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it('the syntax locator agrees with JSON.parse on valid, random and damaged texts', () => {
    const damaged = fc.tuple(fc.json(), fc.nat(), fc.nat(3)).map(([j, at, n]) => {
      const i = at % (j.length + 1);
      return j.slice(0, i) + j.slice(i + n);
    });
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string({ maxLength: 40 }), damaged), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(findJsonSyntaxError(text) === null).toBe(parses);
      }),
      { seed: 6, numRuns: 3000 },
    );
  });
});
