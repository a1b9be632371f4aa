/**
 * Test-only worker_threads entry: the tiny model plus the real queue runner, registered here rather
 * than in src/ so the tests do not depend on what the app's registry holds.
 */
import { createSimApi, type SimWorkerApi } from '../../../workers/sim-api';
import { exposeToParent } from '../../../workers/node-expose';
import { testRegistry } from './tiny-model';

exposeToParent(createSimApi(testRegistry) satisfies SimWorkerApi);
