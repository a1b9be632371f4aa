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
}
