/**
 * The Grid queue tab's warm-up (QueueState.warmUp) on a scripted pool: small background pieces over
 * several engines (so the JIT has seen more than one before the user's first run), and it stops for
 * good once a run someone asked for has started.
 */
import { describe, expect, it } from 'vitest';
import { WARM_PIECE_TRIALS, WARM_PIECES } from '../../src/state/queue-state.svelte';
import { appState, settle } from './state-test-utils';

type Req = { trials: number; projectMW: number; presetId: string };

describe('QueueState.warmUp', () => {
  it('runs small background pieces of the ERCOT preset, taking turns over several MW', async () => {
    const { scn, runs } = await appState();
    const done = scn.queue.warmUp();
    for (let k = 0; k < WARM_PIECES; k++) {
      await settle();
      expect(runs).toHaveLength(k + 1);
      runs[k].resolve({ piece: k });
    }
    // the last piece's summary: the app draws its charts off the page with it
    expect(await done).toEqual({ piece: WARM_PIECES - 1 });
    expect(runs.every((r) => (r.opts as { background?: boolean }).background === true)).toBe(true);
    const reqs = runs.map((r) => r.request as Req);
    expect(reqs.every((r) => r.trials === WARM_PIECE_TRIALS * 2 && r.presetId === 'ercot-large-load')).toBe(true);
    expect(new Set(reqs.map((r) => r.projectMW)).size).toBeGreaterThanOrEqual(3);
    expect(reqs.some((r) => !Number.isInteger(r.projectMW))).toBe(true);
  });

  it('stops once the user runs the queue: no warm-up piece after the user’s run', async () => {
    const { scn, runs, sites } = await appState();
    const done = scn.queue.warmUp();
    await settle();
    runs[0].resolve({});
    await settle();
    expect(runs).toHaveLength(2);
    const user = scn.queue.start(sites.ref('riot-rockdale')!);
    await settle();
    expect(await done).toBeNull(); // the scripted pool rejected the piece the user's run superseded
    expect(runs).toHaveLength(3);
    expect((runs[2].opts as { background?: boolean }).background).toBeUndefined();
    runs[2].reject(Object.assign(new Error('x'), { name: 'AbortError' }));
    await user;
    await settle();
    expect(runs).toHaveLength(3);
  });
});
