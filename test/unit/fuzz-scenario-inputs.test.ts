/**
 * Property tests (issue 11): 10,000+ hostile links, JSON imports and saved scenarios, many with ids
 * that are names of built-in object members (valueOf, toString, hasOwnProperty, constructor,
 * __proto__ …), fed through the app's own state. No exception may escape, a refused input leaves
 * the scenario in use exactly as it was, and an accepted one becomes a scenario that re-parses.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeLink, encodeLink, importScenarioJson, openScenarioStore, parseScenario, type Scenario } from '../../src/snapshot';
import { scenarioArb } from '../fixtures/scenarios/arbitrary';
import { appState } from './state-test-utils';

const BUILT_INS = ['valueOf', 'toString', 'hasOwnProperty', 'constructor', '__proto__', 'prototype', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'];
const REAL_SITES = ['riot-rockdale', 'iren-childress', 'intelion-samara'];

/** `obj` with an own key `k` (defineProperty: "__proto__" stays a key, as JSON.parse makes it). */
function withKey<T extends object>(obj: T, k: string, v: unknown): T {
  const out = { ...obj };
  Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

const builtIn = fc.constantFrom(...BUILT_INS);
const siteId = fc.oneof(builtIn, fc.constantFrom(...REAL_SITES));

/** A scenario, valid or not, with built-in member names put where ids go. */
const hostileScenario: fc.Arbitrary<unknown> = fc
  .tuple(scenarioArb, builtIn, siteId, fc.integer({ min: 0, max: 9 }), fc.jsonValue({ maxDepth: 2 }))
  .map(([s, name, site, where, junk]) => {
    const x: Record<string, unknown> = structuredClone(s) as unknown as Record<string, unknown>;
    const custom = { id: name, name, lon: 10, lat: 60, uiRegion: 'nordics', queuePreset: name, kind: 'greenfield', gridMW: 10, aiUsableMW: null, pue: null };
    switch (where) {
      case 0:
        return { ...x, selectedSiteIds: [site] };
      case 1:
        return { ...x, selectedSiteIds: [name], customSites: [custom] };
      case 2:
        return { ...x, selectedSiteIds: [site], queueOverrides: withKey({}, name, { horizonMonths: 120 }) };
      case 3:
        return { ...x, selectedSiteIds: [site], projectMWBySite: withKey({}, name, 50) };
      case 4:
        return { ...x, selectedSiteIds: [site], buyVsBuildSiteOverrides: withKey({}, name, { 'site.pue': 1.2 }) };
      case 5:
        return { ...x, selectedSiteIds: [site], leasing: { ...(x.leasing as object), presetBySite: withKey({}, site, name), deliveredBySite: withKey({}, name, 'buy') } };
      case 6:
        return { ...x, selectedSiteIds: [site], buyVsBuildOverrides: withKey({}, name, 1) };
      case 7:
        return withKey(x, name, junk);
      case 8:
        return { ...x, selectedSiteIds: [site], settings: junk };
      default:
        return { ...x, selectedSiteIds: [site], queueOverrides: {}, buyVsBuildOverrides: {}, buyVsBuildSiteOverrides: {}, customSites: [custom] };
    }
  });

describe('hostile scenarios through links, JSON files and saved copies', () => {
  let env: Awaited<ReturnType<typeof appState>>;
  let baseline: Scenario;

  beforeAll(async () => {
    env = await appState();
    env.sites.select('riot-rockdale');
    env.scn.settings.trialsText = '3000';
    baseline = env.scn.current();
  });

  /** Applies a parse result; checks the scenario in use is unchanged on refusal, sound on success; restores the baseline. */
  function applyAndCheck(parsed: ReturnType<typeof parseScenario>, where: string): void {
    const { scn } = env;
    const before = JSON.stringify(scn.current());
    const applied = parsed.ok ? scn.apply(parsed.value, where) : parsed;
    const after = scn.current();
    if (!applied.ok) {
      expect(JSON.stringify(after)).toBe(before);
      for (const e of applied.errors) expect(typeof e.field === 'string' && typeof e.message === 'string').toBe(true);
    } else {
      expect(parseScenario(after).ok).toBe(true);
      expect(after.settings).toEqual(applied.value.settings);
      // every lookup the panels make still works for the selected site
      const ref = scn.siteRef(scn.sites.selectedId);
      if (ref) {
        scn.queue.validate(ref);
        scn.bvb.validate(ref);
        scn.leasing.validate(ref);
      }
      expect(scn.apply(baseline).ok).toBe(true);
    }
  }

  it('links: 4,000 encoded hostile scenarios and 1,000 arbitrary hashes', () => {
    fc.assert(
      fc.property(hostileScenario, (s) => {
        applyAndCheck(decodeLink(encodeLink(s as Scenario).hash), 'link');
      }),
      { seed: 11, numRuns: 4000 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((t) => `#s=1.${t}`), fc.string().map((t) => `#s=${t}`)), (hash) => {
        applyAndCheck(decodeLink(hash), 'link');
      }),
      { seed: 12, numRuns: 1000 },
    );
  });

  it('JSON imports: 4,000 files of hostile scenarios, as a file and bare', () => {
    fc.assert(
      fc.property(hostileScenario, fc.boolean(), (s, bare) => {
        const text = JSON.stringify(bare ? s : { scenario: s });
        const r = importScenarioJson(text, 'fuzz.json', text.length);
        applyAndCheck(r.ok ? { ok: true, value: r.value.scenario } : r, 'fuzz.json: scenario');
      }),
      { seed: 13, numRuns: 4000 },
    );
  });

  it('saved scenarios: 1,000 read back as the store reads them, 100 through IndexedDB itself', async () => {
    fc.assert(
      fc.property(hostileScenario, (s) => {
        applyAndCheck(parseScenario(JSON.parse(JSON.stringify(s)), 'saved scenario "fuzz"'), 'saved scenario "fuzz"');
      }),
      { seed: 14, numRuns: 1000 },
    );
    const opened = await openScenarioStore('fuzz-db');
    if (!opened.ok) throw new Error('store');
    const store = opened.value;
    await fc.assert(
      fc.asyncProperty(hostileScenario, async (s) => {
        const saved = await store.autosave(JSON.parse(JSON.stringify(s)) as Scenario, 'fuzz-tab');
        expect(saved.ok).toBe(true);
        const back = await store.loadAutosave('fuzz-tab');
        if (!back) throw new Error('the autosave slot is empty');
        applyAndCheck(back.ok ? { ok: true, value: back.value.scenario } : back, 'autosaved scenario');
      }),
      { seed: 15, numRuns: 100 },
    );
    store.close();
  });
});
