/**
 * The pool's scheduling with scripted fake workers: the test decides when, in what order and how
 * each chunk finishes, so ordering, throttling, cancel and failure paths are checked exactly,
 * without threads or timing.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHUNK_TRIALS, type RunSettings } from '../../src/sim/contract';
import { runInThread } from '../../src/sim/in-thread';
import { createPool, isAbortError, SimWorkerError, type PoolOptions, type WorkerHandle } from '../../workers/pool';
import { TINY, tinyRegistry, tinyRequest, tinyRunner, type TinyRequest, type TinySummary } from './pool-fixtures/tiny-model';

interface Call {
  handle: FakeHandle;
  request: TinyRequest;
  start: number;
  end: number;
  /** finishes the chunk with the tiny model's real result (structured-cloned, as a worker's would be) */
  complete(): void;
  fail(error: unknown): void;
}

interface FakeHandle extends WorkerHandle {
  id: number;
  terminated: boolean;
  crash(error: Error): void;
}

/** Workers that never compute on their own: `pending` lists the chunks they were handed. */
function fakeWorkers() {
  const pending: Call[] = [];
  /** every chunk ever handed out */
  const all: Call[] = [];
  const handles: FakeHandle[] = [];
  const spawn = (): FakeHandle => {
    let crashListener: (e: Error) => void = () => {};
    const handle: FakeHandle = {
      id: handles.length,
      terminated: false,
      api: {
        runChunk: (_model: string, request: RunSettings, start: number, end: number) =>
          new Promise((resolve, reject) => {
            const call: Call = {
              handle,
              request: request as TinyRequest,
              start,
              end,
              complete: () => {
                pending.splice(pending.indexOf(call), 1);
                resolve(structuredClone(tinyRunner.runChunk(call.request, start, end)));
              },
              fail: (error) => {
                pending.splice(pending.indexOf(call), 1);
                reject(error);
              },
            };
            pending.push(call);
            all.push(call);
          }),
        ping: async () => 'ok' as const,
      } as unknown as WorkerHandle['api'],
      terminate: () => {
        handle.terminated = true;
      },
      onCrash: (listener) => {
        crashListener = listener;
      },
      crash: (e) => crashListener(e),
    };
    handles.push(handle);
    return handle;
  };
  return { pending, all, handles, spawn };
}

/** Lets promise callbacks (the pool's bookkeeping) run. */
const settle = () => new Promise<void>((r) => setImmediate(r));

async function drain(pending: Call[], pick: (n: number) => number = () => 0): Promise<void> {
  await settle();
  while (pending.length) {
    pending[pick(pending.length)].complete();
    await settle();
  }
}

function pool(size: number, fakes: ReturnType<typeof fakeWorkers>, extra: Partial<PoolOptions<typeof tinyRegistry>> = {}) {
  return createPool({ size, spawn: fakes.spawn, registry: tinyRegistry, ...extra });
}

describe('pool scheduling', () => {
  it('merges in chunk order whatever order chunks finish in (bit-identical to one thread)', async () => {
    const req = tinyRequest({ trials: 12 * CHUNK_TRIALS + 99 });
    const expected = runInThread(TINY, req, tinyRegistry);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 13, maxLength: 13 }), async (size, picks) => {
        const fakes = fakeWorkers();
        const p = pool(size, fakes).run(TINY, req);
        let k = 0;
        await drain(fakes.pending, (n) => picks[k++ % picks.length] % n);
        expect(await p).toEqual(expected);
        expect(fakes.handles.length).toBeLessThanOrEqual(size);
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('keeps at most 4 chunks per worker ahead of a chunk that is late', async () => {
    const fakes = fakeWorkers();
    const run = pool(2, fakes).run(TINY, tinyRequest({ trials: 40 * CHUNK_TRIALS }));
    await settle();
    const late = fakes.pending.find((c) => c.start === 0)!;
    while (fakes.pending.some((c) => c !== late)) {
      fakes.pending.find((c) => c !== late)!.complete();
      await settle();
    }
    // chunks 0..7 went out (a window of 2 workers × 4), then the pool waits for chunk 0
    expect(fakes.all.map((c) => c.start / CHUNK_TRIALS)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(fakes.pending).toEqual([late]);
    late.complete();
    await drain(fakes.pending);
    await expect(run).resolves.toBeTruthy();
  });

  it('reports progress at most every 100 ms of its clock, and always the final count', async () => {
    const fakes = fakeWorkers();
    let clock = 0;
    const reports: Array<{ done: number; at: number }> = [];
    const req = tinyRequest({ trials: 20 * CHUNK_TRIALS });
    const run = pool(2, fakes, { now: () => clock }).run(TINY, req, {
      onProgress: (p) => reports.push({ done: p.done, at: clock }),
    });
    await settle();
    while (fakes.pending.length) {
      clock += 30;
      fakes.pending[0].complete();
      await settle();
    }
    await run;
    expect(reports.at(-1)!.done).toBe(req.trials);
    expect(reports[0].done).toBe(CHUNK_TRIALS);
    for (let i = 1; i < reports.length - 1; i++) expect(reports[i].at - reports[i - 1].at).toBeGreaterThanOrEqual(100);
    expect(reports.length).toBe(6); // 20 chunks, 30 ms apart: at 30, 150, 270, 390, 510 ms and the last
  });

  it('previews exactly the first previewTrials trials, once, and later merges do not alter it', async () => {
    const fakes = fakeWorkers();
    const req = tinyRequest({ trials: 4000 });
    const previews: Array<{ s: TinySummary; n: number }> = [];
    const run = pool(3, fakes).run(TINY, req, { onPreview: (s, n) => previews.push({ s, n }) });
    await drain(fakes.pending, (n) => n - 1); // finish the newest first: chunks arrive out of order
    const final = await run;
    const expected = runInThread(TINY, { ...req, trials: 1000 }, tinyRegistry);
    expect(previews).toHaveLength(1);
    expect(previews[0].n).toBe(1000);
    expect(previews[0].s).toEqual(expected);
    expect(previews[0].s.hist.n).toBe(1000);
    expect(final.hist.n).toBe(4000);
  });

  it('splitFirstChunk hands the first chunk out in parts, one per worker, and folds them in trial order before the preview', async () => {
    const fakes = fakeWorkers();
    const req = tinyRequest({ trials: 3 * CHUNK_TRIALS + 10 });
    const previews: Array<{ s: TinySummary; n: number }> = [];
    const run = pool(3, fakes).run(TINY, req, { previewTrials: CHUNK_TRIALS, splitFirstChunk: true, onPreview: (s, n) => previews.push({ s, n }) });
    await settle();
    // three workers, three parts of chunk 0 in trial order; chunk 1 waits for a free worker
    expect(fakes.pending.map((c) => [c.start, c.end])).toEqual([
      [0, 83],
      [83, 166],
      [166, 250],
    ]);
    fakes.pending[2].complete();
    fakes.pending[0].complete();
    await settle();
    expect(previews).toHaveLength(0); // not before every part is in
    await drain(fakes.pending, (n) => n - 1);
    const final = await run;
    expect(previews).toHaveLength(1);
    expect(previews[0].n).toBe(CHUNK_TRIALS);
    // The integer histogram is the same; the tiny model's float sum is not (its last bits follow the
    // fold order), which is why only models with integer partials (the queue) ask for a split.
    const one = runInThread(TINY, { ...req, trials: CHUNK_TRIALS }, tinyRegistry);
    expect(previews[0].s.hist).toEqual(one.hist);
    expect([previews[0].s.p10, previews[0].s.p50, previews[0].s.p90]).toEqual([one.p10, one.p50, one.p90]);
    expect(final.hist).toEqual(runInThread(TINY, req, tinyRegistry).hist);
    expect(fakes.all.slice(3).map((c) => c.start / CHUNK_TRIALS)).toEqual([1, 2, 3]);
  });

  it('with previewTrials below a chunk, splits that slice first, previews it once when its parts are in, then splits the rest', async () => {
    for (const size of [1, 2, 3]) {
      const fakes = fakeWorkers();
      const req = tinyRequest({ trials: 2 * CHUNK_TRIALS + 7 });
      const previews: Array<{ s: TinySummary; n: number }> = [];
      const run = pool(size, fakes).run(TINY, req, { previewTrials: 64, splitFirstChunk: true, onPreview: (s, n) => previews.push({ s, n }) });
      await settle();
      const slice = fakes.pending.map((c) => [c.start, c.end]);
      // the preview slice [0, 64) is what the workers get first, in trial order
      expect(slice[0][0]).toBe(0);
      expect(slice.at(-1)![1]).toBe(64);
      expect(slice).toHaveLength(size);
      // its last part in: still no preview until the first part is in too (folded in trial order)
      if (size > 1) {
        fakes.pending.at(-1)!.complete();
        await settle();
        expect(previews).toHaveLength(0);
      }
      fakes.pending.find((c) => c.start === 0)!.complete();
      await settle();
      while (fakes.pending.some((c) => c.end <= 64)) {
        fakes.pending.find((c) => c.end <= 64)!.complete();
        await settle();
      }
      expect(previews.map((p) => p.n)).toEqual([64]);
      const one = runInThread(TINY, { ...req, trials: 64 }, tinyRegistry);
      expect(previews[0].s.hist).toEqual(one.hist);
      // then the rest of the first chunk, split the same way, before chunk 1
      expect(fakes.pending.map((c) => c.start).sort((a, b) => a - b)[0]).toBe(64);
      await drain(fakes.pending, (n) => n - 1);
      const final = await run;
      expect(previews).toHaveLength(1);
      expect(final.hist).toEqual(runInThread(TINY, req, tinyRegistry).hist);
      const firstChunk = fakes.all.filter((c) => c.end <= CHUNK_TRIALS).map((c) => [c.start, c.end]);
      expect(firstChunk.length).toBe(2 * size);
      expect(firstChunk.flat()).toEqual([...firstChunk.flat()].sort((a, b) => a - b)); // contiguous, in trial order
    }
  });

  it('a background run is superseded by a run someone asked for; its workers finish their piece and are kept', async () => {
    const fakes = fakeWorkers();
    const p = pool(2, fakes);
    const warm = p.run(TINY, tinyRequest({ trials: 32 }), { splitFirstChunk: true, background: true });
    await settle();
    expect(fakes.pending.map((c) => [c.start, c.end])).toEqual([
      [0, 16],
      [16, 32],
    ]);
    const pieces = [...fakes.pending];
    const req = tinyRequest({ seed: 5, trials: 3 * CHUNK_TRIALS });
    const real = p.run(TINY, req);
    await expect(warm).rejects.toSatisfy(isAbortError);
    await settle();
    // both workers still busy with the warm-up: the real run waits for them rather than killing them
    expect(fakes.handles.map((h) => h.terminated)).toEqual([false, false]);
    expect(fakes.pending).toEqual(pieces);
    pieces[1].complete();
    await settle();
    expect(fakes.pending.filter((c) => c.request.seed === 5).map((c) => [c.handle.id, c.start])).toEqual([[1, 0]]);
    pieces[0].complete();
    await drain(fakes.pending);
    expect(await real).toEqual(runInThread(TINY, req, tinyRegistry));
    expect(fakes.handles).toHaveLength(2);
    expect(fakes.handles.some((h) => h.terminated)).toBe(false);
  });

  it('a background run never supersedes a run someone asked for', async () => {
    const fakes = fakeWorkers();
    const p = pool(2, fakes);
    const req = tinyRequest({ trials: 2 * CHUNK_TRIALS });
    const real = p.run(TINY, req);
    await expect(p.run(TINY, tinyRequest({ trials: 32 }), { background: true })).rejects.toSatisfy(isAbortError);
    await drain(fakes.pending);
    expect(await real).toEqual(runInThread(TINY, req, tinyRegistry));
    // once nothing runs, a background run goes
    const warm = p.run(TINY, tinyRequest({ trials: 32 }), { background: true });
    await drain(fakes.pending);
    await expect(warm).resolves.toBeTruthy();
  });

  it('rounds a preview up to whole chunks and skips it when it would be the whole run', async () => {
    const fakes = fakeWorkers();
    const seen: number[] = [];
    const p1 = pool(2, fakes).run(TINY, tinyRequest({ trials: 2000 }), { previewTrials: 600, onPreview: (_s, n) => seen.push(n) });
    await drain(fakes.pending);
    await p1;
    const p2 = pool(2, fakes).run(TINY, tinyRequest({ trials: 1000 }), { onPreview: (_s, n) => seen.push(n) });
    await drain(fakes.pending);
    await p2;
    expect(seen).toEqual([750]);
  });

  it('cancel rejects with an AbortError at once, terminates the busy workers only, and the pool works after', async () => {
    const fakes = fakeWorkers();
    const p = pool(3, fakes);
    const req = tinyRequest({ trials: 2 * CHUNK_TRIALS });
    const first = p.run(TINY, req);
    await settle();
    fakes.pending[0].complete(); // one worker idle again, one still busy
    await settle();
    p.cancel();
    await expect(first).rejects.toMatchObject({ name: 'AbortError', message: 'Simulation cancelled' });
    expect(fakes.handles.map((h) => h.terminated)).toEqual([false, true]);
    fakes.pending.splice(0); // the terminated worker never answers

    const again = p.run(TINY, req);
    await drain(fakes.pending);
    expect(await again).toEqual(runInThread(TINY, req, tinyRegistry));
    expect(fakes.handles).toHaveLength(3); // the idle worker was reused, one new one started
  });

  it('an AbortSignal cancels like cancel(), also from inside a progress callback', async () => {
    const fakes = fakeWorkers();
    const p = pool(2, fakes);
    const ac = new AbortController();
    const run = p.run(TINY, tinyRequest(), { signal: ac.signal, onProgress: () => ac.abort() });
    await settle();
    fakes.pending[0].complete();
    await expect(run).rejects.toSatisfy(isAbortError);
    expect(fakes.handles.filter((h) => h.terminated)).toHaveLength(1);
    const pre = new AbortController();
    pre.abort();
    await expect(p.run(TINY, tinyRequest(), { signal: pre.signal })).rejects.toSatisfy(isAbortError);
  });

  it('a new run supersedes the running one; late answers of the old run are ignored', async () => {
    const fakes = fakeWorkers();
    const p = pool(2, fakes);
    const old = p.run(TINY, tinyRequest({ seed: 1 }));
    await settle();
    const oldCalls = [...fakes.pending];
    const req = tinyRequest({ seed: 2, trials: 1500 });
    const latest = p.run(TINY, req);
    await expect(old).rejects.toMatchObject({ name: 'AbortError', message: 'Superseded by a newer run' });
    for (const c of oldCalls) c.complete();
    await drain(fakes.pending);
    expect(await latest).toEqual(runInThread(TINY, req, tinyRegistry));
  });

  it('a chunk that throws rejects the run with the chunk and trials, replaces that worker, and the next run succeeds', async () => {
    const fakes = fakeWorkers();
    const p = pool(2, fakes);
    const run = p.run(TINY, tinyRequest({ trials: 5000 }));
    await settle();
    while (!fakes.pending.some((c) => c.start === 3000)) {
      fakes.pending.find((c) => c.start !== 3000)!.complete();
      await settle();
    }
    const bad = fakes.pending.find((c) => c.start === 3000)!;
    bad.fail(new Error('boom'));
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimWorkerError);
    expect((error as Error).message).toBe('Simulation worker failed: boom (chunk 12, trials 3000–3249)');
    expect(error).toMatchObject({ chunk: 12, start: 3000, end: 3250, detail: 'boom' });
    expect(bad.handle.terminated).toBe(true);
    fakes.pending.splice(0);

    const req = tinyRequest({ trials: 800 });
    const next = p.run(TINY, req);
    await drain(fakes.pending);
    expect(await next).toEqual(runInThread(TINY, req, tinyRegistry));
    expect(fakes.handles.filter((h) => !h.terminated)).toHaveLength(2);
  });

  it('a worker that dies mid-chunk fails the run with its message, and the pool recovers', async () => {
    const fakes = fakeWorkers();
    const p = pool(2, fakes);
    const run = p.run(TINY, tinyRequest({ trials: 1000 }));
    await settle();
    const victim = fakes.pending[1];
    victim.handle.crash(new Error('the worker thread exited (code 3)'));
    await expect(run).rejects.toThrow('Simulation worker failed: the worker thread exited (code 3) (chunk 1, trials 250–499)');
    fakes.pending.splice(0);
    const next = p.run(TINY, tinyRequest({ trials: 500 }));
    await drain(fakes.pending);
    await expect(next).resolves.toBeTruthy();
  });

  it('refuses unknown models, bad trial counts and a worker that cannot start, with clear messages', async () => {
    const fakes = fakeWorkers();
    // @ts-expect-error -- the tiny registry has no such model: the typed map refuses it at compile time too
    await expect(pool(2, fakes).run('buy-vs-build', tinyRequest())).rejects.toThrow('Unknown simulation model "buy-vs-build"');
    // @ts-expect-error -- names of Object.prototype members are not models (looked up with Object.hasOwn)
    await expect(pool(2, fakes).run('constructor', tinyRequest())).rejects.toThrow('Unknown simulation model "constructor"');
    await expect(pool(2, fakes).run(TINY, tinyRequest({ trials: 0 }))).rejects.toThrow('trials: must be a whole number');
    await expect(pool(2, fakes).run(TINY, tinyRequest({ trials: 1e9 }))).rejects.toThrow('trials: must be a whole number');
    const broken = createPool({
      size: 2,
      registry: tinyRegistry,
      spawn: () => {
        throw new Error('no Worker here');
      },
    });
    await expect(broken.run(TINY, tinyRequest())).rejects.toThrow(
      'Simulation worker failed: could not start a worker: no Worker here (chunk 0, trials 0–249)',
    );
  });

  it('destroy terminates every worker and refuses later runs', async () => {
    const fakes = fakeWorkers();
    const p = pool(2, fakes);
    const run = p.run(TINY, tinyRequest());
    await settle();
    p.destroy();
    await expect(run).rejects.toSatisfy(isAbortError);
    expect(fakes.handles.every((h) => h.terminated)).toBe(true);
    await expect(p.run(TINY, tinyRequest())).rejects.toThrow('destroyed');
  });
});
