/**
 * Browser entry of a simulation worker (bundled by Vite from `browser-pool.ts`). Thin on purpose:
 * everything it does is in `sim-api.ts`, shared with the Node entry.
 */
import { expose } from 'comlink';
import { runners } from '../src/sim/models';
import { createSimApi, type SimWorkerApi } from './sim-api';

const api = createSimApi(runners) satisfies SimWorkerApi;
expose(api);
