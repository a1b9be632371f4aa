import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openScenarioStore, type ScenarioStore } from '../../src/snapshot/store';
import { defaultScenario } from '../../src/snapshot/scenario';
import type { ScenarioResults } from '../../src/snapshot/results';

let dbCount = 0;
async function freshStore(now = () => 1_000): Promise<ScenarioStore> {
  const r = await openScenarioStore(`test-db-${++dbCount}`, { now });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const scenario = (seed: number) => {
  const s = defaultScenario('0.1.0', '');
  s.settings = { trials: 5000, seed };
  return s;
};
const results: ScenarioResults = {
  summary: [{ site: 's', option: 'buy', p10: 1, p50: 2, p90: Infinity, se50: NaN, se90: NaN, neverShare: 0.2, n: 5000, units: 'months' }],
};

describe('saved scenarios (IndexedDB)', () => {
  it('saves, lists newest first, opens, renames and deletes', async () => {
    let clock = 100;
    const store = await freshStore(() => clock);
    const first = await store.save('  Base case ', scenario(1));
    clock = 200;
    const second = await store.save('High rent', scenario(2), results);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;

    expect(await store.list()).toEqual([
      { id: second.value, name: 'High rent', savedAt: 200, trials: 5000, seed: 2 },
      { id: first.value, name: 'Base case', savedAt: 100, trials: 5000, seed: 1 },
    ]);

    const opened = await store.get(second.value);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.scenario).toEqual({ ...scenario(2), name: 'High rent' });
    expect(opened.value.results).toEqual(results); // Infinity and NaN survive structured clone

    const renamed = await store.rename(first.value, 'Base case v2');
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Base case v2' } });
    const reopened = await store.get(first.value);
    expect(reopened.ok && reopened.value.scenario.name).toBe('Base case v2');

    await store.remove(second.value);
    expect((await store.list()).map((i) => i.name)).toEqual(['Base case v2']);
    expect(await store.get(second.value)).toMatchObject({ ok: false, errors: [{ field: 'id' }] });
    await store.remove(9999); // not an error
    store.close();
  });

  it('takes savedAt from the caller when given, and refuses empty or overlong names', async () => {
    const store = await freshStore();
    const saved = await store.save('x', scenario(3), undefined, 42);
    expect(saved.ok && (await store.list())[0].savedAt).toBe(42);
    expect(await store.save('   ', scenario(3))).toEqual({ ok: false, errors: [{ field: 'name', message: 'must not be empty' }] });
    expect(await store.save('n'.repeat(121), scenario(3))).toMatchObject({ ok: false, errors: [{ field: 'name' }] });
    expect(await store.rename(12345, 'y')).toMatchObject({ ok: false, errors: [{ field: 'id' }] });
    store.close();
  });

  it('autosaves the working scenario and reloads it after the store is reopened', async () => {
    const name = `test-db-${++dbCount}`;
    const a = await openScenarioStore(name, { now: () => 7 });
    if (!a.ok) throw new Error('open failed');
    expect(await a.value.loadAutosave('tab-a')).toBeNull();
    expect(await a.value.autosave(scenario(4), 'tab-a')).toEqual({ ok: true, value: 7 });
    await a.value.autosave(scenario(5), 'tab-a'); // overwrites this tab's slot
    a.value.close();
    const b = await openScenarioStore(name);
    if (!b.ok) throw new Error('reopen failed');
    expect(await b.value.loadAutosave('tab-a')).toEqual({ ok: true, value: { scenario: scenario(5), savedAt: 7 } });
    b.value.close();
  });

  it('two tabs autosave into their own slots: neither loses the other\'s work; a new tab starts from the newest', async () => {
    const store = await freshStore();
    await store.autosave(scenario(1), 'tab-a', 100);
    await store.autosave(scenario(2), 'tab-b', 200);
    await store.autosave(scenario(3), 'tab-a', 300);
    expect(await store.loadAutosave('tab-a')).toEqual({ ok: true, value: { scenario: scenario(3), savedAt: 300 } });
    expect(await store.loadAutosave('tab-b')).toEqual({ ok: true, value: { scenario: scenario(2), savedAt: 200 } });
    expect(await store.loadAutosave('a-new-tab')).toEqual({ ok: true, value: { scenario: scenario(3), savedAt: 300 } });
    store.close();
  });

  it('migrates a scenario saved in an older format when it is opened', async () => {
    const store = await freshStore();
    const { settings, ...rest } = scenario(6);
    const v0 = { ...rest, version: 0, trialCount: settings.trials, seed: settings.seed };
    await store.autosave(v0 as never, 't');
    const loaded = await store.loadAutosave('t');
    expect(loaded).toMatchObject({ ok: true, value: { scenario: { version: 3, projectMWBySite: {}, settings: { trials: 5000, seed: 6 } } } });
    await store.autosave({ ...rest, version: 0 } as never, 't');
    expect(await store.loadAutosave('t')).toMatchObject({ ok: false, errors: [{ field: 'autosaved scenario.trialCount' }, { field: 'autosaved scenario.seed' }] });
    store.close();
  });
});
