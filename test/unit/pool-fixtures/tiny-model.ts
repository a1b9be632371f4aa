/**
 * A test-only model for the worker tests: lognormal months to an event, recorded in an integer
 * histogram and a float sum (summed in chunk order, so any change of merge order would show in the
 * last bits). Request flags make a chunk throw, hang or kill its worker, to test failure paths.
 * Never registered in src/: the tests pass it to the pool and to their own worker entry.
 */
import type { ModelRunner, RunSettings } from '../../../src/sim/contract';
import { lognormalFromP50P90, lognormalInv } from '../../../src/sim/distributions';
import { cdfCurve, createHistogram, mergeInto, percentiles, record, type TimeHistogram } from '../../../src/sim/histogram';
import { Rng, Stream } from '../../../src/sim/rng';
import { queueRunner } from '../../../src/sim/queue/runner';

export interface TinyRequest extends RunSettings {
  horizonMonths: number;
  p50: number;
  p90: number;
  /** throw an Error when this trial is reached */
  throwAtTrial?: number;
  /** loop for ever at this trial (only terminating the worker stops it) */
  hangAtTrial?: number;
  /** call process.exit at this trial: in a worker it ends that thread, as a crash would */
  exitAtTrial?: number;
  /** also return a 64 KB array (transferred, not copied) */
  big?: boolean;
}

export interface TinyPart {
  hist: TimeHistogram;
  sumMonths: number;
  big?: Float64Array;
}

/** What the runner last returned, so a same-thread test can see which buffers were detached. */
export const lastReturned: { part: TinyPart | null } = { part: null };

const rng = new Rng();

export const tinyRunner: ModelRunner<TinyRequest, TinyPart, ReturnType<typeof summarize>> = {
  runChunk(req, start, end) {
    const ln = lognormalFromP50P90(req.p50, req.p90);
    const hist = createHistogram(req.horizonMonths);
    let sumMonths = 0;
    for (let t = start; t < end; t++) {
      if (t === req.throwAtTrial) throw new Error(`tiny model refused trial ${t}`);
      if (t === req.hangAtTrial) for (;;);
      if (t === req.exitAtTrial) process.exit(3);
      rng.reset(req.seed, t, Stream.queue);
      const m = lognormalInv(ln, rng.uniform());
      record(hist, m);
      sumMonths += m;
    }
    const part: TinyPart = { hist, sumMonths };
    if (req.big) part.big = new Float64Array(8192).fill(start);
    lastReturned.part = part;
    return part;
  },
  merge(acc, next) {
    mergeInto(acc.hist, next.hist);
    acc.sumMonths += next.sumMonths;
    return acc;
  },
  summarize,
};

function summarize(req: TinyRequest, merged: TinyPart) {
  return {
    trials: req.trials,
    ...percentiles(merged.hist),
    meanMonths: merged.sumMonths / merged.hist.n,
    curve: cdfCurve(merged.hist, 12),
    hist: merged.hist,
  };
}

export type TinySummary = ReturnType<typeof summarize>;

export const tinyRegistry = { tiny: tinyRunner };
/** What the test worker entry exposes: the tiny model and the real queue runner. */
export const testRegistry = { tiny: tinyRunner, queue: queueRunner };

/** The tiny model's name (not one of the app's models: tests pass tinyRegistry). */
export const TINY = 'tiny' as const;

export function tinyRequest(over: Partial<TinyRequest> = {}): TinyRequest {
  return { trials: 3000, seed: 20240601, horizonMonths: 120, p50: 30, p90: 70, ...over };
}
