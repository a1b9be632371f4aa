/**
 * Runs a model for the CLI and the benchmark: on this thread for one worker, else in the Node
 * worker pool (workers/node-pool.ts). Both fold the same fixed chunks in chunk order, so the
 * numbers are bit-identical either way (fixed chunks merged in order).
 */
import type { ModelName, RunSettings } from '../../src/sim/contract';
import { runInThread } from '../../src/sim/in-thread';
import { runInNodePool } from '../../workers/node-pool';

export async function runModel<Sum>(model: ModelName, request: RunSettings, workers: number): Promise<Sum> {
  if (workers <= 1) return runInThread<Sum>(model, request);
  return runInNodePool<Sum>(model, request, { workers });
}
