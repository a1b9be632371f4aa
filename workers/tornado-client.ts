/**
 * The page's side of the tornado worker: started on first use and kept for the next run;
 * cancelling terminates it mid-computation (a synchronous loop cannot hear a message) and the
 * next run starts a fresh one. Where workers are unavailable it falls back to the page, input by
 * input.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { BuyVsBuildRequest } from '../src/sim/buy-vs-build/params';
import type { TornadoResult } from '../src/sim/buy-vs-build/tornado';
import { TORNADO_TRIALS, tornadoInSlices } from '../src/sim/buy-vs-build/tornado-slices';
import type { TornadoWorkerApi } from './tornado.worker';

export interface TornadoRunner {
  /** Resolves null when cancelled or superseded by a newer run. */
  run(req: BuyVsBuildRequest, onStep: (done: number, total: number) => void, trials?: number): Promise<TornadoResult | null>;
  cancel(): void;
}

interface Pending {
  settle(result: TornadoResult | null): void;
  fail(error: Error): void;
}

export function createTornadoRunner(): TornadoRunner {
  let worker: Worker | null = null;
  let api: Remote<TornadoWorkerApi> | null = null;
  let pending: Pending | null = null;
  let stoppedOnPage = false;

  function stopWorker(): void {
    worker?.terminate();
    worker = null;
    api = null;
  }

  function start(): Remote<TornadoWorkerApi> | null {
    if (api) return api;
    if (typeof Worker !== 'function') return null;
    try {
      const w = new Worker(new URL('./tornado.worker.ts', import.meta.url), { type: 'module', name: 'tornado' });
      // Comlink never settles a call whose worker died: the error event ends the run instead.
      w.addEventListener('error', (e) => {
        e.preventDefault();
        stopWorker();
        pending?.fail(new Error(`the tornado worker failed: ${e.message || 'it could not start'}`));
        pending = null;
      });
      worker = w;
      api = wrap<TornadoWorkerApi>(w);
    } catch {
      stopWorker();
    }
    return api;
  }

  function cancel(): void {
    stoppedOnPage = true;
    if (!pending) return;
    pending.settle(null);
    pending = null;
    stopWorker();
  }

  async function run(req: BuyVsBuildRequest, onStep: (done: number, total: number) => void, trials = TORNADO_TRIALS): Promise<TornadoResult | null> {
    cancel();
    const remote = start();
    if (!remote) {
      stoppedOnPage = false;
      return tornadoInSlices(req, () => stoppedOnPage, onStep, trials);
    }
    return new Promise<TornadoResult | null>((resolve, reject) => {
      const mine: Pending = { settle: resolve, fail: reject };
      pending = mine;
      remote.tornado(req, trials, proxy(onStep)).then(
        (t) => {
          if (pending === mine) pending = null;
          resolve(t);
        },
        (e: unknown) => {
          if (pending === mine) pending = null;
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  return { run, cancel };
}
