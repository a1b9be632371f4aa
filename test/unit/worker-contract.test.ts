/**
 * The worker contract in one thread over a MessageChannel (comlink's tests/same_window habit):
 * what crosses the boundary, how errors cross it, and which buffers are transferred.
 */
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { expose, wrap, type Remote } from 'comlink';
import { CHUNK_TRIALS } from '../../src/sim/contract';
import { createInThreadRunner, runInThread } from '../../src/sim/in-thread';
import { createPool, type SimPool, type WorkerHandle } from '../../workers/pool';
import type { QueueRequest } from '../../src/sim/queue/runner';
import type { CurtailableQueueSummary } from '../../src/sim/curtailment/runner';
import type { BuyVsBuildSummary } from '../../src/sim/buy-vs-build/runner';
import type { AbsorptionSummary } from '../../src/sim/absorption/runner';
import type { TornadoResult } from '../../src/sim/buy-vs-build/tornado';
import { createSimApi, TRANSFER_MIN_BYTES, transferableBuffers, type SimWorkerApi } from '../../workers/sim-api';
import { lastReturned, TINY, tinyRegistry, tinyRequest, tinyRunner, type TinySummary } from './pool-fixtures/tiny-model';

const open: MessagePort[] = [];

/** A "worker" on this thread: the API exposed on one end of a channel, wrapped on the other. */
function sameThreadHandle(): WorkerHandle {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  expose(createSimApi(tinyRegistry), port1);
  return {
    api: wrap<SimWorkerApi>(port2),
    terminate: () => {
      port1.close();
      port2.close();
    },
    onCrash: () => {},
  };
}

afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

describe('SimWorkerApi over a MessageChannel', () => {
  it('answers ping and returns what the runner computes for a chunk', async () => {
    const { api } = sameThreadHandle();
    expect(await api.ping()).toBe('ok');
    const req = tinyRequest();
    const remote = await api.runChunk(TINY, req, 250, 500);
    expect(remote).toEqual(tinyRunner.runChunk(req, 250, 500));
  });

  it('rejects with the runner’s own message when a chunk throws', async () => {
    const { api } = sameThreadHandle();
    await expect(api.runChunk(TINY, tinyRequest({ throwAtTrial: 260 }), 250, 500)).rejects.toThrow(
      'tiny model refused trial 260',
    );
  });

  it('rejects a model the worker does not know, by name', async () => {
    const { api } = sameThreadHandle();
    await expect(api.runChunk('absorption', tinyRequest(), 0, 10)).rejects.toThrow('Unknown simulation model "absorption"');
  });

  it('transfers large result buffers (detached on the sending side) and copies small ones', async () => {
    const { api } = sameThreadHandle();
    const received = (await api.runChunk(TINY, tinyRequest({ big: true }), 0, 250)) as { big: Float64Array; hist: { counts: Uint32Array } };
    const sent = lastReturned.part!;
    expect(sent.big!.buffer.byteLength).toBe(0); // detached: it moved, it was not copied
    expect(received.big.length).toBe(8192);
    expect(received.big[0]).toBe(0);
    // the histogram (480 × 4 bytes) stays below the threshold and is copied
    expect(sent.hist.counts.byteLength).toBeLessThan(TRANSFER_MIN_BYTES);
    expect(sent.hist.counts.buffer.byteLength).toBe(sent.hist.counts.byteLength);
    expect(received.hist.counts).toEqual(sent.hist.counts);
  });

  it('never transfers a buffer that a partial view shares with other data', () => {
    const shared = new Float64Array(4096);
    expect(transferableBuffers({ a: shared.subarray(0, 2048) })).toEqual([]);
    expect(transferableBuffers({ a: shared, b: [shared] })).toEqual([shared.buffer]);
  });

  it('types every method as a Promise across the boundary', () => {
    expectTypeOf<Remote<SimWorkerApi>['ping']>().returns.toEqualTypeOf<Promise<'ok'>>();
    expectTypeOf<Remote<SimWorkerApi>['runChunk']>().returns.toEqualTypeOf<Promise<unknown>>();
    // the in-thread runner is a drop-in for the pool
    expectTypeOf(createInThreadRunner(tinyRegistry)).toExtend<SimPool<typeof tinyRegistry>>();
    // the typed model map: run('queue', …) resolves with the queue summary (with curtailment when asked), no cast
    expectTypeOf<Awaited<ReturnType<typeof queueRun>>>().toEqualTypeOf<CurtailableQueueSummary>();
  });
});

/** Only its type is read: the pool's `run` typed by the model map. */
const queueRun = (pool: SimPool, req: QueueRequest) => pool.run('queue', req);

describe('the pool over same-thread channels', () => {
  it('gives the in-thread summary for 1 and 3 channel "workers"', async () => {
    const req = tinyRequest({ trials: 10 * CHUNK_TRIALS + 17 });
    const expected = runInThread(TINY, req, tinyRegistry);
    for (const size of [1, 3]) {
      const pool = createPool({ size, spawn: sameThreadHandle, registry: tinyRegistry });
      expect(await pool.run(TINY, req)).toEqual(expected);
      pool.destroy();
    }
  });

  it('in-thread runner: same summary, preview and cancel at a chunk boundary', async () => {
    const req = tinyRequest();
    const runner = createInThreadRunner(tinyRegistry);
    const previews: TinySummary[] = [];
    const s = await runner.run(TINY, req, { onPreview: (p) => previews.push(p) });
    expect(s).toEqual(runInThread(TINY, req, tinyRegistry));
    expect(previews).toEqual([runInThread(TINY, { ...req, trials: 1000 }, tinyRegistry)]);

    const ac = new AbortController();
    const cancelled = runner.run(TINY, req, { signal: ac.signal, onProgress: () => ac.abort() });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
  });
});
