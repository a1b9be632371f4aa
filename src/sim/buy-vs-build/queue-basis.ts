/**
 * The queue run behind a buy-vs-build run: the region's queue model for a site (prepare.ts:
 * QUEUE_TRIALS_FOR_BUY_VS_BUILD trials, seed queueSeedFor(seed), a request of the site's AI grid
 * MW) with the user's Grid-queue-tab edits, and what of its result both arms read.
 */
import type { Result } from '../contract';
import type { Percentiles } from '../histogram';
import type { QuantileTable } from '../quantile-table';
import type { QueueRequest } from '../queue/params';
import type { QueuePresetDoc } from '../queue/presets';
import type { CurtailableQueueSummary } from '../curtailment/runner';
import type { CurtailmentSummary } from '../curtailment/partial';
import { buildQueueRequest, overridesFromDrafts } from '../requests';
import type { SiteFacts } from './params';
import { QUEUE_TRIALS_FOR_BUY_VS_BUILD, queueRequestMW, queueSeedFor } from './prepare';

/** What fed both arms' queue wait (months). */
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
  /** firm and curtailable MW, when the queue run asked for curtailment (curtailment/runner.ts) */
  curtailment?: CurtailmentSummary;
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

export function queueBasis(doc: QueuePresetDoc, req: QueueRequest, s: CurtailableQueueSummary): QueueBasis {
  const basis: QueueBasis = { presetId: doc.id, presetName: doc.name, projectMW: req.projectMW, trials: s.trials, seed: req.seed, timeToPower: s.timeToPower, horizonMonths: s.horizonMonths, table: s.quantileTable };
  return s.curtailment ? { ...basis, curtailment: s.curtailment } : basis;
}
