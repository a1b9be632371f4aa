import { describe, expect, it } from 'vitest';
import { haversineKm, nearestSubstations, type Substation } from '../../src/geo/nearest-substation';
import { requiredKV, validateVoltageRules, validatePhaseParams } from '../../src/sim/grid-access/params';
import gridAccess from '../../data/grid-access.json';

const sub = (name: string, lon: number, lat: number, kv: number[]): Substation => ({ name, lon, lat, kv, source: 'test' });

describe('nearestSubstations', () => {
  const subs = [sub('Far 345', -97.0, 31.0, [345, 138]), sub('Near 138', -97.0, 30.61, [138]), sub('Mid 345', -97.0, 30.8, [345]), sub('Unknown', -97.0, 30.6, [])];

  it('skips substations below the voltage and sorts the rest by distance', () => {
    const hits = nearestSubstations([-97.0, 30.6], subs, 345);
    expect(hits.map((h) => h.substation.name)).toEqual(['Mid 345', 'Far 345']);
    // 0.2° of latitude ≈ 22.24 km on the mean-radius sphere
    expect(hits[0].distanceKm).toBeCloseTo(22.24, 1);
  });

  it('a lower voltage lets the nearer station qualify; unknown voltage never does', () => {
    expect(nearestSubstations([-97.0, 30.6], subs, 138, 1)[0].substation.name).toBe('Near 138');
    expect(nearestSubstations([-97.0, 30.6], subs, 1).map((h) => h.substation.name)).not.toContain('Unknown');
    expect(nearestSubstations([-97.0, 30.6], subs, 500)).toEqual([]);
  });

  it('haversine matches a known distance (Austin → Dallas ≈ 293 km)', () => {
    expect(haversineKm(-97.7431, 30.2672, -96.797, 32.7767)).toBeGreaterThan(290);
    expect(haversineKm(-97.7431, 30.2672, -96.797, 32.7767)).toBeLessThan(296);
  });
});

describe('grid-access rule table (data/grid-access.json)', () => {
  it('is valid and gives the MW → kV steps the issue states', () => {
    const rules = validateVoltageRules(gridAccess.voltageRules);
    expect(rules.ok).toBe(true);
    if (!rules.ok) return;
    expect([20, 21, 150, 151, 700].map((mw) => requiredKV(mw, 'US', rules.value))).toEqual([69, 138, 138, 345, 345]);
    expect([99, 100, 101, 300, 301].map((mw) => requiredKV(mw, 'SE', rules.value))).toEqual([110, 110, 220, 220, 400]);
    expect([20, 150, 151].map((mw) => requiredKV(mw, 'RU', rules.value))).toEqual([110, 220, 400]);
    // Norway: Lefdal's 80 MW sits on 132 kV; above ~100 MW, Statnett's 300/420 kV grid.
    expect([80, 100, 101].map((mw) => requiredKV(mw, 'NO', rules.value))).toEqual([110, 110, 300]);
    expect(validatePhaseParams(gridAccess.phase).ok).toBe(true);
  });

  it('names the field of a broken rule', () => {
    const bad = validateVoltageRules({ default: { steps: [{ maxMW: 20, minKV: 110 }, { maxMW: 10, minKV: 220 }, { maxMW: 5, minKV: 0 }] } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.field)).toEqual(['voltageRules.default.steps.1.maxMW', 'voltageRules.default.steps.2.minKV', 'voltageRules.default.steps.2.maxMW']);
    const badPhase = validatePhaseParams({ ...gridAccess.phase, substation: { p50: 30, p90: 10 } });
    expect(!badPhase.ok && badPhase.errors[0].field).toBe('phase.substation.p90');
  });
});
