/**
 * `simulate --scenario <file.json>` (issue 5 item 8): an exported scenario re-runs to the numbers
 * of the same request built the way the app builds it; a malformed file exits non-zero naming the
 * file and the field.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInThread } from '../../src/sim/in-thread';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import type { QueueSummary } from '../../src/sim/queue/summary';
import { buildQueueRequest } from '../../src/sim/requests';
import { defaultScenario } from '../../src/snapshot/scenario';
import { exportScenarioJson } from '../../src/snapshot/json-file';
import '../../src/sim/models';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('simulate --scenario', () => {
  it('re-runs the selected site with the scenario’s overrides, request MW, trials and seed', () => {
    const scenario = {
      ...defaultScenario('0.1.0', 'ab'),
      name: 'Rockdale, slower construction',
      settings: { trials: 1200, seed: 99 },
      selectedSiteIds: ['riot-rockdale'],
      queueOverrides: { 'ercot-large-load': { 'phases.constr.p50': 14 } },
      projectMWBySite: { 'riot-rockdale': 150 },
    };
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    const file = join(dir, 'rockdale.json');
    writeFileSync(file, exportScenarioJson(scenario));
    const r = run('--scenario', file, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { sites: Array<{ site: string; projectMW: number; timeToPower: QueueSummary['timeToPower'] }> };

    const doc = loadQueuePresets(JSON.parse(readFileSync(join(root, 'data/regions.json'), 'utf8'))).presets['ercot-large-load'];
    const req = buildQueueRequest({ doc, overrides: { 'phases.constr.p50': 14 }, projectMW: 150, trials: 1200, seed: 99 });
    if (!req.ok) throw new Error('request should be valid');
    const direct = runInThread('queue', req.value).timeToPower;
    expect(out.sites).toHaveLength(1);
    expect(out.sites[0].projectMW).toBe(150);
    expect(out.sites[0].timeToPower.p50).toBe(direct.p50);
    expect(out.sites[0].timeToPower.p90).toBe(direct.p90);
  });

  it('exits 2 naming the file and the field when the scenario is malformed', () => {
    const r = run('--scenario', 'test/fixtures/scenarios/bad-latitude.json', '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad-latitude.json: scenario.customSites[2].lat');
  });
});
