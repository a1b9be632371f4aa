/**
 * From a site to an economics request: the one place the CLI and the app assemble the model's
 * inputs (pure: the caller runs the queue model and passes its quantile table in, exactly as for
 * buy vs build, so trial t of both models shares its time-to-power draws).
 *
 * Site facts fill the defaults: the power price (converted to USD/MWh, or the region's fallback),
 * the mining MW (the grid MW of a power shell, 0 on a greenfield site), the PUE when published, and
 * the arm (buy a power shell: retrofit capex; greenfield: build arm and greenfield capex).
 */
import type { Result } from '../contract';
import { mergeOverrides, type BuyVsBuildDefaults } from '../buy-vs-build/defaults';
import { prepareBuyVsBuildRequest, type SiteInput } from '../buy-vs-build/prepare';
import type { QuantileTable } from '../quantile-table';
import type { EconomicsDefaults } from './defaults';
import { validateEconomicsRequest, type EconomicsParams, type EconomicsRequest } from './params';

/** The site properties the model reads (data/sites.geojson). */
export interface EconomicsSiteInput extends SiteInput {
  kind: 'power-shell' | 'greenfield';
  powerPrice: { value: number; unit: string; date: string; basis: string } | null;
}

/** Default trials behind the tornado: mean NPV over mining to about 1% for each bar end. */
export const ECONOMICS_TORNADO_TRIALS = 1000;

/** Where a site-specific default came from, by field path (shown beside the field). */
export type SiteNotes = Record<string, string>;

/** The defaults for a site before the user's edits, and where the site-specific ones came from. */
export function siteEconomicsParams(defaults: EconomicsDefaults, site: EconomicsSiteInput, gridMW: number, pue: number | null): { params: EconomicsParams; notes: SiteNotes } {
  const params = structuredClone(defaults.params);
  const notes: SiteNotes = {};
  const pp = site.powerPrice;
  const conv = pp ? defaults.powerPriceToUSD.get(pp.unit) : undefined;
  if (pp && conv) {
    params.power.priceUSDPerMWh = Math.round(pp.value * conv.factor * 100) / 100;
    notes['power.priceUSDPerMWh'] = `site file: ${pp.value} ${pp.unit} (${pp.date}; ${pp.basis})${conv.factor === 1 ? '' : `; ${conv.source}`}`;
  } else {
    const fb = defaults.presetPowerPrice.get(site.queuePreset);
    if (fb) {
      params.power.priceUSDPerMWh = fb.value;
      notes['power.priceUSDPerMWh'] = `no price for this site${pp ? ` in ${pp.unit}` : ''}; region: ${fb.source}`;
    }
  }
  params.mining.miningMW = site.kind === 'power-shell' ? gridMW : 0;
  notes['mining.miningMW'] = site.kind === 'power-shell' ? `the site's grid MW (${gridMW} MW): a mine runs at its connection` : 'greenfield: no mine on the site';
  if (pue !== null) {
    params.gpu.pue = pue;
    notes['gpu.pue'] = `site file: PUE ${pue}`;
  }
  return { params, notes };
}

export function prepareEconomicsRequest(input: {
  defaults: EconomicsDefaults;
  bvbDefaults: BuyVsBuildDefaults;
  site: EconomicsSiteInput;
  queueTable: QuantileTable;
  trials: number;
  seed: number;
  /** the user's edits: a partial EconomicsParams */
  overrides?: unknown;
  /** the user's buy-vs-build edits (time to power) */
  timeToPowerOverrides?: unknown;
  /** 'buy' or 'build'; default from the site kind */
  arm?: 'buy' | 'build';
  tornadoTrials?: number;
}): Result<EconomicsRequest> & { notes?: SiteNotes } {
  const bvb = prepareBuyVsBuildRequest({
    defaults: input.bvbDefaults,
    site: input.site,
    queueTable: input.queueTable,
    trials: input.trials,
    seed: input.seed,
    overrides: input.timeToPowerOverrides,
  });
  if (!bvb.ok) return { ok: false, errors: bvb.errors.map((e) => ({ ...e, field: e.field.replace(/^params\./, 'timeToPower.params.') })) };
  const site = bvb.value.params.site;
  const { params: base, notes } = siteEconomicsParams(input.defaults, input.site, site.gridMW, input.site.pue !== null && input.site.pue >= 1 ? input.site.pue : null);
  const params = mergeOverrides(base, input.overrides);
  const result = validateEconomicsRequest({
    model: 'economics',
    siteId: input.site.id,
    params,
    timeToPower: { arm: input.arm ?? (input.site.kind === 'greenfield' ? 'build' : 'buy'), params: bvb.value.params, queueTable: input.queueTable },
    trials: input.trials,
    seed: input.seed,
    tornadoTrials: input.tornadoTrials ?? ECONOMICS_TORNADO_TRIALS,
  });
  return result.ok ? { ...result, notes } : result;
}
