/**
 * From a site and its region's queue-model summary to a buy-vs-build request: the one place the
 * CLI and the app assemble the model's inputs (pure: the caller runs the queue model and passes
 * its quantile table in).
 *
 * The queue run behind the table: QUEUE_TRIALS_FOR_BUY_VS_BUILD trials of the site's `queuePreset`
 * for a request of the site's AI grid MW, seeded with queueSeedFor(seed) so the table never reuses
 * the uniforms the buy-vs-build trials read it with.
 */
import type { Result } from '../contract';
import type { QuantileTable } from '../quantile-table';
import { mergeOverrides, paramsForRegion, type BuyVsBuildDefaults } from './defaults';
import { validateBuyVsBuildRequest, type BuyVsBuildRequest, type SiteFacts } from './params';

/** Queue trials behind the table: P90 of the queue wait to about ±2% (docs/method.md §0 SE formula). */
export const QUEUE_TRIALS_FOR_BUY_VS_BUILD = 2000;

/** The queue run's seed: a bijection of the main seed (xor, then an odd multiplier), so distinct seeds give distinct queue runs. */
export function queueSeedFor(seed: number): number {
  return Math.imul((seed ^ 0x51ed270b) >>> 0, 0x9e3779b1) >>> 0;
}

/** The site properties the model reads (data/sites.geojson; null = not known). */
export interface SiteInput {
  id: string;
  /** region id of the queue preset: also keys the region's buy-vs-build overrides */
  queuePreset: string;
  /** grid connection, MW */
  gridMW: number | null;
  /** critical IT MW the owner has designated or leased for AI (not grid MW) */
  aiItMW: number | null;
  pue: number | null;
}

/**
 * Site facts from a site, filling unknowns from `base`; `assumed` names the fields taken from the
 * defaults so the UI can say so. aiItMW is IT MW, so the grid share it takes is aiItMW × PUE ÷ gridMW:
 * the model's IT MW (gridMW × share ÷ PUE) then gives back the site's own aiItMW, one number
 * everywhere (capped at the whole connection).
 */
export function siteFactsFor(site: SiteInput, base: SiteFacts): { facts: SiteFacts; assumed: Array<keyof SiteFacts> } {
  const assumed: Array<keyof SiteFacts> = ['blockMW'];
  const known = site.pue !== null && site.pue >= 1;
  const pue = known ? (site.pue as number) : base.pue;
  const aiGridMW = site.aiItMW !== null && site.aiItMW > 0 ? site.aiItMW * pue : null;
  let gridMW = site.gridMW;
  let share = base.aiUsableShare;
  if (gridMW === null || !(gridMW > 0)) {
    if (aiGridMW !== null) {
      gridMW = aiGridMW;
      share = 1;
    } else {
      gridMW = base.gridMW;
      assumed.push('gridMW', 'aiUsableShare');
    }
  } else if (aiGridMW !== null) {
    share = Math.min(1, aiGridMW / gridMW);
  } else {
    assumed.push('aiUsableShare');
  }
  if (!known) assumed.push('pue');
  return { facts: { gridMW, aiUsableShare: share, pue, blockMW: base.blockMW }, assumed };
}

/** Grid MW the greenfield arm asks the queue for: the AI load of the site. */
export function queueRequestMW(facts: SiteFacts): number {
  return facts.gridMW * facts.aiUsableShare;
}

/**
 * The request for a site: region defaults, then the site's facts, then the user's edits
 * (`overrides`, a partial BuyVsBuildParams), validated as a whole.
 */
export function prepareBuyVsBuildRequest(input: {
  defaults: BuyVsBuildDefaults;
  site: SiteInput;
  queueTable: QuantileTable;
  trials: number;
  seed: number;
  overrides?: unknown;
  /** accept curtailment: the queue run's first-MW table and curtailed energy share (curtailment/buy-vs-build.ts) */
  curtail?: { firstTable: QuantileTable; energyShare: number };
}): Result<BuyVsBuildRequest> & { assumed?: Array<keyof SiteFacts> } {
  const regional = paramsForRegion(input.defaults, input.site.queuePreset);
  const { facts, assumed } = siteFactsFor(input.site, regional.site);
  const params = mergeOverrides({ ...regional, site: facts }, input.overrides);
  const result = validateBuyVsBuildRequest({
    model: 'buy-vs-build',
    siteId: input.site.id,
    params,
    queueTable: input.queueTable,
    ...(input.curtail ? { curtail: input.curtail } : {}),
    trials: input.trials,
    seed: input.seed,
  });
  return result.ok ? { ...result, assumed } : result;
}
