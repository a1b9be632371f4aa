/** Which column a table is sorted by: a header button sorts by its column, again reverses it. */
export class TableSort<K extends string> {
  key = $state() as K;
  ascending = $state(true);

  constructor(key: K) {
    this.key = key;
  }

  by(k: K): void {
    if (this.key === k) this.ascending = !this.ascending;
    else {
      this.key = k;
      this.ascending = true;
    }
  }

  /** the header's aria-sort value */
  aria(k: K): 'ascending' | 'descending' | 'none' {
    return this.key === k ? (this.ascending ? 'ascending' : 'descending') : 'none';
  }

  /** the arrow shown after the header's label */
  arrow(k: K): string {
    return this.key === k ? (this.ascending ? ' ▲' : ' ▼') : '';
  }

  /**
   * The rows in this order. Unknown values (null, undefined, '') sort last whatever the direction:
   * they are not small, they are missing. `tie` orders equal values the same way in both directions.
   */
  sorted<R extends { [P in K]?: unknown }>(rows: readonly R[], tie: (a: R, b: R) => number): R[] {
    const dir = this.ascending ? 1 : -1;
    const key = this.key;
    return [...rows].sort((a, b) => {
      const x = a[key];
      const y = b[key];
      const xMissing = x === null || x === undefined || x === '';
      const yMissing = y === null || y === undefined || y === '';
      if (xMissing || yMissing) return xMissing === yMissing ? tie(a, b) : xMissing ? 1 : -1;
      if (typeof x === 'number' && typeof y === 'number') return (x === y ? 0 : x < y ? -1 : 1) * dir || tie(a, b);
      return String(x).localeCompare(String(y)) * dir || tie(a, b);
    });
  }
}
