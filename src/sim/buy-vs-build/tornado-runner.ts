/**
 * The tornado as a pool model, so it runs on the same workers, with the same progress, cancel and
 * per-run token as every other run (it had a worker of its own with another cancel behaviour).
 *
 * A tornado "trial" is one trial index of every configuration: the base (all inputs drawn) and each
 * input pinned at its P10 and at its P90, 1 + 2 × 18 = 37 configurations. A chunk of trials
 * [start, end) records each configuration's times for those trials; chunks concatenate in trial
 * order and the summary takes each column's median, so the result equals `tornado(req, { trials })`
 * exactly, whatever the number of workers.
 */
import type { ModelRunner, RunSettings } from '../contract';
import { BuyVsBuildKernel, INPUT_COUNT, newOutcome, type InputId } from './kernel';
import type { BuyVsBuildRequest } from './params';
import { INPUT_INFO, median, pick, swingOf, type TornadoBar, type TornadoOutput, type TornadoResult } from './tornado';

export interface TornadoRequest extends RunSettings {
  model: 'tornado';
  /** the buy-vs-build request whose inputs are pinned; its own trials are not used */
  bvb: BuyVsBuildRequest;
  /** trials per bar (`trials`), and `seed` = bvb.seed */
  output?: TornadoOutput;
}

/** Configurations per trial: the base, then input i at P10 (1 + 2i) and at P90 (2 + 2i). */
export const TORNADO_CONFIGS = 1 + 2 * INPUT_COUNT;

export interface TornadoPartial {
  trials: number;
  /** [config][trial] times of the buy arm, then of the build arm, config-major */
  buy: Float64Array;
  build: Float64Array;
}

export function tornadoRequest(bvb: BuyVsBuildRequest, trials: number, output: TornadoOutput = 'firstMW'): TornadoRequest {
  return { model: 'tornado', bvb, trials, seed: bvb.seed, output };
}

function kernelFor(req: TornadoRequest): BuyVsBuildKernel {
  return new BuyVsBuildKernel(req.bvb.params, req.bvb.queueTable, req.bvb.seed, req.bvb.independentDraws === true);
}

export const tornadoRunner: ModelRunner<TornadoRequest, TornadoPartial, TornadoResult> = {
  runChunk(req, start, end) {
    const k = kernelFor(req);
    const n = end - start;
    const output = req.output ?? 'firstMW';
    const buy = new Float64Array(TORNADO_CONFIGS * n);
    const build = new Float64Array(TORNADO_CONFIGS * n);
    const o = newOutcome();
    const fill = (config: number) => {
      for (let t = 0; t < n; t++) {
        k.run(start + t, o);
        buy[config * n + t] = pick(o, output, 'buy');
        build[config * n + t] = pick(o, output, 'build');
      }
    };
    fill(0);
    for (let i = 0; i < INPUT_COUNT; i++) {
      const input = i as InputId;
      k.pin(input, k.quantileOf(input, 0.1));
      fill(1 + 2 * i);
      k.pin(input, k.quantileOf(input, 0.9));
      fill(2 + 2 * i);
      k.unpin(input);
    }
    return { trials: n, buy, build };
  },

  merge(acc, next) {
    const n = acc.trials + next.trials;
    const join = (a: Float64Array, b: Float64Array) => {
      const out = new Float64Array(TORNADO_CONFIGS * n);
      for (let c = 0; c < TORNADO_CONFIGS; c++) {
        out.set(a.subarray(c * acc.trials, (c + 1) * acc.trials), c * n);
        out.set(b.subarray(c * next.trials, (c + 1) * next.trials), c * n + acc.trials);
      }
      return out;
    };
    return { trials: n, buy: join(acc.buy, next.buy), build: join(acc.build, next.build) };
  },

  summarize(req, merged) {
    const k = kernelFor(req);
    const n = merged.trials;
    const p50 = (config: number) => ({
      buy: median(merged.buy.slice(config * n, (config + 1) * n), k.horizon),
      build: median(merged.build.slice(config * n, (config + 1) * n), k.horizon),
    });
    const bars: TornadoBar[] = [];
    for (let i = 0; i < INPUT_COUNT; i++) {
      const input = i as InputId;
      const info = INPUT_INFO[input];
      const atLow = p50(1 + 2 * i);
      const atHigh = p50(2 + 2 * i);
      bars.push({ input, key: info.key, label: info.label, unit: info.unit, lowValue: k.quantileOf(input, 0.1), highValue: k.quantileOf(input, 0.9), atLow, atHigh, swing: swingOf(atLow, atHigh) });
    }
    // Array.prototype.sort is stable, so equal swings keep the input order (as tornado() does).
    bars.sort((a, b) => (b.swing === a.swing ? 0 : b.swing > a.swing ? 1 : -1));
    return { output: req.output ?? 'firstMW', trials: n, base: p50(0), bars };
  },
};
