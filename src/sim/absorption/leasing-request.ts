/**
 * The Leasing tab's request: the absorption preset, the user's building (the site's IT MW) and when
 * it is powered: at an arm's first-MW time to power from the site's buy-vs-build result (as a
 * quantile table of its per-trial months), or at the preset's own date. Pure, so the app, the CLI
 * and tests build the same request.
 */
import { parseWhole, uniqueByField } from '../number-text';
import type { FieldError, Result } from '../contract';
import { quantileTableFromRows } from '../quantile-table';
import type { BuyVsBuildSummary } from '../buy-vs-build/runner';
import { validateAbsorptionRequest, type AbsorptionRequest } from './params';
import type { AbsorptionPreset } from './presets';

/** When the user's building is powered: at an arm's first-MW time to power, or the preset's own date. */
export type DeliveredBy = 'buy' | 'build' | 'preset';

export interface LeasingInput {
  preset: AbsorptionPreset;
  /** IT MW of the user's building (the site's), or null to keep the preset's */
  userMW: number | null;
  deliveredBy: DeliveredBy;
  /** the site's buy-vs-build result, if any: its per-trial times to first MW give the delivery date */
  summary: BuyVsBuildSummary | null;
  trialsText: string;
  seedText: string;
}

/**
 * The validated absorption request, or every problem with its field ("absTrials", "seed", or a
 * parameter path). Without a buy-vs-build summary the building is delivered at the preset's date,
 * and `deliveredBy` says so.
 */
export function leasingRequest(input: LeasingInput): Result<AbsorptionRequest> & { deliveredBy?: DeliveredBy } {
  const { preset, summary } = input;
  const errors: FieldError[] = [];
  const trials = parseWhole(input.trialsText);
  const seed = parseWhole(input.seedText);
  if (trials === null) errors.push({ field: 'absTrials', message: `must be a whole number of simulated markets, got "${input.trialsText}"` });
  if (seed === null) errors.push({ field: 'seed', message: `must be a whole number from 0 to 4294967295, got "${input.seedText}"` });
  const by: DeliveredBy = summary && summary.perTrial.count > 0 ? input.deliveredBy : 'preset';
  const rows = summary?.perTrial;
  const deliveryTable = rows && by !== 'preset' ? quantileTableFromRows(by === 'buy' ? rows.buyFirst : rows.buildFirst, rows.count) : undefined;
  const checked = validateAbsorptionRequest({
    model: 'absorption',
    presetId: preset.id,
    params: { ...preset.params, userBuilding: { ...preset.params.userBuilding, mw: input.userMW ?? preset.params.userBuilding.mw } },
    ...(deliveryTable ? { deliveryTable } : {}),
    trials: trials ?? NaN,
    seed: seed ?? NaN,
  });
  const all = uniqueByField([...errors, ...(checked.ok ? [] : checked.errors)].map((e) => (e.field === 'trials' ? { ...e, field: 'absTrials' } : e)));
  if (all.length || !checked.ok) return { ok: false, errors: all };
  return { ...checked, deliveredBy: by };
}
