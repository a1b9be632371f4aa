/**
 * The pool in Node (CLI, benchmark, tests): worker_threads running `sim.node-worker.ts` under tsx's
 * loader, since Node 20 cannot load TypeScript by itself.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Registry, RequestOfRunner, SummaryOfRunner } from '../src/sim/contract';
import type { DefaultRegistry } from '../src/sim/models';
import { createPool, defaultPoolSize, type RunOptions, type SimPool, type WorkerHandle } from './pool';
import type { SimWorkerApi } from './sim-api';

/** The default worker script: the real models. Tests pass their own entry that exposes test models. */
export const SIM_NODE_WORKER = new URL('./sim.node-worker.ts', import.meta.url);

// Node 20 does not apply hooks that `execArgv: ['--import', 'tsx']` registers to a worker's own
// entry (it fails with ERR_UNKNOWN_FILE_EXTENSION for .ts; checked on 20.20), so each worker
// starts from a small eval'd script that registers tsx through its API, then imports the entry.
// The API's URL is absolute so the working directory of the process does not matter.
const TSX_ESM_API = new URL('./dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;

function bootstrap(entry: URL): string {
  return `import(${JSON.stringify(TSX_ESM_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
}

/** Starts one worker thread running `entry` (a worker script that calls `exposeToParent`). */
export function spawnNodeWorker(entry: URL = SIM_NODE_WORKER): WorkerHandle {
  // execArgv [] so loader flags of the parent (tsx's own, Vitest's) are not inherited twice.
  const worker = new Worker(bootstrap(entry), { eval: true, execArgv: [] });
  let expectedExit = false;
  return {
    api: wrap<SimWorkerApi>(nodeEndpoint(worker)),
    terminate: () => {
      expectedExit = true;
      void worker.terminate();
    },
    onCrash(listener) {
      worker.on('error', (e) => listener(e instanceof Error ? e : new Error(String(e))));
      worker.on('exit', (code) => {
        if (!expectedExit) listener(new Error(`the worker thread exited (code ${code})`));
      });
    },
  };
}

export interface NodePoolOptions<R extends Registry = DefaultRegistry> {
  /** worker script exposing `createSimApi(...)`; default `SIM_NODE_WORKER` */
  entry?: URL;
  /** runners for merge and summarize on this thread; must match the entry's models */
  registry?: R;
}

/** A pool of up to `size` worker threads (default one per core, at most 8). Call `destroy()` when done. */
export function createNodePool<R extends Registry = DefaultRegistry>(size = defaultPoolSize(availableParallelism()), options: NodePoolOptions<R> = {}): SimPool<R> {
  const entry = options.entry ?? SIM_NODE_WORKER;
  return createPool<R>({ size, spawn: () => spawnNodeWorker(entry), registry: options.registry });
}

export interface NodeRunOptions<R extends Registry, Sum> extends NodePoolOptions<R>, RunOptions<Sum> {
  /** number of worker threads; default one per core, at most 8 */
  workers?: number;
}

/** One run in a fresh pool whose workers are terminated afterwards, so the process can exit. */
export async function runInNodePool<R extends Registry = DefaultRegistry, K extends keyof R & string = keyof R & string>(
  model: K,
  request: RequestOfRunner<R[K]>,
  opts: NodeRunOptions<R, SummaryOfRunner<R[K]>> = {},
): Promise<SummaryOfRunner<R[K]>> {
  const { workers, entry, registry, ...runOpts } = opts;
  const pool = createNodePool<R>(workers, { entry, registry });
  try {
    return await pool.run(model, request, runOpts);
  } finally {
    pool.destroy();
  }
}
