/**
 * The command-line modules of buy-vs-build and absorption (issue 4 item 5): the JSON carries the
 * fields the issue names, numbers in months / USD / shares, "> horizon" as null; bad flags name the flag.
 */
import { describe, expect, it } from 'vitest';
import { runAbsorptionCli } from '../../scripts/lib/absorption-cli';
import { runBuyVsBuildCli } from '../../scripts/lib/buy-vs-build-cli';

describe('buy-vs-build CLI', () => {
  it('prints model, site, buy/build P10/P50/P90, pBuyEarlier and delay cost for a Texas site', async () => {
    const r = await runBuyVsBuildCli({ site: 'iren-childress', trials: 2000, seed: 9 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const o = r.value as any;
    expect(o.model).toBe('buy-vs-build');
    expect(o.site).toBe('iren-childress');
    for (const arm of [o.buy, o.build]) for (const k of ['p10', 'p50', 'p90']) expect(typeof arm[k]).toBe('number');
    expect(o.buy.p50).toBeLessThan(o.build.p50);
    expect(o.pBuyEarlier).toBeGreaterThan(0.9);
    expect(o.delayCostUSD.mean).toBeGreaterThan(0);
    expect(o.delayCostUSD.p90).toBeGreaterThan(o.delayCostUSD.mean);
    expect(o.queue).toMatchObject({ preset: 'ercot-large-load', trials: 2000 });
    // The app's pipeline: the build arm's queue run carries the grid-access phase of a new build at the site.
    expect(o.queue.gridAccess.distanceKm).toBeGreaterThan(0);
    for (const k of ['p10', 'p50', 'p90']) expect(o.queue.gridAccess.months[k]).toBeGreaterThan(0);
    // plain JSON: survives a round trip unchanged
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
  });

  it('without grid data at the site (Singapore) the queue run has no grid-access phase', async () => {
    const r = await runBuyVsBuildCli({ site: 'jurong-island-dc-park', trials: 500, seed: 4 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect((r.value as any).queue.gridAccess).toBeUndefined();
  });

  it('is reproducible for a seed', async () => {
    const a = await runBuyVsBuildCli({ site: 'intelion-samara', trials: 500, seed: 4 });
    const b = await runBuyVsBuildCli({ site: 'intelion-samara', trials: 500, seed: 4 });
    expect(a).toEqual(b);
  });

  it('names the flag when the site is unknown or the rent is bad', async () => {
    const r = await runBuyVsBuildCli({ site: 'atlantis', trials: 10, seed: 1 });
    expect(r.ok ? '' : r.errors[0].field).toBe('--site');
    const rent = await runBuyVsBuildCli({ site: 'riot-rockdale', trials: 10, seed: 1, rentUSDPerKWMonth: -5 });
    expect(rent.ok ? null : rent.errors[0]).toEqual({ field: '--rent', message: 'must be zero or a positive number of USD per kW-month, got -5' });
  });
});

describe('absorption CLI', () => {
  it('prints model, preset, the pre-leased share under construction and vacancy', () => {
    const r = runAbsorptionCli({ preset: 'singapore', trials: 300, seed: 2 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const o = r.value as any;
    expect(o).toMatchObject({ model: 'absorption', preset: 'singapore', trials: 300 });
    expect(o.preleasedShareUnderConstruction.p50).toBeGreaterThan(0);
    expect(o.preleasedShareUnderConstruction.p50).toBeLessThan(1);
    expect(o.vacancy.p50).toBeGreaterThan(0);
    expect(o.userBuilding.mw).toBe(20);
  });

  it('names the flag for an unknown preset', () => {
    const r = runAbsorptionCli({ preset: 'mars', trials: 10, seed: 1 });
    expect(r.ok ? '' : r.errors[0].field).toBe('--preset');
  });
});
