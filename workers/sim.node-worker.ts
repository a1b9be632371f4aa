/**
 * Node worker_threads entry of a simulation worker (CLI and benchmark). Node 20 cannot load
 * TypeScript itself: `node-pool.ts` starts it with tsx's loader in `execArgv`.
 */
import { runners } from '../src/sim/models';
import { createSimApi, type SimWorkerApi } from './sim-api';
import { exposeToParent } from './node-expose';

exposeToParent(createSimApi(runners) satisfies SimWorkerApi);
