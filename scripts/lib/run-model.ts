/**
 * Runs a model for the CLI and the benchmark: on this thread for one worker, else in the Node
 * worker pool (workers/node-pool.ts). Both fold the same fixed chunks in chunk order, so the
 * numbers are bit-identical either way (docs/method.md §0).
 */
import type { ModelId, RequestOf, SummaryOf } from '../../src/sim/models';
import { runInThread } from '../../src/sim/in-thread';
import { runInNodePool } from '../../workers/node-pool';

export async function runModel<K extends ModelId>(model: K, request: RequestOf<K>, workers: number): Promise<SummaryOf<K>> {
  if (workers <= 1) return runInThread(model, request);
  return runInNodePool(model, request, { workers });
}
