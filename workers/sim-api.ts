/**
 * The worker boundary: what a simulation worker does, written once. `SimWorkerApi` is derived from
 * this implementation (squoosh's worker-bridge habit), so the pool's view of a worker and the
 * worker itself cannot drift apart. Both entries (`sim.worker.ts` for browsers, `sim.node-worker.ts`
 * for worker_threads) expose `createSimApi(runners)`; tests expose it over their own models.
 *
 * Seen through Comlink (`Remote<SimWorkerApi>`) every method returns a Promise.
 */
import { transfer } from 'comlink';
import { runnerFor, type Registry, type RunSettings } from '../src/sim/contract';

/**
 * Buffers at least this large go back transferred rather than copied. Below it, copying costs less
 * than it saves, and a runner that keeps a small scratch array cannot have it detached under it.
 * Runners must return fresh arrays (as `createHistogram` per chunk does) when they are larger.
 */
export const TRANSFER_MIN_BYTES = 16 * 1024;

/**
 * The ArrayBuffers of the large typed arrays in a result (down to three levels of nesting, where
 * histograms and per-trial columns live), each only when a view spans it whole: transferring a
 * buffer that other views share would detach them too.
 */
export function transferableBuffers(value: unknown, depth = 3, out: ArrayBuffer[] = []): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    const buf = value.buffer;
    if (
      buf instanceof ArrayBuffer &&
      value.byteOffset === 0 &&
      value.byteLength === buf.byteLength &&
      buf.byteLength >= TRANSFER_MIN_BYTES &&
      !out.includes(buf)
    ) {
      out.push(buf);
    }
    return out;
  }
  if (depth === 0 || value === null || typeof value !== 'object') return out;
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) transferableBuffers(child, depth - 1, out);
  return out;
}

/** The functions a simulation worker exposes, dispatching by model name through `registry`. */
export function createSimApi(registry: Registry) {
  return {
    /** Trials [start, end) of `request` under `model`; the partial result the model's `merge` folds. */
    runChunk(model: string, request: RunSettings, start: number, end: number): unknown {
      const runner = runnerFor(registry, model);
      if (!runner) throw new Error(`Unknown simulation model "${String(model).slice(0, 80)}"`);
      const part: unknown = runner.runChunk(request, start, end);
      return transfer(part, transferableBuffers(part));
    },
    /** Liveness check: resolves once the worker has loaded its modules. */
    ping(): 'ok' {
      return 'ok';
    },
  };
}

/** The worker API, derived from the implementation above. */
export type SimWorkerApi = ReturnType<typeof createSimApi>;
