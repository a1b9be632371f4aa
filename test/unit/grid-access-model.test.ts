/**
 * The grid-access phase in the queue model (docs/method.md §6): drawn from its own stream and combined
 * as max(engine, access) per trial; a site far from a 345 kV station waits longer than one beside
 * it; without the phase the queue's numbers are bit-identical.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import gridAccess from '../../data/grid-access.json';
import { checkGridLayerFile, substationsOf } from '../../src/geo/grid-layer';
import { siteGridAccess } from '../../src/geo/site-grid-access';
import { validatePhaseParams, validateVoltageRules } from '../../src/sim/grid-access/params';
import { gridAccessCostUSD, gridAccessPercentiles, lineP50P90 } from '../../src/sim/grid-access/phase';
import { presetParams, queueRequest, runQueue } from './queue-test-utils';

const phase = (() => {
  const v = validatePhaseParams(gridAccess.phase);
  if (!v.ok) throw new Error('data/grid-access.json phase is invalid');
  return v.value;
})();
const rules = (() => {
  const v = validateVoltageRules(gridAccess.voltageRules);
  if (!v.ok) throw new Error('data/grid-access.json voltageRules is invalid');
  return v.value;
})();
const texas = substationsOf(checkGridLayerFile(JSON.parse(readFileSync('public/grid/texas.json', 'utf8')), 'texas.json'));

// Two greenfield sites of 300 MW (≥ 345 kV): beside Temple, and in the Panhandle near Childress.
const greenfield = (lon: number, lat: number) => siteGridAccess({ lon, lat, country: 'US', kind: 'greenfield', gridMW: null }, 300, texas, rules, phase);
const near = greenfield(-97.3428, 31.0982);
const far = greenfield(-100.2, 34.43);

describe('site grid access', () => {
  it('finds the nearest 345 kV station for each site; the two stand at different distances', () => {
    expect(near.requiredKV).toBe(345);
    expect(near.nearest?.substation.name).toBe('Temple Switching Station');
    expect(far.nearest!.distanceKm).toBeGreaterThan(5 * near.nearest!.distanceKm);
    expect(near.draw && far.draw).toBeTruthy();
  });

  it('a power shell skips the phase up to its connected MW, not beyond', () => {
    const shell = (mw: number) => siteGridAccess({ lon: -97.0, lat: 30.66, country: 'US', kind: 'power-shell', gridMW: 700 }, mw, texas, rules, phase);
    expect(shell(300).skipped).toBe('connected');
    expect(shell(300).draw).toBeNull();
    expect(shell(300).nearest?.substation.name).toBe('Sandow Station');
    expect(shell(800).draw?.distanceKm).toBeCloseTo(shell(300).nearest!.distanceKm, 9);
  });

  it('no substations (no extract covers the site): no phase', () => {
    const none = siteGridAccess({ lon: 103.7, lat: 1.3, country: 'SG', kind: 'greenfield', gridMW: null }, 100, [], rules, phase);
    expect(none).toMatchObject({ nearest: null, draw: null, skipped: 'no-grid-data' });
  });

  it('the distance is flagged as an upper bound where the layer misses stations below the required voltage', () => {
    const nordics = substationsOf(checkGridLayerFile(JSON.parse(readFileSync('public/grid/nordics.json', 'utf8')), 'nordics.json'));
    // Falun, Sweden: up to 100 MW connects at 110 kV, which the ≥ 220 kV European extract does not hold.
    const falun = (mw: number) => siteGridAccess({ lon: 15.63, lat: 60.6, country: 'SE', kind: 'greenfield', gridMW: null }, mw, nordics, rules, phase);
    expect(falun(50)).toMatchObject({ requiredKV: 110, upperBound: true });
    expect(falun(50).draw).not.toBeNull();
    expect(falun(250)).toMatchObject({ requiredKV: 220, upperBound: false });
    // Texas is complete from 69 kV, and a user's own layer is taken as complete.
    expect(greenfield(-97.3428, 31.0982).upperBound).toBe(false);
    const own = [{ lon: 15.7, lat: 60.6, kv: [130], name: 'My 130 kV station', source: 'my-stations.geojson' }];
    expect(siteGridAccess({ lon: 15.63, lat: 60.6, country: 'SE', kind: 'greenfield', gridMW: null }, 50, [...nordics, ...own], rules, phase)).toMatchObject({ upperBound: false, nearest: { substation: { name: 'My 130 kV station' } } });
  });

  it('line months and cost grow with distance', () => {
    expect(lineP50P90(phase, 0.5)).toBeNull();
    const l10 = lineP50P90(phase, 10)!;
    const l100 = lineP50P90(phase, 100)!;
    expect(l100.p50 - l10.p50).toBeCloseTo(90 * phase.line.perKm.p50, 9);
    expect(gridAccessCostUSD(phase, 100, 345, 300).lineUSD).toBeGreaterThan(gridAccessCostUSD(phase, 10, 345, 300).lineUSD * 9);
    expect(gridAccessCostUSD(phase, 10, 345, 300).substationUSD).toBeCloseTo((300 / phase.powerFactor) * phase.substationUSDPerMVA, 6);
  });
});

describe('grid access in the queue run', () => {
  const base = queueRequest(presetParams('ercot-large-load'), { projectMW: 300, trials: 500 });
  const plain = runQueue(base);
  const withNear = runQueue({ ...base, gridAccess: near.draw } as typeof base);
  const withFar = runQueue({ ...base, gridAccess: far.draw } as typeof base);

  it('two Texas sites at different distances get different grid-access phases and P50 months to power', () => {
    const gNear = withNear.gridAccess!.months;
    const gFar = withFar.gridAccess!.months;
    expect(gFar.p50).toBeGreaterThan(gNear.p50 + 12);
    expect(withFar.timeToPower.p50).toBeGreaterThan(withNear.timeToPower.p50);
    expect(withFar.gridAccess!.distanceKm).toBeCloseTo(far.nearest!.distanceKm, 9);
  });

  it('each trial is energized at max(queue, grid access); the queue draws themselves do not move', () => {
    const pa = gridAccessPercentiles(far.draw!, base.seed, base.trials, plain.horizonMonths);
    expect(withFar.gridAccess!.months).toEqual(pa);
    for (let i = 0; i < plain.perTrial.months.length; i++) expect(withFar.perTrial.months[i]).toBeGreaterThanOrEqual(plain.perTrial.months[i]);
    // The IA date comes from the engine alone: identical with and without the phase.
    expect(withFar.timeToIA).toEqual(plain.timeToIA);
    expect(withFar.mwAheadAtEntry).toEqual(plain.mwAheadAtEntry);
  });

  it('without the phase (absent or null) the summary is bit-identical', () => {
    const again = runQueue({ ...base, gridAccess: null } as typeof base);
    expect(again.timeToPower).toEqual(plain.timeToPower);
    expect(Array.from(again.perTrial.months)).toEqual(Array.from(plain.perTrial.months));
    expect(again.gridAccess).toBeUndefined();
    expect(plain.gridAccess).toBeUndefined();
  });
});

describe('CLI: simulate --model queue --site <id> --json', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', ...args], { encoding: 'utf8' });

  it('adds gridAccess {nearestSubstation {name, voltageKV, distanceKm}, months {p10, p50, p90}} for a site, none for a preset', () => {
    const r = run('--model', 'queue', '--site', 'illustrative-abilene-greenfield', '--trials', '500', '--json');
    expect(r.status, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout) as { gridAccess: { nearestSubstation: { name: string; voltageKV: number; distanceKm: number }; months: { p10: number; p50: number; p90: number } }; timeToPower: { p10: number } };
    expect(o.gridAccess.nearestSubstation).toMatchObject({ name: 'Mulberry Creek Substation', voltageKV: 345 });
    expect(o.gridAccess.nearestSubstation.distanceKm).toBeCloseTo(11.97, 1);
    const m = o.gridAccess.months;
    expect(m.p10).toBeGreaterThan(0);
    expect(m.p10).toBeLessThan(m.p50);
    expect(m.p50).toBeLessThan(m.p90);
    // Energized at the later of queue and grid access: never before the phase's own P10.
    expect(o.timeToPower.p10).toBeGreaterThanOrEqual(m.p10 - 0.5);
    const preset = JSON.parse(run('--model', 'queue', '--preset', 'ercot-large-load', '--trials', '250', '--json').stdout) as Record<string, unknown>;
    expect('gridAccess' in preset).toBe(false);
  });
});
