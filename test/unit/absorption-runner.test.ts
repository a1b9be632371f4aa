/**
 * The absorption runner's contract (chunk-invariant summaries), the user's building outputs, the
 * presets file and bad input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHUNK_TRIALS } from '../../src/sim/contract';
import { validateAbsorptionParams, validateAbsorptionRequest, type AbsorptionRequest } from '../../src/sim/absorption/params';
import { ABSORPTION_PRESET_IDS, loadAbsorptionPresets } from '../../src/sim/absorption/presets';
import { absorptionRunner, type AbsorptionPartial } from '../../src/sim/absorption/runner';
import { fieldPaths } from '../../src/sim/buy-vs-build/defaults';

const json = JSON.parse(readFileSync('data/absorption.json', 'utf8'));
const loaded = loadAbsorptionPresets(json);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const presets = loaded.value;

function request(trials: number, over: Partial<AbsorptionRequest> = {}): AbsorptionRequest {
  const params = structuredClone(presets.singapore.params);
  params.horizonMonths = 60;
  return { model: 'absorption', presetId: 'singapore', params, trials, seed: 77, ...over };
}

describe('absorption runner', () => {
  it('gives bit-identical summaries however the paths are chunked', () => {
    const req = request(700);
    const whole = absorptionRunner.summarize(req, absorptionRunner.runChunk(req, 0, req.trials));
    const n = Math.ceil(req.trials / CHUNK_TRIALS);
    const parts: AbsorptionPartial[] = [];
    for (const i of [2, 0, 1]) parts[i] = absorptionRunner.runChunk(req, i * CHUNK_TRIALS, Math.min(req.trials, (i + 1) * CHUNK_TRIALS));
    let acc = structuredClone(parts[0]);
    for (let i = 1; i < n; i++) acc = absorptionRunner.merge(acc, structuredClone(parts[i]));
    const chunked = absorptionRunner.summarize(req, acc);
    expect(chunked).toEqual(whole);
    expect(JSON.stringify(chunked)).toBe(JSON.stringify(whole));
  });

  it('reports fans of the horizon length with P10 ≤ P50 ≤ P90, and P(≥ X% pre-leased) falling from 1', () => {
    const s = absorptionRunner.summarize(request(300), absorptionRunner.runChunk(request(300), 0, 300));
    expect(s.fan.months).toHaveLength(60);
    for (const f of [s.fan.vacancy, s.fan.preleasedShareUnderConstruction, s.fan.leasedMW]) {
      for (let j = 0; j < 60; j++) {
        if (Number.isNaN(f.p50[j])) continue;
        expect(f.p10[j]).toBeLessThanOrEqual(f.p50[j]);
        expect(f.p50[j]).toBeLessThanOrEqual(f.p90[j]);
      }
    }
    const p = s.userBuilding.pAtLeastPreleased;
    expect(p).toHaveLength(101);
    // the histogram by whole percent sums to 1 and its tail sums are P(≥ X%)
    const h = s.userBuilding.preleasedHistogram;
    expect(h.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(h.slice(80).reduce((a, b) => a + b, 0)).toBeCloseTo(p[80], 12);
    expect(p[0]).toBe(1);
    for (let x = 1; x <= 100; x++) expect(p[x]).toBeLessThanOrEqual(p[x - 1]);
    expect(s.reading).toMatch(/^In the median simulated world \d+% of capacity under construction is pre-leased and vacancy is [\d.]+%; your 20 MW building is at least 80% pre-leased when powered in [\d.]+% of worlds\.$/);
  });

  it("delivers the user's building at the date drawn from a delivery table", () => {
    const fixed = absorptionRunner.summarize(request(200, { deliveryTable: [12, 12] }), absorptionRunner.runChunk(request(200, { deliveryTable: [12, 12] }), 0, 200));
    // powered at month 12 exactly: delivered in the first month m ≥ decision + 12
    expect(fixed.userBuilding.deliveryMonths.p10).toBe(12);
    expect(fixed.userBuilding.deliveryMonths.p90).toBe(12);
    expect(fixed.userBuilding.notDeliveredShare).toBe(0);
    const never = request(100, { deliveryTable: [Infinity, Infinity] });
    const s = absorptionRunner.summarize(never, absorptionRunner.runChunk(never, 0, 100));
    expect(s.userBuilding.notDeliveredShare).toBe(1);
    expect(s.userBuilding.deliveryMonths.p50).toBe(Infinity);
    expect(s.reading).toMatch(/your building is not powered within the horizon\.$/);
  });

  it('a building delivered later in a tight market is more pre-leased when powered', () => {
    const soon = request(300, { deliveryTable: [3, 3] });
    const late = request(300, { deliveryTable: [30, 30] });
    const a = absorptionRunner.summarize(soon, absorptionRunner.runChunk(soon, 0, 300));
    const b = absorptionRunner.summarize(late, absorptionRunner.runChunk(late, 0, 300));
    expect(b.userBuilding.pAtLeastPreleased[50]).toBeGreaterThan(a.userBuilding.pAtLeastPreleased[50]);
  });
});

describe('absorption presets (data/absorption.json)', () => {
  it('has the five presets, each valid, every value with a source or ESTIMATE', () => {
    for (const id of ABSORPTION_PRESET_IDS) {
      expect(presets[id], id).toBeDefined();
      for (const path of fieldPaths(presets[id].params)) expect(presets[id].provenance[path]?.source, `${id} ${path}`).toBeTruthy();
    }
  });

  it('names the field when a preset is wrong or extends a missing preset', () => {
    const bad = structuredClone(json);
    bad.presets.nordics.overrides.demand.leadMaxMonths = -4;
    bad.presets.russia.extends = 'atlantis';
    const r = loadAbsorptionPresets(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContainEqual({ field: 'presets.nordics.overrides.demand.leadMaxMonths', message: 'must be zero or a positive number of months, got -4' });
    expect(r.errors).toContainEqual({ field: 'presets.atlantis', message: 'is extended by "russia" but is not a preset' });
  });
});

describe('absorption validation', () => {
  const base = presets['north-america-2024'].params;
  it.each([
    ['negative rate', (p: any) => (p.supply.startsPerMonth = -1), 'supply.startsPerMonth', 'must be zero or a positive number of buildings per month, got -1'],
    ['P90 below P50', (p: any) => (p.supply.buildMonths = { p50: 20, p90: 10 }), 'supply.buildMonths.p90', 'P90 (10 months) must be ≥ P50 (20 months)'],
    ['probability', (p: any) => (p.supply.powerLateProbability = 2), 'supply.powerLateProbability', 'must be a probability between 0 and 1, got 2'],
    ['non-numeric', (p: any) => (p.churnPerYear = 'low'), 'churnPerYear', 'must be a number, got "low"'],
    ['leads reversed', (p: any) => (p.demand.leadMinMonths = 40), 'demand.leadMaxMonths', 'must be ≥ the shortest lead (40 months), got 36'],
    ['fractional lag', (p: any) => (p.marketingLagMonths = 2.5), 'marketingLagMonths', 'must be a whole number of months, got 2.5'],
    ['too long', (p: any) => (p.horizonMonths = 1200), 'horizonMonths', 'burn-in + horizon of 1260 months exceeds the 1200-month limit'],
  ])('%s → names the field', (_n, edit, field, message) => {
    const p = structuredClone(base) as any;
    edit(p);
    const r = validateAbsorptionParams(p);
    expect(r.ok ? [] : r.errors).toEqual([{ field, message }]);
  });

  it('refuses a bad request before anything runs', () => {
    const r = validateAbsorptionRequest({ model: 'absorption', presetId: 'x', params: base, deliveryTable: [5, 2], trials: 0, seed: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['deliveryTable.1', 'trials']);
  });
});
