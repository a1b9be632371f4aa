/**
 * The pool with real worker_threads (the CLI's and benchmark's setting), running the test-only
 * tiny model through its own worker entry: bit-identical summaries for 1, 2 and 4 workers, and
 * cancel, supersede, throw and crash on live threads. Nothing here depends on how long things take.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runInThread } from '../../src/sim/in-thread';
import { createNodePool, runInNodePool, spawnNodeWorker } from '../../workers/node-pool';
import { createPool, isAbortError, type SimPool, type WorkerHandle } from '../../workers/pool';
import type { QueueSummary } from '../../src/sim/queue/runner';
import { queueTestRequest } from './pool-fixtures/queue-request';
import { TINY, testRegistry, tinyRegistry, tinyRequest, type TinySummary } from './pool-fixtures/tiny-model';

const ENTRY = new URL('./pool-fixtures/tiny.node-worker.ts', import.meta.url);

/** A node pool whose starts and terminations are counted. */
function countedPool(size: number) {
  const counts = { spawned: 0, terminated: 0 };
  const spawn = (): WorkerHandle => {
    const h = spawnNodeWorker(ENTRY);
    counts.spawned++;
    return {
      ...h,
      terminate: () => {
        counts.terminated++;
        h.terminate();
      },
    };
  };
  return { pool: createPool({ size, spawn, registry: tinyRegistry }), counts };
}

const pools: Array<Pick<SimPool, 'destroy'>> = [];
afterAll(() => {
  for (const p of pools) p.destroy();
});

describe('worker_threads pool', () => {
  it('gives bit-identical summaries with 1, 2 and 4 workers, equal to one thread', async () => {
    const req = tinyRequest({ trials: 6000 + 123 });
    const expected = runInThread(TINY, req, tinyRegistry);
    for (const size of [1, 2, 4]) {
      const pool = createNodePool(size, { entry: ENTRY, registry: tinyRegistry });
      pools.push(pool);
      const got = await pool.run(TINY, req);
      expect(JSON.stringify(got), `${size} workers`).toBe(JSON.stringify(expected));
      expect(got.hist.counts).toEqual(expected.hist.counts);
      pool.destroy();
    }
  });

  it('gives bit-identical queue-model summaries with 1, 2 and 4 workers (docs/method.md §0 worker-count invariance)', async () => {
    // 1,850 trials: 8 chunks with a short last one, so chunks finish out of order on several workers
    const req = queueTestRequest(1850);
    const expected = JSON.stringify(runInThread('queue', req, testRegistry));
    for (const size of [1, 2, 4]) {
      const pool = createNodePool(size, { entry: ENTRY, registry: testRegistry });
      pools.push(pool);
      const got = await pool.run('queue', req);
      expect(JSON.stringify(got), `${size} workers`).toBe(expected);
      pool.destroy();
    }
  });

  it('a first chunk split across 2 workers gives the queue model the same preview and summary as one thread', async () => {
    const req = queueTestRequest(1100);
    const pool = createNodePool(2, { entry: ENTRY, registry: testRegistry });
    pools.push(pool);
    let preview: QueueSummary | undefined;
    const got = await pool.run('queue', req, { previewTrials: 250, splitFirstChunk: true, onPreview: (s) => (preview = s) });
    expect(JSON.stringify(got)).toBe(JSON.stringify(runInThread('queue', req, testRegistry)));
    expect(JSON.stringify(preview)).toBe(JSON.stringify(runInThread('queue', { ...req, trials: 250 }, testRegistry)));
    pool.destroy();
  });

  it('a 64-trial preview slice split over 1, 2 and 3 workers gives the queue model the same preview as a 64-trial run and the same summary as one thread', async () => {
    const req = queueTestRequest(600);
    const expected = JSON.stringify(runInThread('queue', req, testRegistry));
    const expectedPreview = JSON.stringify(runInThread('queue', { ...req, trials: 64 }, testRegistry));
    for (const size of [1, 2, 3]) {
      const pool = createNodePool(size, { entry: ENTRY, registry: testRegistry });
      pools.push(pool);
      const previews: QueueSummary[] = [];
      const got = await pool.run('queue', req, { previewTrials: 64, splitFirstChunk: true, onPreview: (s) => previews.push(s) });
      expect(JSON.stringify(got), `${size} workers`).toBe(expected);
      expect(previews).toHaveLength(1);
      expect(JSON.stringify(previews[0]), `${size} workers`).toBe(expectedPreview);
      pool.destroy();
    }
  });

  it('previews the first 1000 trials exactly as a 1000-trial run would summarize them', async () => {
    const { pool } = countedPool(2);
    pools.push(pool);
    const req = tinyRequest({ trials: 5000 });
    let preview: TinySummary | undefined;
    const final = await pool.run(TINY, req, { onPreview: (s) => (preview = s) });
    expect(preview).toEqual(runInThread(TINY, { ...req, trials: 1000 }, tinyRegistry));
    expect(final).toEqual(runInThread(TINY, req, tinyRegistry));
  });

  it('cancel stops a chunk that would never finish, and the pool runs again after', async () => {
    const { pool, counts } = countedPool(2);
    pools.push(pool);
    const hung = pool.run(TINY, tinyRequest({ hangAtTrial: 10 }), {
      // the first report comes from the other worker's chunk; the hung one never reports
      onProgress: () => pool.cancel(),
    });
    await expect(hung).rejects.toSatisfy(isAbortError);
    expect(counts.terminated).toBe(1); // the worker stuck in chunk 0
    const req = tinyRequest({ trials: 1000 });
    expect(await pool.run(TINY, req)).toEqual(runInThread(TINY, req, tinyRegistry));
    expect(counts.spawned).toBe(3);
  });

  it('a newer run supersedes one stuck in a chunk', async () => {
    const { pool } = countedPool(1);
    pools.push(pool);
    const stuck = pool.run(TINY, tinyRequest({ hangAtTrial: 0 }));
    const req = tinyRequest({ seed: 99, trials: 700 });
    const latest = pool.run(TINY, req);
    await expect(stuck).rejects.toMatchObject({ name: 'AbortError', message: 'Superseded by a newer run' });
    expect(await latest).toEqual(runInThread(TINY, req, tinyRegistry));
  });

  it('a chunk that throws gives the clear error, and the next run succeeds', async () => {
    const { pool, counts } = countedPool(2);
    pools.push(pool);
    await expect(pool.run(TINY, tinyRequest({ trials: 5000, throwAtTrial: 3001 }))).rejects.toThrow(
      'Simulation worker failed: tiny model refused trial 3001 (chunk 12, trials 3000–3249)',
    );
    expect(counts.terminated).toBeGreaterThanOrEqual(1);
    const req = tinyRequest({ trials: 1200 });
    expect(await pool.run(TINY, req)).toEqual(runInThread(TINY, req, tinyRegistry));
  });

  it('a worker thread that exits mid-chunk gives the clear error, and the pool recovers', async () => {
    const { pool } = countedPool(2);
    pools.push(pool);
    await expect(pool.run(TINY, tinyRequest({ exitAtTrial: 520 }))).rejects.toThrow(
      'Simulation worker failed: the worker thread exited (code 3) (chunk 2, trials 500–749)',
    );
    const req = tinyRequest({ trials: 900 });
    expect(await pool.run(TINY, req)).toEqual(runInThread(TINY, req, tinyRegistry));
  });

  it('warm() starts every worker once; a run after it starts none', async () => {
    const { pool, counts } = countedPool(2);
    pools.push(pool);
    await pool.warm();
    expect(counts.spawned).toBe(2);
    await pool.run(TINY, tinyRequest({ trials: 1000 }));
    expect(counts.spawned).toBe(2);
  });

  it('a worker script that cannot load gives a clear error from warm() and from run()', async () => {
    const missing = new URL('./pool-fixtures/no-such-worker.ts', import.meta.url);
    const pool = createNodePool(1, { entry: missing, registry: tinyRegistry });
    pools.push(pool);
    await expect(pool.warm()).rejects.toThrow(/^Simulation worker failed to start: .*no-such-worker/);
    await expect(pool.run(TINY, tinyRequest())).rejects.toThrow(/^Simulation worker failed: .*no-such-worker.* \(chunk 0, trials 0–249\)$/);
  });

  it('runInNodePool reports progress up to the total and leaves no worker behind', async () => {
    const req = tinyRequest({ trials: 2000 });
    const done: number[] = [];
    const s = await runInNodePool(TINY, req, {
      workers: 2,
      entry: ENTRY,
      registry: tinyRegistry,
      onProgress: (p) => done.push(p.done),
    });
    expect(s).toEqual(runInThread(TINY, req, tinyRegistry));
    expect(done.at(-1)).toBe(2000);
    expect([...done].sort((a, b) => a - b)).toEqual(done);
  });
});
