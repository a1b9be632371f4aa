import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, loadScenarioFileWithResults, runScenarioFile } from '../../scripts/lib/scenario-cli';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/scenarios/${name}`, import.meta.url));

describe('scenario CLI loader', () => {
  it('loads an exported file, its results, and an old v0 scenario', () => {
    const r = loadScenarioFile(fixture('v1-example.json'));
    expect(r.ok && r.value.settings).toEqual({ trials: 10000, seed: 20240601 });
    const withResults = loadScenarioFileWithResults(fixture('v1-example.json'));
    expect(withResults.ok && withResults.value.results?.summary[0].p50).toBe(11.25);
    expect(loadScenarioFile(fixture('v0-prototype.json'))).toMatchObject({ ok: true, value: { settings: { trials: 5000, seed: 42 } } });
  });

  it('names the file and the field for a malformed file, and says when the file is missing', () => {
    expect(loadScenarioFile(fixture('bad-latitude.json'))).toEqual({
      ok: false,
      errors: [{ field: 'bad-latitude.json: scenario.customSites[2].lat', message: 'must be at most 90' }],
    });
    expect(loadScenarioFile(fixture('not-json.json'))).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('not-json.json is not JSON: unexpected token at line 4, column 5') }] });
    const missing = fixture('no-such-file.json');
    expect(loadScenarioFile(missing)).toEqual({ ok: false, errors: [{ field: missing, message: `${missing} does not exist` }] });
    expect(loadScenarioFile(fixture(''))).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('is not a file') }] });
  });

  it('runScenarioFile: exit 2 with the field on stderr for a bad file, 0 with JSON on stdout, 1 when the run fails', async () => {
    const bad = await runScenarioFile(fixture('bad-latitude.json'), () => 'unused');
    expect(bad.exitCode).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('bad-latitude.json: scenario.customSites[2].lat: must be at most 90');

    const good = await runScenarioFile(fixture('v1-example.json'), (s) => ({ seed: s.settings.seed, p90: Infinity }));
    expect(good).toEqual({ exitCode: 0, stdout: '{\n  "seed": 20240601,\n  "p90": null\n}\n', stderr: '' });

    const failing = await runScenarioFile(fixture('v1-example.json'), () => {
      throw new Error('no runner for model "queue"');
    });
    expect(failing.exitCode).toBe(1);
    expect(failing.stderr).toContain('no runner for model "queue"');
  });
});
