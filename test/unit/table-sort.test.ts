/**
 * The one row sorter behind the site table and Compare sites: missing values last in both
 * directions, numbers by value (not as text), and the tie-break keeping equal rows in a fixed order.
 */
import { describe, expect, it } from 'vitest';
import { TableSort } from '../../src/ui/table-sort.svelte';

type Row = { name: string; p50: number | null; region: string };
const rows: Row[] = [
  { name: 'c', p50: 9, region: 'texas' },
  { name: 'a', p50: null, region: 'nordics' },
  { name: 'b', p50: 10, region: 'texas' },
  { name: 'd', p50: 9, region: '' },
];
const byName = (a: Row, b: Row) => a.name.localeCompare(b.name);

describe('TableSort.sorted', () => {
  it('orders numbers by value, ties by the tie-break, and missing values last whatever the direction', () => {
    const sort = new TableSort<keyof Row>('p50');
    expect(sort.sorted(rows, byName).map((r) => r.name)).toEqual(['c', 'd', 'b', 'a']);
    sort.by('p50');
    expect(sort.ascending).toBe(false);
    expect(sort.sorted(rows, byName).map((r) => r.name)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('orders text by locale, treats an empty string as missing, and leaves the input untouched', () => {
    const sort = new TableSort<keyof Row>('region');
    const copy = structuredClone(rows);
    expect(sort.sorted(rows, byName).map((r) => r.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(rows).toEqual(copy);
  });
});
