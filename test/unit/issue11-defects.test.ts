/**
 * The nine defects of issue 11, each reproduced on the app's own state classes (or the CLI) and
 * checked fixed. Every test here failed on the code before the fix (noted per test).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runInThread } from '../../src/sim/in-thread';
import { buildQueueRequest } from '../../src/sim/requests';
import { MAX_WORK } from '../../src/sim/work-budget';
import { defaultScenario, ENGINE_VERSION, type Scenario } from '../../src/snapshot';
import { importScenarioJson } from '../../src/snapshot/json-file';
import { runScenarioFile } from '../../scripts/lib/scenario-cli';
import { planScenario } from '../../scripts/lib/scenario-run';
import { appState, memoryStore, settle } from './state-test-utils';

const SITE = 'riot-rockdale';
const BUILT_INS = ['valueOf', 'toString', 'hasOwnProperty', 'constructor', '__proto__', 'isPrototypeOf', 'toLocaleString'];

/** A small real queue summary (results() and the CSV read every field). */
async function queueSummary(scn: Awaited<ReturnType<typeof appState>>['scn']) {
  const doc = scn.queue.preset('ercot-large-load');
  if (!doc) throw new Error('preset');
  const req = buildQueueRequest({ doc, overrides: {}, projectMW: 100, trials: 250, seed: 1 });
  if (!req.ok) throw new Error('req');
  return runInThread('queue', req.value);
}

function scenarioWith(over: Partial<Scenario>): Scenario {
  return { ...defaultScenario(ENGINE_VERSION, ''), ...over };
}

describe('1. ids that are names of built-in object members', () => {
  it('in a scenario (link, file or saved copy): applying never throws, and lookups find nothing instead of Object.prototype members', async () => {
    // Before: queue presets, drafts and request MW were plain objects indexed by these ids, so
    // presets["valueOf"] was a function taken for a preset and the app froze.
    const { scn } = await appState();
    for (const id of BUILT_INS.filter((x) => x !== '__proto__' && x !== 'constructor')) {
      const custom = { id, name: id, lon: -97, lat: 31, uiRegion: 'texas' as const, queuePreset: id, kind: 'greenfield' as const, gridMW: 100, aiUsableMW: 50, pue: null };
      const s = scenarioWith({
        selectedSiteIds: [id],
        customSites: [custom],
        projectMWBySite: { [id]: 5 },
        leasing: { trials: 100, atLeastPct: 80, presetBySite: { [id]: 'north-america-2024' }, deliveredBySite: { [id]: 'build' } },
      });
      const r = scn.apply(s, 'link');
      expect(r.ok).toBe(true);
      const ref = scn.siteRef(id);
      expect(ref?.queuePreset).toBe(id);
      expect(scn.queue.preset(id)).toBeUndefined();
      expect(scn.queue.validate(ref!)).toEqual({ preset: `no queue preset for this site (${id})` });
      expect(scn.bvb.validate(ref!)).toBeTypeOf('object');
      expect(scn.leasing.validate(ref!)).toBeTypeOf('object');
      expect(scn.current().projectMWBySite).toEqual({ [id]: 5 });
      // A preset named like a member of Object.prototype is unknown, with a message.
      const bad = scn.check(scenarioWith({ queueOverrides: { [id]: { horizonMonths: 12 } } }));
      expect(bad).toEqual([{ field: `scenario.queueOverrides.${id}`, message: `no queue preset is called "${id}" in this app's data` }]);
    }
  });

  it('the CLI refuses --model constructor (exit 2, naming the flag) instead of printing "undefined"', () => {
    // Before: COMMANDS["constructor"] was Object's constructor: exit 0 and "undefined" on stdout.
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', '--model', 'constructor', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--model: unknown model "constructor"');
  });
});

describe('2. per-run tokens', () => {
  it('a run for a second site is not shown "Cancelled" while it runs, and it can be cancelled', async () => {
    // Before: the first run's abort handler read the shared status (now the second run's) and set it to 'cancelled'.
    const { scn, sites, runs } = await appState();
    const a = scn.siteRef(SITE)!;
    const b = scn.siteRef(sites.sites.find((s) => s.queuePreset === 'ercot-large-load' && s.id !== SITE)!.id)!;
    void scn.queue.start(a);
    void scn.queue.start(b);
    await settle();
    expect(runs).toHaveLength(2);
    expect(scn.queue.run.status).toBe('running');
    expect(scn.queue.run.siteId).toBe(b.id);
    expect(scn.queue.run.runningFor(b.id)).toBe(true);
    scn.queue.cancel();
    await settle();
    expect(scn.queue.run.status).toBe('cancelled');
  });
});

describe('3. cancelling "Run all sites"', () => {
  it('keeps the finished run of the selected site and its exports', async () => {
    // Before: SimState.cancel() set the single-site status to 'cancelled', so results() dropped the finished run.
    const { scn, sites, runs } = await appState();
    sites.select(SITE);
    const ref = scn.siteRef(SITE)!;
    const done = scn.queue.start(ref);
    await settle();
    runs[0].resolve(await queueSummary(scn));
    await done;
    expect(scn.queue.run.status).toBe('done');
    expect(scn.results()?.summary.length).toBeGreaterThan(0);
    void scn.queue.runAll([ref]);
    await settle();
    expect(scn.queue.all.status).toBe('running');
    scn.queue.cancelAll();
    await settle();
    expect(scn.queue.all.status).toBe('cancelled');
    expect(scn.queue.run.status).toBe('done');
    expect(scn.results()?.summary.length).toBeGreaterThan(0);
    expect(scn.queueResult()).not.toBeNull();
  });
});

describe('4. a failed save or autosave is reported', () => {
  it('QuotaExceededError: saveStatus says the work is not saved (the panel shows it)', async () => {
    // Before: `void store.autosave(...)` swallowed the rejection and the panel kept saying "autosaved".
    const { scn } = await appState({ store: memoryStore({ failAutosave: true }) });
    await scn.autosaveNow();
    expect(scn.saveStatus).toEqual({ state: 'failed', message: expect.stringContaining("storage for this site is full") });
  });
});

describe('5. two tabs', () => {
  it('autosave into their own slots, so neither overwrites the other', async () => {
    // Before: one slot ("current") for every tab: the last tab to save won.
    const store = memoryStore();
    const one = await appState({ store, tabId: 'a' });
    const two = await appState({ store, tabId: 'b' });
    one.scn.settings.trialsText = '1111';
    two.scn.settings.trialsText = '2222';
    await one.scn.autosaveNow();
    await two.scn.autosaveNow();
    expect(store.slots.get('a')?.settings.trials).toBe(1111);
    expect(store.slots.get('b')?.settings.trials).toBe(2222);
  });
});

describe('6. save on pagehide', () => {
  it('an edit made just before the page goes away is written at once, not after the 0.8 s pause', async () => {
    // Before: only the 800 ms timer saved; a reload within it lost the edit.
    const store = memoryStore();
    const { scn } = await appState({ store });
    const page = new EventTarget();
    const stop = scn.startAutosave(page);
    scn.scheduleAutosave(); // what the page's effect does on load: records, saves nothing
    scn.settings.trialsText = '4321';
    scn.scheduleAutosave(); // ... and on each edit: arms the 0.8 s timer (Node runs no effects)
    await settle();
    expect(store.slots.get('tab-1')).toBeUndefined();
    page.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(store.slots.get('tab-1')?.settings.trials).toBe(4321);
    stop();
  });
});

describe('7. a total-work budget', () => {
  it('refuses the weeks-long scenario with a clear message, and a link to a heavy one waits for a confirm', async () => {
    // Before: backlog 50,000, horizon 1,200 months, 1,500 arrivals a year and 2 M trials was a valid run.
    const { scn, runs } = await appState();
    const huge = scenarioWith({
      selectedSiteIds: [SITE],
      settings: { trials: 2_000_000, seed: 1 },
      queueOverrides: { 'ercot-large-load': { 'backlog.count': 50_000, horizonMonths: 1200, 'arrivals.ratePerYear': 1500 } },
    });
    const refused = scn.apply(huge, 'link');
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.errors[0].message).toMatch(/this run is too large: .* over the limit of .*Use at most [\d,]+ trials/);
    expect(MAX_WORK).toBeLessThan((50_000 + 1500 * 100) * 2_000_000 * 1200);

    const heavy = scenarioWith({ selectedSiteIds: [SITE], settings: { trials: 500_000, seed: 1 } });
    expect(scn.apply(heavy, 'link').ok).toBe(true);
    expect(scn.runOpened()).toBe(false);
    expect(runs).toHaveLength(0);
    expect(scn.notice?.text).toMatch(/large run .* It was not started/);
    scn.notice?.action?.run();
    await settle();
    expect(runs).toHaveLength(1);
  });
});

describe('8. the CLI caps --workers at the core count', () => {
  it('--workers 64 on this machine exits 2 naming the flag and the core count', () => {
    const cores = availableParallelism();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', '--model', 'queue', '--preset', 'ercot-large-load', '--trials', '10', '--workers', String(cores + 1), '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`--workers: must be a whole number of workers, at most this machine's ${cores} core`);
  });
});

describe('9. scenario files that cannot run', () => {
  it('exit 2 naming the file and every field (P90 < P50, horizon 0, negative headroom), before running anything', async () => {
    // Before: the file parsed, the run threw, and the CLI exited 1 without naming the file.
    const path = 'test/fixtures/scenarios/cannot-run.json';
    let ran = false;
    const plan = (s: Scenario) => {
      const p = planScenario(s, process.cwd());
      return p.ok ? [] : p.errors;
    };
    const out = await runScenarioFile(path, () => (ran = true), true, plan);
    expect(ran).toBe(false);
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toBe('');
    for (const field of ['phases.constr.p90', 'horizonMonths', 'headroom.initialMW']) {
      expect(out.stderr).toContain(`cannot-run.json: scenario.queueOverrides.ercot-large-load["${field}"]`);
    }
  });

  it('a "__proto__" key in a file is reported by name, not dropped', () => {
    const text = readFileSync('test/fixtures/scenarios/v2-example.json', 'utf8').replace('"rho": 0.5', '"__proto__": { "rho": 0.9 }, "rho": 0.5');
    const r = importScenarioJson(text, 'proto.json', text.length);
    expect(r).toEqual({ ok: false, errors: [{ field: 'proto.json: scenario.buyVsBuildOverrides.__proto__', message: 'is a reserved name and cannot be a key here' }] });
  });
});
