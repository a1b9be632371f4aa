/**
 * A panel's charts drawn one per main-thread task (oneTaskEach), each from the latest result: stage
 * k takes the value `source()` had when it changed, in its own task, after stage k − 1. Until its
 * turn a stage keeps the value it drew last, so a chart never blanks between a preview and the
 * final result. A newer value drops the stages of the older one that were not drawn yet.
 *
 * Create it while a component initialises (it owns an $effect).
 */
import { oneTaskEach } from './one-task-each';

export class ChartStages<T> {
  #drawn = $state.raw<ReadonlyArray<T | null>>([]);

  constructor(source: () => T | null, stages: number) {
    $effect(() => {
      const value = source();
      return oneTaskEach(
        Array.from({ length: stages }, (_, k) => () => {
          const next = [...this.#drawn];
          next[k] = value;
          this.#drawn = next;
        }),
      );
    });
  }

  /** The value chart `k` draws now (null before its first turn). */
  at(k: number): T | null {
    return this.#drawn[k] ?? null;
  }
}
