/**
 * The tornado's median (src/sim/buy-vs-build/tornado.ts) selects instead of sorting: it must give
 * the number sorting gives, bit for bit, for any values: duplicates, Infinity ("never"), −0, NaN.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { median } from '../../src/sim/buy-vs-build/tornado';

/** The definition it replaced: sort, then read the middle two. */
function sortedMedian(values: Float64Array, horizon: number): number {
  const v = values.slice().sort();
  const x = (v.length - 1) / 2;
  const i = Math.floor(x);
  const a = v[i];
  const b = v[Math.min(v.length - 1, i + 1)];
  const m = a + (b - a) * (x - i);
  return m < horizon ? m : Infinity;
}

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -50, max: 400, noNaN: true }) },
  { weight: 3, arbitrary: fc.constantFrom(0, -0, 12, 12.5, 36, 240, Infinity, -Infinity) },
  { weight: 1, arbitrary: fc.constant(NaN) },
);

describe('tornado median', () => {
  it('equals sorting and reading the middle, bit for bit (Object.is), for any values and horizon', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 0, maxLength: 60 }), fc.constantFrom(240, 120, Infinity), (xs, horizon) => {
        const values = Float64Array.from(xs);
        expect(Object.is(median(values.slice(), horizon), sortedMedian(values, horizon))).toBe(true);
      }),
      { seed: 2026, numRuns: 3000 },
    );
  });

  it('on 5,000 values with long runs of equal ones, as the tornado has', () => {
    const values = Float64Array.from({ length: 5000 }, (_, t) => (t % 7 === 0 ? Infinity : t % 3 === 0 ? 24 : (t * 7919) % 97));
    expect(median(values.slice(), 240)).toBe(sortedMedian(values, 240));
    const allNever = new Float64Array(5000).fill(Infinity);
    expect(median(allNever, 240)).toBe(Infinity);
  });
});
