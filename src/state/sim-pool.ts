/**
 * The one worker pool the tabs share, started on first use. Every tab's run goes through it; a
 * newer run supersedes an older one (the pool rejects the older with an AbortError, which the
 * older run's token then ignores: see run.svelte.ts).
 */
import type { SimPool } from '../../workers/pool';

export class PoolHolder {
  #pool: SimPool | null = null;
  #make: () => SimPool;

  constructor(make: () => SimPool) {
    this.#make = make;
  }

  get pool(): SimPool {
    this.#pool ??= this.#make();
    return this.#pool;
  }
}
