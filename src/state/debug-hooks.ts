/**
 * A read-only handle for browser tests and for checking a run by hand in the console: run the
 * queue model with a pool of a given size and get its percentiles back. It lets a test show that
 * 1, 2 and 4 browser workers give bit-identical numbers (docs/method.md §0) on the built app itself.
 */
import { createBrowserPool } from '../../workers/browser-pool';
import type { QueueRequest } from '../sim/queue/params';
import type { QueueSummary } from '../sim/queue/summary';

export interface SitingDebug {
  runQueue(workers: number, request: QueueRequest): Promise<QueueSummary['timeToPower']>;
}

export function installDebugHooks(): void {
  const debug: SitingDebug = {
    async runQueue(workers, request) {
      const pool = createBrowserPool(workers);
      try {
        return (await pool.run('queue', request)).timeToPower;
      } finally {
        pool.destroy();
      }
    },
  };
  (globalThis as unknown as { __sitingDebug?: SitingDebug }).__sitingDebug = debug;
}
