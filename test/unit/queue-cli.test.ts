/** The command line (issue 3 item 6): flags read in one place, errors name the flag, JSON is plain. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliArgs, CliError } from '../../scripts/lib/cli-args';
import { formatQueueCli, runQueueCli } from '../../scripts/lib/queue-cli';
import { siteQueueInput } from '../../scripts/lib/site-lookup';
import { presetParams, queueRequest, runQueue } from './queue-test-utils';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('CliArgs', () => {
  it('reads --flag value, --flag=value and bare booleans', () => {
    const a = new CliArgs(['--model', 'queue', '--trials=500', '--json', '--seed', '7']);
    expect([a.string('--model'), a.number('--trials', { min: 1, max: 1e6, whole: true }), a.bool('--json'), a.number('--seed', { min: 0, max: 9, whole: true })]).toEqual(['queue', 500, true, 7]);
    expect(() => a.rejectUnknown()).not.toThrow();
  });

  it('names the flag in every error', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof CliError ? `${e.flag} | ${e.message}` : String(e);
      }
      return 'no error';
    };
    expect(err(() => new CliArgs(['--trials', 'x']).number('--trials', { min: 1, max: 10, whole: true }))).toBe('--trials | --trials: must be a whole number from 1 to 10, got "x"');
    expect(err(() => new CliArgs(['--trials', '2.5']).number('--trials', { min: 1, max: 10, whole: true }))).toMatch(/^--trials \|/);
    expect(err(() => new CliArgs(['--seed', '1', '--seed', '2']))).toBe('--seed | --seed: is given twice');
    expect(err(() => new CliArgs(['queue']))).toMatch(/^queue \| queue: expected a flag/);
    const a = new CliArgs(['--trails', '10']);
    expect(err(() => a.rejectUnknown())).toBe('--trails | --trails: is not a known flag here (see --help)');
  });
});

describe('queue command', () => {
  it('prints the same numbers as an in-thread run of the same request', async () => {
    const out = await runQueueCli({ preset: 'sweden', mw: 80, trials: 500, seed: 11, workers: 1, validation: false, root });
    const direct = runQueue(queueRequest(presetParams('sweden'), { projectMW: 80, trials: 500, seed: 11 }));
    expect(out.timeToPower.p50).toBe(direct.timeToPower.p50);
    expect(out.timeToPower.se90).toBe(direct.timeToPower.se90);
    expect(out).toMatchObject({ model: 'queue', preset: 'sweden', trials: 500, seed: 11, projectMW: 80, workers: 1 });
  });

  it('takes a site’s preset and MW (aiItMW, else gridMW, else 100)', () => {
    const s = siteQueueInput(root, 'iren-childress');
    expect(s.queuePreset).toBe('ercot-large-load');
    expect(s.projectMW).toBeGreaterThan(0);
    expect(() => siteQueueInput(root, 'atlantis')).toThrow(/--site: no site "atlantis"/);
  });

  it('a preset without --mw runs its own typical request: Singapore stays within the pilot’s 10–60 MW per project', async () => {
    const out = await runQueueCli({ preset: 'singapore', trials: 50, seed: 1, workers: 1, validation: false, root });
    expect(out.projectMW).toBeLessThanOrEqual(60);
    expect(out.asOf).toBe('2025-12-01');
    expect(out.forwardAssumes).toMatch(/^Flat/);
    // One clock: months count from the queue's as-of date, in the JSON's units and the printed table.
    expect(out.units).toMatch(/^months from 2025-12-01, the queue's as-of date/);
    expect(formatQueueCli(out)).toMatch(/^ {2}months from 2025-12-01 +P10/m);
  });

  it('--forward takes flat, trend or a file, and names the flag and the row on a bad table', async () => {
    const base = { preset: 'ercot-large-load', trials: 50, seed: 1, workers: 1, validation: false, root };
    const trend = await runQueueCli({ ...base, forward: 'trend' });
    expect(trend.forward).toBe('trend');
    expect(trend.forwardAssumes).toMatch(/^Trend after 2026-06-24/);
    const dir = mkdtempSync(join(tmpdir(), 'fwd-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ rows: [{ year: 2028, arrivalsPerYear: -3 }] }));
    await expect(runQueueCli({ ...base, forward: bad })).rejects.toThrow(/--forward: .*forward\.rows\.0\.arrivalsPerYear/);
    const early = join(dir, 'early.json');
    writeFileSync(early, JSON.stringify({ rows: [{ year: 2025, arrivalsPerYear: 300 }] }));
    await expect(runQueueCli({ ...base, forward: early })).rejects.toThrow(/forward\.rows\.0\.year: 2025 starts on or before the stock's as-of date/);
  });

  it('refuses a missing or doubled target, an unknown preset and a bad MW, naming the flag', async () => {
    const base = { trials: 10, seed: 1, workers: 1, validation: false, root };
    await expect(runQueueCli({ ...base })).rejects.toThrow('--preset: give exactly one of --preset <id> or --site <id>');
    await expect(runQueueCli({ ...base, preset: 'atlantis' })).rejects.toThrow(/--preset: no queue preset "atlantis"/);
    await expect(runQueueCli({ ...base, preset: 'samara', mw: -1 })).rejects.toThrow('--mw: must be a positive number of MW, got -1');
    await expect(runQueueCli({ ...base, preset: 'samara', trials: 1e9 })).rejects.toThrow(/--trials: 1,000,000,000 trials exceeds the limit/);
  });

  it('npm run simulate prints one JSON object with "> horizon" as null, and exits 2 on a bad flag', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', ...args], { cwd: root, encoding: 'utf8' });
    const ok = run('--model', 'queue', '--preset', 'iceland', '--trials', '300', '--seed', '3', '--mw', '100', '--json');
    expect(ok.status).toBe(0);
    const o = JSON.parse(ok.stdout);
    expect(o.timeToPower.neverShare).toBeGreaterThan(0.1);
    expect(o.timeToPower.p90).toBeNull();
    expect(Object.keys(o)).toEqual(expect.arrayContaining(['model', 'preset', 'trials', 'seed', 'projectMW', 'workers', 'timeToPower']));
    const bad = run('--model', 'queue', '--preset', 'iceland', '--trials', 'many');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--trials: must be a whole number of trials, got "many"');
  });
});
