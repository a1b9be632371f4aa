/**
 * Starts the queue-file worker in a browser. One worker holds one file's records; cancelling a load
 * terminates it (a parse is one long synchronous loop that cannot hear a cancel message), and the
 * next load starts a fresh one.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { QueueFileApi } from '../src/files/queue-file-api';

export interface QueueFileWorker {
  api: Remote<QueueFileApi>;
  terminate(): void;
}

export function spawnQueueFileWorker(): QueueFileWorker {
  const worker = new Worker(new URL('./queue-file.worker.ts', import.meta.url), { type: 'module', name: 'queue file' });
  return { api: wrap<QueueFileApi>(worker), terminate: () => worker.terminate() };
}

/** A progress callback the worker can call across the boundary. */
export const progressCallback = (f: (share: number) => void) => proxy(f);
