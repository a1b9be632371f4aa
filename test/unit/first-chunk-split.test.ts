/**
 * How the pool splits a run's first chunk (workers/first-chunk-split.ts): contiguous parts in trial
 * order that cover the chunk exactly, the preview slice first; and the in-order fold gives the
 * queue model's chunk bit for bit, whatever order the parts arrive in.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHUNK_TRIALS } from '../../src/sim/contract';
import { runInThread } from '../../src/sim/in-thread';
import { queueRunner } from '../../src/sim/queue/runner';
import { FirstChunkSplit, planFirstChunk } from '../../workers/first-chunk-split';
import { queueTestRequest } from './pool-fixtures/queue-request';
import { testRegistry } from './pool-fixtures/tiny-model';

describe('planFirstChunk', () => {
  it('puts the preview slice first, split over the workers, then the rest of the chunk', () => {
    expect(planFirstChunk(0, 250, 2, 64)).toEqual({
      ranges: [
        [0, 32],
        [32, 64],
        [64, 157],
        [157, 250],
      ],
      previewParts: 2,
    });
    expect(planFirstChunk(0, 250, 1, 64)).toEqual({ ranges: [[0, 64], [64, 250]], previewParts: 1 });
    // a preview of the whole chunk or more: equal parts, no slice (the ordered merge previews whole chunks)
    expect(planFirstChunk(0, 250, 2, 250)).toEqual({ ranges: [[0, 125], [125, 250]], previewParts: 0 });
    expect(planFirstChunk(0, 40, 2, 64)).toEqual({ ranges: [[0, 20], [20, 40]], previewParts: 0 });
  });

  it('covers [start, end) with contiguous ranges in trial order, the slice ending at previewTrials', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: CHUNK_TRIALS }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 400 }), (end, workers, preview) => {
        const { ranges, previewParts } = planFirstChunk(0, end, workers, preview);
        expect(ranges[0][0]).toBe(0);
        expect(ranges.at(-1)![1]).toBe(end);
        for (let k = 0; k < ranges.length; k++) {
          expect(ranges[k][1]).toBeGreaterThan(ranges[k][0]);
          if (k > 0) expect(ranges[k][0]).toBe(ranges[k - 1][1]);
        }
        if (preview > 0 && preview < end) {
          expect(previewParts).toBe(Math.min(workers, preview));
          expect(ranges[previewParts - 1][1]).toBe(preview);
        } else expect(previewParts).toBe(0);
        expect(ranges.length).toBeLessThanOrEqual(2 * workers);
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('FirstChunkSplit', () => {
  it('folds queue parts arriving in any order into the chunk one call gives, and previews the slice once', () => {
    const req = queueTestRequest(CHUNK_TRIALS);
    const whole = JSON.stringify(queueRunner.runChunk(req, 0, CHUNK_TRIALS));
    const preview = JSON.stringify(runInThread('queue', { ...req, trials: 64 }, testRegistry));
    const plan = planFirstChunk(0, CHUNK_TRIALS, 3, 64);
    const parts = plan.ranges.map(([a, b]) => queueRunner.runChunk(req, a, b));
    for (const order of [
      [0, 1, 2, 3, 4, 5],
      [5, 4, 3, 2, 1, 0],
      [2, 0, 4, 1, 5, 3],
    ]) {
      const split = new FirstChunkSplit(queueRunner, req, plan);
      const previews: string[] = [];
      let folded: unknown;
      for (const k of order) {
        const out = split.add(k, structuredClone(parts[k]));
        if (out.preview) previews.push(JSON.stringify(out.preview.summary));
        if (out.whole) folded = out.whole;
      }
      expect(previews).toEqual([preview]);
      expect(JSON.stringify(folded)).toBe(whole);
    }
  });

  it('refuses a part given twice', () => {
    const req = queueTestRequest(CHUNK_TRIALS);
    const split = new FirstChunkSplit(queueRunner, req, planFirstChunk(0, 100, 2, 0));
    split.add(1, queueRunner.runChunk(req, 50, 100));
    expect(() => split.add(1, queueRunner.runChunk(req, 50, 100))).toThrow('part 1 of the first chunk arrived twice');
  });
});
