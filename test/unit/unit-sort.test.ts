/** The linear-time sort the queue engine uses for the stock's ages: the same result as the built-in sort. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/sim/rng';
import { createUnitSortScratch, sortUnitDescending } from '../../src/sim/unit-sort';

const descending = (a: Float64Array) => Float64Array.from(a).sort().reverse();

describe('sortUnitDescending', () => {
  it('gives the built-in sort’s order for uniform samples of every size, with one scratch reused', () => {
    const scratch = createUnitSortScratch();
    const rng = new Rng(7, 0, 0);
    for (const n of [0, 1, 2, 3, 10, 540, 541, 5000, 20]) {
      const a = Float64Array.from({ length: n }, () => rng.uniform());
      const want = descending(a);
      sortUnitDescending(a, n, scratch);
      expect(a).toEqual(want);
    }
  });

  it('still sorts skewed samples, ties and values outside (0, 1), and leaves the tail past n alone', () => {
    const scratch = createUnitSortScratch();
    const rng = new Rng(8, 0, 0);
    const skewed = Float64Array.from({ length: 300 }, () => rng.uniform() ** 8);
    const ties = Float64Array.from({ length: 100 }, (_, k) => [0.25, 0.5, 0.75][k % 3]);
    const wide = Float64Array.from([3, -1, 0.5, 0, 1, 2.5, -7]);
    for (const a of [skewed, ties, wide]) {
      const want = descending(a);
      sortUnitDescending(a, a.length, scratch);
      expect(a).toEqual(want);
    }
    const part = Float64Array.from([0.1, 0.9, 0.5, 0.3, 0.2]);
    sortUnitDescending(part, 3, scratch);
    expect(Array.from(part)).toEqual([0.9, 0.5, 0.1, 0.3, 0.2]);
  });
});
