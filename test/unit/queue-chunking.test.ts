/**
 * Worker-count invariance (docs/method.md §0): the same request and seed give bit-identical partials and
 * summaries whether the trials run as one chunk, as 250-trial chunks merged in order, or as 4
 * interleaved groups (as 4 workers would take them) merged in chunk order.
 */
import { describe, expect, it } from 'vitest';
import { CHUNK_TRIALS } from '../../src/sim/contract';
import { queueRunner, type QueuePartial } from '../../src/sim/queue/runner';
import { genericSerial, presetParams, queueRequest } from './queue-test-utils';

function inChunks(req: ReturnType<typeof queueRequest>, groups: number): QueuePartial {
  const chunks = Math.ceil(req.trials / CHUNK_TRIALS);
  const results: QueuePartial[] = new Array(chunks);
  // Group g computes chunks g, g+groups, …, each on a copy of the request (as a worker receives it).
  for (let g = 0; g < groups; g++) {
    for (let c = g; c < chunks; c += groups) {
      const start = c * CHUNK_TRIALS;
      results[c] = queueRunner.runChunk(structuredClone(req), start, Math.min(req.trials, start + CHUNK_TRIALS));
    }
  }
  let acc = results[0];
  for (let c = 1; c < chunks; c++) acc = queueRunner.merge(acc, results[c]);
  return acc;
}

describe('queue runner chunking', () => {
  for (const [id, runToHorizon, trials] of [
    ['ercot-large-load', false, 1100],
    ['us-lbnl', true, 300],
    ['singapore', false, 900],
  ] as const) {
    it(`${id}${runToHorizon ? ' (to the horizon)' : ''}: one chunk = ordered 250-chunks = 4 interleaved groups, bit for bit`, () => {
      const req = queueRequest(id === 'us-lbnl' ? genericSerial() : presetParams(id), { trials, seed: 77, runToHorizon, presetId: id });
      const whole = queueRunner.runChunk(req, 0, trials);
      const ordered = inChunks(req, 1);
      const interleaved = inChunks(req, 4);
      expect(ordered).toStrictEqual(whole);
      expect(interleaved).toStrictEqual(whole);
      const summary = queueRunner.summarize(req, whole);
      expect(queueRunner.summarize(req, interleaved)).toStrictEqual(summary);
      expect(summary.trials).toBe(trials);
      // Per-trial rows are kept in trial order.
      expect(Array.from(whole.rowTrials)).toEqual(Array.from({ length: trials }, (_, i) => i));
    });
  }

  it('a trial gives the same result whatever chunk it runs in', () => {
    const req = queueRequest(presetParams('sweden'), { trials: 300, seed: 5 });
    const a = queueRunner.runChunk(req, 0, 300);
    const b = queueRunner.runChunk(req, 137, 138);
    expect(b.rowMonths[0]).toBe(a.rowMonths[137]);
  });
});
