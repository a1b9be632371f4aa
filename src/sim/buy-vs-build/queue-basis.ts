/**
 * The queue run behind a buy-vs-build run: the region's queue model for a site (prepare.ts:
 * QUEUE_TRIALS_FOR_BUY_VS_BUILD trials, seed queueSeedFor(seed), a request of the site's AI grid
 * MW) with the user's Grid-queue-tab edits, and what of its result both arms read.
 */
import type { Result } from '../contract';
import type { Percentiles } from '../histogram';
import type { QuantileTable } from '../quantile-table';
import type { GridAccessDraw } from '../grid-access/params';
import type { QueueRequest } from '../queue/params';
import type { QueueRunRequest } from '../queue/runner';
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
  /** the greenfield arm's grid-access phase at the site's position, when it had one (months) */
  gridAccess?: { distanceKm: number; months: Percentiles };
  /** firm and curtailable MW, when the queue run asked for curtailment (curtailment/runner.ts) */
  curtailment?: CurtailmentSummary;
}

/**
 * The region's queue run for a site (prepare.ts: QUEUE_TRIALS_FOR_BUY_VS_BUILD trials, seed
 * queueSeedFor(seed), a request of the site's AI grid MW), with the user's Grid-queue-tab edits.
 * Problems are named "queue.<path>" and point to that tab.
 *
 * `gridAccess` is the site's grid-access phase as a new build at its position (siteGridAccess with
 * kind "greenfield", at queueRequestMW(facts)): the build arm reaches the grid from there, so the
 * table both arms read includes it. The buy arm's optional new study reads the same table
 * (ESTIMATE: it overstates a study's wait by the phase where the phase binds). The app, the CLI
 * and the tests pass it the same way; null = no grid data covers the site.
 */
export function queueRequestFor(
  doc: QueuePresetDoc | undefined,
  queueDrafts: Record<string, string>,
  facts: SiteFacts,
  seed: number,
  gridAccess: GridAccessDraw | null = null,
): Result<QueueRunRequest> {
  if (!doc) return { ok: false, errors: [{ field: 'queuePreset', message: 'this site has no queue preset' }] };
  const { overrides, errors } = overridesFromDrafts(doc, queueDrafts);
  const built = buildQueueRequest({ doc, overrides, projectMW: queueRequestMW(facts), trials: QUEUE_TRIALS_FOR_BUY_VS_BUILD, seed: queueSeedFor(seed) });
  const all = [...errors, ...(built.ok ? [] : built.errors)];
  if (all.length || !built.ok) return { ok: false, errors: all.map((e) => ({ field: `queue.${e.field}`, message: `${e.message} (edit it on the Grid queue tab)` })) };
  // Only a site with a phase carries the field, so every other request (and its cache key) is as before.
  return gridAccess ? { ok: true, value: { ...built.value, gridAccess } } : built;
}

export function queueBasis(doc: QueuePresetDoc, req: QueueRequest, s: CurtailableQueueSummary): QueueBasis {
  const basis: QueueBasis = { presetId: doc.id, presetName: doc.name, projectMW: req.projectMW, trials: s.trials, seed: req.seed, timeToPower: s.timeToPower, horizonMonths: s.horizonMonths, table: s.quantileTable };
  return { ...basis, ...(s.gridAccess ? { gridAccess: s.gridAccess } : {}), ...(s.curtailment ? { curtailment: s.curtailment } : {}) };
}
