/**
 * The engine's tornado (tornado.ts) computed one input at a time with a yield between, so progress
 * can be reported and a cancel lands between inputs. Runs in the tornado worker
 * (workers/tornado.worker.ts), or on the page as a fallback where short tasks keep it responsive.
 */
import { INPUT_COUNT, type InputId } from './kernel';
import type { BuyVsBuildRequest } from './params';
import { tornado, type TornadoBar, type TornadoResult } from './tornado';

/** Trials behind each tornado bar: the engine's default (P50 of the buy arm to about ±0.3 months). */
export const TORNADO_TRIALS = 5000;

/**
 * Every bar uses the same trials and seeds, so the result equals `tornado(req)`'s; ties keep input
 * order as there. Resolves null when `stopped()` turns true.
 */
export async function tornadoInSlices(
  req: BuyVsBuildRequest,
  stopped: () => boolean,
  onStep: (done: number, total: number) => void,
  trials = TORNADO_TRIALS,
): Promise<TornadoResult | null> {
  const bars: TornadoBar[] = [];
  let base: TornadoResult['base'] | null = null;
  for (let i = 0; i < INPUT_COUNT; i++) {
    await new Promise<void>((r) => setTimeout(r, 0));
    if (stopped()) return null;
    const one = tornado(req, { trials, inputs: [i as InputId] });
    base ??= one.base;
    bars.push(one.bars[0]);
    onStep(i + 1, INPUT_COUNT);
  }
  bars.sort((a, b) => (b.swing === a.swing ? 0 : b.swing > a.swing ? 1 : -1));
  return { output: 'firstMW', trials, base: base ?? { buy: NaN, build: NaN }, bars };
}
