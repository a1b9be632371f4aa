/**
 * The pool in a browser: module workers that Vite bundles from `sim.worker.ts`. Requests must be
 * plain data: pass Svelte state through `$state.snapshot()` first (proxies cannot be cloned).
 */
import { wrap } from 'comlink';
import { createPool, defaultPoolSize, type SimPool, type WorkerHandle } from './pool';
import type { SimWorkerApi } from './sim-api';

/** Starts one module worker running `sim.worker.ts`. */
export function spawnBrowserWorker(): WorkerHandle {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'simulation' });
  return {
    api: wrap<SimWorkerApi>(worker),
    terminate: () => worker.terminate(),
    onCrash(listener) {
      // `error` covers an uncaught exception and a module that fails to load; a message the
      // worker cannot deserialize would otherwise leave the call pending for ever.
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        listener(new Error(e.message || 'the worker script failed to load or crashed'));
      });
      worker.addEventListener('messageerror', () => listener(new Error('a message could not be deserialized')));
    },
  };
}

/** A pool of up to `size` browser workers, by default one per core, at most 8. */
export function createBrowserPool(size = defaultPoolSize(navigator.hardwareConcurrency)): SimPool {
  return createPool({ size, spawn: spawnBrowserWorker });
}
