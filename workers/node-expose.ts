/**
 * Exposes a simulation API to the parent thread from a Node worker_threads worker, through
 * Comlink's node adapter (worker_threads ports speak `on('message')`, not `addEventListener`).
 */
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { SimWorkerApi } from './sim-api';

export function exposeToParent(api: SimWorkerApi): void {
  if (!parentPort) throw new Error('a simulation worker entry must run in a worker thread');
  expose(api, nodeEndpoint(parentPort));
}
