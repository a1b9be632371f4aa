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
  return runInThread<QueueSummary>('queue', req, { queue: queueRunner });
}
