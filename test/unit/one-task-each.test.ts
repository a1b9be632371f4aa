/**
 * oneTaskEach (src/ui/one-task-each.ts), which draws the Grid queue charts one per task: with a
 * scripted scheduler, each step runs in a task of its own, in order, and cancel drops the rest.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { oneTaskEach, type Schedule } from '../../src/ui/one-task-each';

function scripted() {
  const tasks: Array<{ run: () => void; cancelled: boolean }> = [];
  const schedule: Schedule = (run) => {
    const t = { run, cancelled: false };
    tasks.push(t);
    return () => (t.cancelled = true);
  };
  /** runs the next task the way the event loop would (a cancelled timer never fires) */
  const next = () => {
    const t = tasks.shift();
    if (t && !t.cancelled) t.run();
  };
  return { tasks, schedule, next };
}

describe('oneTaskEach', () => {
  it('runs nothing at once, then one step per task, in order', () => {
    const s = scripted();
    const seen: string[] = [];
    oneTaskEach([() => seen.push('cdf'), () => seen.push('fan'), () => seen.push('third')], s.schedule);
    expect(seen).toEqual([]);
    expect(s.tasks).toHaveLength(1);
    s.next();
    expect(seen).toEqual(['cdf']);
    expect(s.tasks).toHaveLength(1);
    s.next();
    expect(seen).toEqual(['cdf', 'fan']);
    s.next();
    expect(seen).toEqual(['cdf', 'fan', 'third']);
    expect(s.tasks).toHaveLength(0);
  });

  it('cancel drops the steps not yet run', () => {
    const s = scripted();
    const seen: string[] = [];
    const cancel = oneTaskEach([() => seen.push('cdf'), () => seen.push('fan')], s.schedule);
    s.next();
    cancel();
    while (s.tasks.length) s.next();
    expect(seen).toEqual(['cdf']);
  });

  describe('default schedule: after the next frame', () => {
    afterEach(() => {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    });
    /** frames come only when the test says so, as a browser's do */
    function frames() {
      const queue = new Map<number, () => void>();
      let id = 0;
      vi.stubGlobal('requestAnimationFrame', (cb: () => void) => (queue.set(++id, cb), id));
      vi.stubGlobal('cancelAnimationFrame', (k: number) => queue.delete(k));
      return () => {
        const due = [...queue.values()];
        queue.clear();
        due.forEach((cb) => cb());
      };
    }

    /** Fake timers and frames, and two steps started with the default schedule that record their runs. */
    function twoSteps() {
      vi.useFakeTimers();
      const frame = frames();
      const seen: string[] = [];
      const cancel = oneTaskEach([() => seen.push('a'), () => seen.push('b')]);
      return { frame, seen, cancel };
    }

    it("runs a step only in a task after a frame, so each step's DOM is laid out before the next", () => {
      const { frame, seen } = twoSteps();
      vi.advanceTimersByTime(50);
      expect(seen).toEqual([]);
      frame();
      expect(seen).toEqual([]);
      vi.advanceTimersByTime(0);
      expect(seen).toEqual(['a']);
      vi.advanceTimersByTime(50);
      expect(seen).toEqual(['a']);
      frame();
      vi.advanceTimersByTime(0);
      expect(seen).toEqual(['a', 'b']);
    });

    it('waits up to a second for a frame that does not come, then runs each step once', () => {
      const { frame, seen } = twoSteps();
      vi.advanceTimersByTime(500);
      expect(seen).toEqual([]);
      vi.advanceTimersByTime(5000);
      expect(seen).toEqual(['a', 'b']);
      frame();
      vi.advanceTimersByTime(5000);
      expect(seen).toEqual(['a', 'b']);
    });

    it('in a hidden tab (no frames at all) runs the steps one per task without waiting', () => {
      vi.stubGlobal('document', { hidden: true });
      const { seen } = twoSteps();
      expect(seen).toEqual([]);
      vi.runOnlyPendingTimers();
      expect(seen).toEqual(['a']);
      vi.runOnlyPendingTimers();
      expect(seen).toEqual(['a', 'b']);
    });

    it('cancel drops a step waiting for its frame', () => {
      const { frame, seen, cancel } = twoSteps();
      cancel();
      frame();
      vi.advanceTimersByTime(1000);
      expect(seen).toEqual([]);
    });
  });
});
