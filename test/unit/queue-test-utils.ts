/** Shared by the queue tests: the bundled presets and an in-thread run. */
import { readFileSync } from 'node:fs';
import { runInThread } from '../../src/sim/in-thread';
import type { QueueParams, QueueRequest } from '../../src/sim/queue/params';
import { loadQueuePresets, type QueuePresetDoc } from '../../src/sim/queue/presets';
import { queueRunner, type QueueSummary } from '../../src/sim/queue/runner';

export const regionsJson: unknown = JSON.parse(readFileSync(new URL('../../data/regions.json', import.meta.url), 'utf8'));

export function presetDocs(): Record<string, QueuePresetDoc> {
  const { presets, errors } = loadQueuePresets(regionsJson);
  if (errors.length) throw new Error(`bundled queue presets are invalid: ${JSON.stringify(errors)}`);
  return presets;
}

/** A deep copy of a bundled preset's parameters, to edit freely. */
export function presetParams(id: string): QueueParams {
  return structuredClone(presetDocs()[id].params);
}

export function queueRequest(params: QueueParams, opts: Partial<QueueRequest> = {}): QueueRequest {
  return { model: 'queue', presetId: 'test', params, projectMW: 200, trials: 500, seed: 20260501, ...opts };
}

/** Runs chunk by chunk on this thread, exactly as the pool merges. */
export function runQueue(req: QueueRequest): QueueSummary {
  return runInThread('queue', req, { queue: queueRunner });
}

/**
 * The us-lbnl process at 1/15 of the US queue's size: the same phases, hazards and dated stock
 * shares, with counts, MW and arrivals scaled down. Cohort shares and durations do not depend on the
 * volume (this preset has no study or headroom limits), and a trial runs ~15× faster.
 */
export function usLbnlSmall(k = 15): QueueParams {
  const p = presetParams('us-lbnl');
  p.backlog.count = Math.round(p.backlog.count / k);
  p.arrivals.ratePerYear /= k;
  if (p.stock) {
    if (p.stock.totalMW !== null) p.stock.totalMW /= k;
    if (p.stock.heldMW !== null) p.stock.heldMW /= k;
  }
  for (const pt of p.schedules?.arrivalsPerYear?.points ?? []) pt.value /= k;
  return p;
}

/**
 * A generic serial queue for behaviour tests: us-lbnl's phases and hazards at the small scale, with
 * an undated backlog and exact, constant inputs (no stock, schedules, rules or per-trial
 * uncertainty), so a test that sets
 * arrivals or the backlog gets exactly what it sets.
 */
export function genericSerial(): QueueParams {
  const p = usLbnlSmall();
  delete p.stock;
  delete p.schedules;
  delete p.rules;
  delete p.uncertainty;
  p.backlog.count = 500;
  p.arrivals.ratePerYear = 150;
  return p;
}

/** A quiet serial queue: no arrivals, no backlog, nobody withdraws, fixed durations (2 + 3 + 4 months of studies, 10 of construction). */
export function quietSerial(): QueueParams {
  // Built on genericSerial: the us-lbnl preset's dated stock and schedules would still bring requests.
  const p = genericSerial();
  p.arrivals.ratePerYear = 0;
  p.backlog.count = 0;
  p.fastLane.share = 0;
  p.withdrawal = { feas: 0, sis: 0, fs: 0, postIa: 0, sizeElasticity: 0 };
  p.phases = { feas: { p50: 2, p90: 2 }, sis: { p50: 3, p90: 3 }, fs: { p50: 4, p90: 4 }, constr: { p50: 10, p90: 10 } };
  return p;
}
