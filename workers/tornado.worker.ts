/**
 * A worker of its own for the tornado (about 18 × 3 × 5,000 trials): the engine offers it as a
 * function, not as a pool model, and on the page it would hold the main thread for most of a
 * second. Thin on purpose: everything it does is in src/sim/buy-vs-build/tornado-slices.ts.
 */
import { expose } from 'comlink';
import type { BuyVsBuildRequest } from '../src/sim/buy-vs-build/params';
import { tornadoInSlices } from '../src/sim/buy-vs-build/tornado-slices';

const api = {
  /** The tornado of a validated request; `onStep` (a Comlink proxy) hears of each input done. */
  tornado(req: BuyVsBuildRequest, trials: number, onStep: (done: number, total: number) => void) {
    return tornadoInSlices(req, () => false, onStep, trials);
  },
};

export type TornadoWorkerApi = typeof api;
expose(api);
