/** Test-only worker_threads entry exposing the tiny model (and not the real ones). */
import { createSimApi, type SimWorkerApi } from '../../../workers/sim-api';
import { exposeToParent } from '../../../workers/node-expose';
import { tinyRegistry } from './tiny-model';

exposeToParent(createSimApi(tinyRegistry) satisfies SimWorkerApi);
