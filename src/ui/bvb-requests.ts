/**
 * Requests the Buy vs build and Leasing tabs send, from what the user chose: the region's queue run
 * behind both arms' queue wait (prepare.ts) and the leasing (absorption) run. Pure, so a test can
 * build the same requests in Node; also the small text helpers the tabs' state shares.
 */
import { parseWhole, uniqueByField } from '../state/parse-input';
import { validateAbsorptionRequest, type AbsorptionRequest } from '../sim/absorption/params';
import type { AbsorptionPreset } from '../sim/absorption/presets';
import type { BuyVsBuildSummary } from '../sim/buy-vs-build/runner';
import type { SiteFacts } from '../sim/buy-vs-build/params';
import { QUEUE_TRIALS_FOR_BUY_VS_BUILD, queueRequestMW, queueSeedFor } from '../sim/buy-vs-build/prepare';
import type { FieldError, Result } from '../sim/contract';
import type { Percentiles } from '../sim/histogram';
import type { QuantileTable } from '../sim/quantile-table';
import type { QueueRequest } from '../sim/queue/params';
import type { QueuePresetDoc } from '../sim/queue/presets';
import type { QueueSummary } from '../sim/queue/summary';
import { buildQueueRequest, overridesFromDrafts } from '../sim/requests';
import { quantileTableFromRows } from './bvb-derive';

/** When the user's building is powered: at an arm's first-MW time to power, or the preset's own date. */
export type DeliveredBy = 'buy' | 'build' | 'preset';

/** A whole number typed by the user (thousands separators allowed), or null. */
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

/** The queue run behind a buy-vs-build run: what fed both arms' queue wait (months). */
export interface QueueBasis {
  presetId: string;
  presetName: string;
  /** the request's grid MW (the site's AI load) */
  projectMW: number;
  trials: number;
  seed: number;
  timeToPower: Percentiles;
  horizonMonths: number;
  table: QuantileTable;
}

/**
 * The region's queue run for a site (prepare.ts: QUEUE_TRIALS_FOR_BUY_VS_BUILD trials, seed
 * queueSeedFor(seed), a request of the site's AI grid MW), with the user's Grid-queue-tab edits.
 * Problems are named "queue.<path>" and point to that tab.
 */
export function queueRequestFor(doc: QueuePresetDoc | undefined, queueDrafts: Record<string, string>, facts: SiteFacts, seed: number): Result<QueueRequest> {
  if (!doc) return { ok: false, errors: [{ field: 'queuePreset', message: 'this site has no queue preset' }] };
  const { overrides, errors } = overridesFromDrafts(doc, queueDrafts);
  const built = buildQueueRequest({ doc, overrides, projectMW: queueRequestMW(facts), trials: QUEUE_TRIALS_FOR_BUY_VS_BUILD, seed: queueSeedFor(seed) });
  const all = [...errors, ...(built.ok ? [] : built.errors)];
  if (all.length || !built.ok) return { ok: false, errors: all.map((e) => ({ field: `queue.${e.field}`, message: `${e.message} (edit it on the Grid queue tab)` })) };
  return built;
}

export function queueBasis(doc: QueuePresetDoc, req: QueueRequest, s: QueueSummary): QueueBasis {
  return { presetId: doc.id, presetName: doc.name, projectMW: req.projectMW, trials: s.trials, seed: req.seed, timeToPower: s.timeToPower, horizonMonths: s.horizonMonths, table: s.quantileTable };
}
