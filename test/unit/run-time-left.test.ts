/** A running run says how long it has left, from the pace of its current step (Run all: "about 40 s left"). */
import { describe, expect, it } from 'vitest';
import { RunLifecycle } from '../../src/state/run.svelte';

describe('time left of a run', () => {
  it('projects the pace so far onto what is left, and starts over on a new step', () => {
    let t = 1000;
    const run = new RunLifecycle<null, number>(() => t);
    const token = run.start(null, 42);
    expect(run.remainingMs).toBeNull();
    t += 3000;
    token.progress({ done: 3, total: 42 });
    // 1 s per site so far, 39 sites to go.
    expect(run.remainingMs).toBe(39_000);
    t += 1000;
    token.progress({ done: 6, total: 42 });
    expect(run.remainingMs).toBeCloseTo((4000 / 6) * 36, 6);
    token.step('second', 10);
    expect(run.remainingMs).toBeNull();
    t += 500;
    token.progress({ done: 5, total: 10 });
    expect(run.remainingMs).toBe(500);
  });

  it('a new run forgets the last one’s estimate', () => {
    let t = 0;
    const run = new RunLifecycle<null, number>(() => t);
    const a = run.start(null, 4);
    t = 100;
    a.progress({ done: 1, total: 4 });
    expect(run.remainingMs).toBe(300);
    run.start(null, 4);
    expect(run.remainingMs).toBeNull();
  });
});
