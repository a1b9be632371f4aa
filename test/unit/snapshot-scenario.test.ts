import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultScenario, parseScenario, SCENARIO_VERSION } from '../../src/snapshot/scenario';
import { applyOverrides, overridesFrom } from '../../src/sim/param-paths';
import { ENGINE_VERSION, dataHash } from '../../src/snapshot/version';
import { sha256Hex } from '../../src/snapshot/sha256';
import { scenarioArb } from '../fixtures/scenarios/arbitrary';
import type { FieldError } from '../../src/sim/contract';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/scenarios/${name}`, import.meta.url), 'utf8'));
const errorsOf = (r: ReturnType<typeof parseScenario>) => (r.ok ? [] : r.errors);

describe('parseScenario', () => {
  it('accepts the default scenario unchanged, and every generated valid scenario', () => {
    const d = defaultScenario(ENGINE_VERSION, '');
    expect(parseScenario(d)).toEqual({ ok: true, value: d });
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = parseScenario(s);
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('names the dotted field path of each problem in plain words', () => {
    const s = structuredClone(fixture('bad-latitude.json').scenario);
    s.settings.trials = 2.5;
    s.customSites[0].extra = true;
    const errors = errorsOf(parseScenario(s));
    expect(errors).toContainEqual({ field: 'scenario.customSites[2].lat', message: 'must be at most 90' });
    expect(errors).toContainEqual({ field: 'scenario.settings.trials', message: 'must be a whole number, not 2.5' });
    expect(errors).toContainEqual({ field: 'scenario.customSites[0]', message: 'unknown field "extra" (check the spelling)' });
  });

  it('refuses ids that would become __proto__ keys, repeated ids and more AI MW than grid MW', () => {
    const s = defaultScenario('0.1.0', '');
    const site = { id: 'x', name: 'X', lon: 0, lat: 0, uiRegion: null, queuePreset: null, kind: 'power-shell', gridMW: 10, aiUsableMW: 20, pue: null };
    const bad = { ...s, selectedSiteIds: ['__proto__'], customSites: [site, { ...site, aiUsableMW: 5 }], queueOverrides: { ercot: { 'a.__proto__.b': 1 } } };
    const fields = errorsOf(parseScenario(JSON.parse(JSON.stringify(bad)))).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'scenario.selectedSiteIds[0]',
        'scenario.customSites[1].id',
        'scenario.queueOverrides.ercot["a.__proto__.b"]',
      ]),
    );
    const ok = { ...s, customSites: [site] };
    expect(errorsOf(parseScenario(ok))).toEqual([{ field: 'scenario.customSites[0].aiUsableMW', message: 'must not exceed gridMW (10 MW)' }]);
  });

  it('says when a scenario comes from a newer app version, or is not a scenario', () => {
    expect(errorsOf(parseScenario({ ...defaultScenario('9', ''), version: 7 }))).toEqual([
      { field: 'scenario.version', message: 'was saved by a newer version (v7) of this app; this app reads up to v3' },
    ]);
    expect(errorsOf(parseScenario({ schema: 'something-else', version: 1 }))[0].field).toBe('scenario.schema');
    expect(errorsOf(parseScenario('hello'))).toEqual([{ field: 'scenario', message: 'must be a scenario object ({ … })' }]);
    expect(errorsOf(parseScenario(null, 'link'))[0].field).toBe('link');
  });

  it('opens a v1 scenario (before request MW was recorded) with each site at its default MW', () => {
    const v1 = fixture('v1-example.json') as { scenario?: unknown };
    const r = parseScenario(v1.scenario ?? v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.version).toBe(SCENARIO_VERSION);
    expect(r.value.projectMWBySite).toEqual({});
  });

  it('opens a v2 scenario as v3: site facts move under the site, the unread view fields and absorption go, the Leasing tab gets its defaults', () => {
    const v2 = fixture('v2-example.json') as { scenario: unknown };
    const before = JSON.stringify(v2);
    const r = parseScenario(v2.scenario);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.version).toBe(3);
    expect(r.value.buyVsBuildOverrides).toEqual({ rho: 0.5, rentUSDPerKWMonth: 150 });
    expect(r.value.buyVsBuildSiteOverrides).toEqual({ 'riot-rockdale': { 'site.pue': 1.2 } });
    expect(r.value.view).toEqual({ targetMonth: '2029-01' });
    expect(r.value.leasing).toEqual({ trials: 1000, atLeastPct: 80, presetBySite: {}, deliveredBySite: {} });
    expect(r.value).not.toHaveProperty('absorption');
    expect(r.value.projectMWBySite).toEqual({ 'riot-rockdale': 250 });
    expect(JSON.stringify(v2)).toBe(before); // the input is not mutated
  });

  it('refuses a "__proto__" key with a message instead of dropping it', () => {
    const text = JSON.stringify(defaultScenario('0.1.0', '')).replace('"buyVsBuildOverrides":{}', '"buyVsBuildOverrides":{"__proto__":{"x":1}}');
    const r = parseScenario(JSON.parse(text));
    expect(r.ok).toBe(false);
    expect(errorsOf(r).map((e) => e.field)).toEqual(['scenario.buyVsBuildOverrides.__proto__']);
  });

  it('refuses a request MW that is not a positive number, naming the site', () => {
    const s = { ...defaultScenario('0.1.0', 'ab'), projectMWBySite: { 'riot-rockdale': -5 } };
    expect(errorsOf(parseScenario(s))[0].field).toBe('scenario.projectMWBySite.riot-rockdale');
  });

  it('migrates the v0 prototype format (trialCount, seed at the top level) to v1', () => {
    const v0 = fixture('v0-prototype.json');
    const before = JSON.stringify(v0);
    const r = parseScenario(v0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.version).toBe(SCENARIO_VERSION);
    expect(r.value.settings).toEqual({ trials: 5000, seed: 42 });
    expect(r.value).not.toHaveProperty('trialCount');
    expect(r.value.queueOverrides).toEqual({ 'ercot-large-load': { 'phases.fs.p50': 6 } });
    expect(JSON.stringify(v0)).toBe(before); // the input is not mutated
    const { trialCount: _drop, ...noTrials } = v0;
    expect(errorsOf(parseScenario(noTrials))).toEqual([{ field: 'scenario.trialCount', message: 'is missing (must be a whole number)' }]);
  });
});

describe('overrides', () => {
  const preset = { phases: { fs: { p50: 12, p90: 30 }, ia: { p50: 3, p90: 9 } }, allocation: 'fifo', sizes: [40, 110], note: 'x' };
  const positive = (p: typeof preset): FieldError[] => (p.phases.fs.p50 > 0 ? [] : [{ field: 'phases.fs.p50', message: 'must be greater than 0' }]);

  it('applies dotted-path overrides to a copy and keeps the base intact', () => {
    const r = applyOverrides(preset, { 'phases.fs.p50': 14, allocation: 'first-fit', 'sizes.1': 90 }, positive);
    expect(r).toEqual({ ok: true, value: { ...preset, phases: { ...preset.phases, fs: { p50: 14, p90: 30 } }, allocation: 'first-fit', sizes: [40, 90] } });
    expect(preset.phases.fs.p50).toBe(12);
  });

  it('refuses unknown paths, wrong types, groups and values the model validator rejects, naming the field', () => {
    const where = 'scenario.queueOverrides.ercot';
    const r = applyOverrides(preset, { 'phases.xx.p50': 1, allocation: 3, phases: 1, 'constructor.name': 'x' }, positive, where);
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual([
      `${where}["phases.xx.p50"]`,
      `${where}.allocation`,
      `${where}.phases`,
      `${where}["constructor.name"]`,
    ]);
    expect(applyOverrides(preset, { 'phases.fs.p50': -1 }, positive, where)).toEqual({
      ok: false,
      errors: [{ field: `${where}["phases.fs.p50"]`, message: 'must be greater than 0' }],
    });
  });

  it('overridesFrom records exactly the changed leaves, and applying them rebuilds the edit', () => {
    const edited = structuredClone(preset);
    edited.phases.ia.p90 = 12;
    edited.allocation = 'first-fit';
    const o = overridesFrom(preset, edited);
    expect(o).toEqual({ 'phases.ia.p90': 12, allocation: 'first-fit' });
    expect(applyOverrides(preset, o)).toEqual({ ok: true, value: edited });
    expect(overridesFrom(preset, structuredClone(preset))).toEqual({});
  });
});

describe('dataHash', () => {
  it('reproduces the FIPS 180-4 test vectors in the fallback and agrees with WebCrypto', async () => {
    const enc = new TextEncoder();
    expect(sha256Hex(enc.encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(enc.encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    for (const text of ['', 'a', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'é'.repeat(1000)]) {
      const viaSubtle = await dataHash([text]);
      const bytes = enc.encode(text);
      const framed = new Uint8Array([...enc.encode(`${bytes.length}:`), ...bytes]);
      expect(sha256Hex(framed)).toBe(viaSubtle);
    }
  });

  it('depends on how the texts are split, not only on their concatenation', async () => {
    expect(await dataHash(['ab', 'c'])).not.toBe(await dataHash(['a', 'bc']));
    expect(await dataHash(['ab', 'c'])).toBe(await dataHash(['ab', 'c']));
  });
});
