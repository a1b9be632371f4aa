/**
 * Browser entry of the queue-file worker: reading, fitting and querying a user's queue file off the
 * page's thread. Thin on purpose: everything it does is in src/files/queue-file-api.ts.
 */
import { expose } from 'comlink';
import { createQueueFileApi, type QueueFileApi } from '../src/files/queue-file-api';

const api = createQueueFileApi() satisfies QueueFileApi;
expose(api);
