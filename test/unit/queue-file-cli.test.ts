/**
 * `simulate --model queue --queue-file F`: the usual summary plus the requests and MW ahead at the
 * scope; bad rows on stderr by row number and column; a file with no usable row exits 2 naming it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../scripts/lib/cli-args';
import { runQueueFileCli, type QueueFileCliArgs } from '../../scripts/lib/queue-file-cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => join(root, 'test/fixtures/queue-files', name);
const args = (over: Partial<QueueFileCliArgs>): QueueFileCliArgs => ({ file: fixture('bad-rows.csv'), trials: 400, seed: 7, workers: 1, root, warn: () => {}, ...over });

describe('queue file CLI', () => {
  it('places the request at a county: requests and MW ahead are the open ones there, and the run starts from the file', async () => {
    const warnings: string[] = [];
    const o = await runQueueFileCli(args({ file: fixture('synthetic-gridstatus.csv'), scope: 'county:Ward, TX', mw: 150, warn: (l) => warnings.push(l) }));
    expect(warnings).toEqual([]);
    expect(o.queueFile).toMatchObject({ name: 'synthetic-gridstatus.csv', format: 'gridstatus', records: 20_000, badRows: 0, scope: 'county Ward, TX' });
    expect(o.queueFile.ahead.requests).toBeGreaterThan(200);
    expect(o.queueFile.ahead.requests).toBeLessThan(500);
    // The engine's stock is the file's: as many requests ahead at filing, about as many MW.
    expect(o.projectsAheadAtEntry).toBe(o.queueFile.ahead.requests);
    expect(Math.abs(o.mwAheadAtEntry.p50 / o.queueFile.ahead.mw - 1)).toBeLessThan(0.05);
    expect(o.asOf).toBe(o.queueFile.asOf);
    expect(o.timeToPower.p50).toBeGreaterThan(0);
    // The fitted preset's backtest against the file's own history (the generator's truth passes it).
    if ('error' in o.backtest) throw new Error(o.backtest.error);
    expect(o.backtest.end).toBe(o.queueFile.asOf);
    expect(o.backtest.cut.slice(0, 7)).toBe('2022-12');
    expect(o.backtest.rows).toHaveLength(5);
    expect(o.backtest.rows.every((r) => r.pass)).toBe(true);
    // A narrower scope has less ahead than the whole file.
    const all = await runQueueFileCli(args({ file: fixture('synthetic-gridstatus.csv'), mw: 150, trials: 50 }));
    expect(all.queueFile.ahead.requests).toBeGreaterThan(o.queueFile.ahead.requests * 5);
  });

  it('lists bad rows by row and column and still runs the good ones', async () => {
    const warnings: string[] = [];
    const o = await runQueueFileCli(args({ warn: (l) => warnings.push(l) }));
    expect(o.queueFile.records).toBe(4);
    // Four requests cannot be cut and refitted: the output says so instead of a table.
    expect(o.backtest).toEqual({ error: expect.stringMatching(/too few to fit and backtest/) });
    expect(warnings).toHaveLength(10);
    expect(warnings[0]).toBe('bad-rows.csv: row 3, column "Queue Date": not a date between 1950 and 2100 (got "sometime in 2021"; use YYYY-MM-DD)');
  });

  it('names the flag for a bad scope, a missing file and an unrecognised file', async () => {
    await expect(runQueueFileCli(args({ scope: 'state:TX' }))).rejects.toThrow(CliError);
    await expect(runQueueFileCli(args({ file: '/nonexistent/q.csv' }))).rejects.toThrow(/--queue-file: cannot read/);
    const dir = mkdtempSync(join(tmpdir(), 'qf-'));
    writeFileSync(join(dir, 'other.csv'), 'Ref,Size\nA,1\n');
    await expect(runQueueFileCli(args({ file: join(dir, 'other.csv') }))).rejects.toThrow(/not a recognised queue format.*map other files in the app/);
  });

  it('exits 2 naming the file when no row is usable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-'));
    const f = join(dir, 'none.csv');
    writeFileSync(f, 'Queue ID,Project Name,County,State,Interconnection Location,Transmission Owner,Generation Type,Capacity (MW),Queue Date,Status,Withdrawn Date\nX,,,,,,,-1,2020-01-01,Active,\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', '--model', 'queue', '--queue-file', f, '--json'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('none.csv has no usable row');
    expect(r.stderr).toContain('row 2, column "Capacity (MW)": is negative (-1 MW)');
  });
});
