/**
 * oneTaskEach (src/ui/one-task-each.ts), which draws the Grid queue charts one per task: with a
 * scripted scheduler, each step runs in a task of its own, in order, and cancel drops the rest.
 */
import { describe, expect, it } from 'vitest';
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
});
