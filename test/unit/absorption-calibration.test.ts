/**
 * Calibration of the lease-ahead absorption model (docs/method.md §2). Seeded; tolerances stated.
 * Source figures: CBRE North America Data Center Trends (docs/data-sources.md §4.1): pre-leased share of
 * capacity under construction 84% (Q1 2024), 79% (H1 2024), 74.3% (H1 2025); vacancy 2.8% (H1
 * 2024), 1.9% (YE 2024), 1.6% (H1 2025); "~50% in prior years" (Sherwood, Q1 2024).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AbsorptionParams } from '../../src/sim/absorption/params';
import { loadAbsorptionPresets } from '../../src/sim/absorption/presets';
import { absorptionRunner, type AbsorptionSummary } from '../../src/sim/absorption/runner';

const loaded = loadAbsorptionPresets(JSON.parse(readFileSync('data/absorption.json', 'utf8')));
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const presets = loaded.value;

function run(presetId: string, params: AbsorptionParams, trials: number, seed: number): AbsorptionSummary {
  const req = { model: 'absorption' as const, presetId, params, trials, seed };
  return absorptionRunner.summarize(req, absorptionRunner.runChunk(req, 0, trials));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('absorption calibration (docs/method.md §2)', () => {
  // 400 paths: the across-path spread of the 24-month mean pre-leased share is about ±12 points,
  // so its median is good to about ±0.8 points; vacancy's median to about ±0.1 points.
  const na = run('north-america-2024', presets['north-america-2024'].params, 400, 2024);

  it('North America 2024: 74–84% of capacity under construction is pre-leased (CBRE 84% Q1 2024, 79% H1 2024, 74% H1 2025)', () => {
    expect(na.preleasedShareUnderConstruction.p50).toBeGreaterThanOrEqual(0.74);
    expect(na.preleasedShareUnderConstruction.p50).toBeLessThanOrEqual(0.84);
  });

  it('North America 2024: vacancy 1.5–3% (CBRE 2.8% H1 2024, 1.9% YE 2024, 1.6% H1 2025)', () => {
    expect(na.vacancy.p50).toBeGreaterThanOrEqual(0.015);
    expect(na.vacancy.p50).toBeLessThanOrEqual(0.03);
  });

  it('North America 2024: net absorption near the ~1,800–2,500 MW/yr of 2024–25 (docs/data-sources.md §7.4), within ±30%', () => {
    expect(na.netAbsorptionMWPerYear.p50).toBeGreaterThan(1800 * 0.7);
    expect(na.netAbsorptionMWPerYear.p50).toBeLessThan(2500 * 1.3);
  });

  it('balanced (demand ≈ supply, leases signed ≤ 18 months ahead): pre-leasing 50% or less, the pre-2023 norm', () => {
    const bal = run('balanced', presets.balanced.params, 400, 2024);
    expect(bal.preleasedShareUnderConstruction.p50).toBeLessThanOrEqual(0.5);
    // and vacancy is higher than in the tight 2024 market
    expect(bal.vacancy.p50).toBeGreaterThan(na.vacancy.p50);
  });

  it('high pre-leasing needs both excess demand and long lead windows (docs/method.md §2): removing either lowers it', () => {
    const base = presets['north-america-2024'].params;
    const balancedDemand = structuredClone(base);
    balancedDemand.demand.requirementsPerMonth = presets.balanced.params.demand.requirementsPerMonth;
    const shortLeads = structuredClone(base);
    shortLeads.demand.leadMaxMonths = 18;
    const a = run('x', balancedDemand, 300, 5).preleasedShareUnderConstruction.p50;
    const b = run('x', shortLeads, 300, 5).preleasedShareUnderConstruction.p50;
    expect(a).toBeLessThan(na.preleasedShareUnderConstruction.p50 - 0.1);
    expect(b).toBeLessThan(na.preleasedShareUnderConstruction.p50 - 0.1);
  });

  it('the 60-month burn-in leaves a steady market: fan medians of years 1–2 and 9–10 agree within 3 points (pre-leasing) and 0.5 points (vacancy)', () => {
    const pre = na.fan.preleasedShareUnderConstruction.p50;
    const vac = na.fan.vacancy.p50;
    expect(Math.abs(mean(pre.slice(0, 24)) - mean(pre.slice(96, 120)))).toBeLessThan(0.03);
    expect(Math.abs(mean(vac.slice(0, 24)) - mean(vac.slice(96, 120)))).toBeLessThan(0.005);
  });
});
