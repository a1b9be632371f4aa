/**
 * The headroom waiting list as a min segment tree over queue positions: leaf p holds the MW of the
 * request at position p while it waits for grid headroom, +Infinity otherwise. "The first waiting
 * request, in queue order, that fits in x MW" is one descent, O(log n), so first-fit and strict FIFO
 * grants cost O(log n) each instead of a rescan of the whole list on every change (which grows
 * quadratically when a congested queue keeps hundreds of requests waiting).
 */
export class WaitingTree {
  private size = 1;
  private min = new Float64Array(2).fill(Infinity);
  /** project index at each position (valid while its leaf is finite) */
  private owner = new Int32Array(1);
  /** highest position written since the last clear (bounds the clear) */
  private hi = -1;
  count = 0;

  constructor(capacity: number) {
    this.grow(capacity);
  }

  /** Makes room for positions 0 … capacity−1, keeping what waits. */
  grow(capacity: number): void {
    if (capacity <= this.size) return;
    let size = this.size;
    while (size < capacity) size *= 2;
    const min = new Float64Array(2 * size).fill(Infinity);
    const owner = new Int32Array(size);
    for (let p = 0; p <= this.hi && p < this.size; p++) {
      min[size + p] = this.min[this.size + p];
      owner[p] = this.owner[p];
    }
    for (let k = size - 1; k >= 1; k--) min[k] = Math.min(min[2 * k], min[2 * k + 1]);
    this.size = size;
    this.min = min;
    this.owner = owner;
  }

  clear(): void {
    if (this.hi >= 0) {
      // Reset only the touched leaves and their ancestors.
      for (let p = 0; p <= this.hi; p++) this.min[this.size + p] = Infinity;
      for (let k = (this.size + this.hi) >> 1, lo = this.size >> 1; k >= 1; k >>= 1, lo >>= 1) {
        for (let j = lo; j <= k; j++) this.min[j] = Infinity;
      }
    }
    this.hi = -1;
    this.count = 0;
  }

  private set(p: number, v: number): void {
    let k = this.size + p;
    this.min[k] = v;
    for (k >>= 1; k >= 1; k >>= 1) {
      const m = this.min[2 * k] < this.min[2 * k + 1] ? this.min[2 * k] : this.min[2 * k + 1];
      if (this.min[k] === m) break;
      this.min[k] = m;
    }
  }

  add(p: number, project: number, mw: number): void {
    this.owner[p] = project;
    if (p > this.hi) this.hi = p;
    this.count++;
    this.set(p, mw);
  }

  remove(p: number): void {
    this.count--;
    this.set(p, Infinity);
  }

  ownerAt(p: number): number {
    return this.owner[p];
  }

  mwAt(p: number): number {
    return this.min[this.size + p];
  }

  /** The lowest position ≥ from whose MW ≤ x, or −1. */
  firstFit(from: number, x: number): number {
    // Empty leaves hold +Infinity: an unbounded x must still skip them.
    if (x > Number.MAX_VALUE) x = Number.MAX_VALUE;
    if (from >= this.size || this.min[1] > x) return -1;
    // Walk up from the leaf `from`, then down into the first subtree that holds a fit.
    let k = this.size + from;
    if (this.min[k] <= x) return from;
    for (;;) {
      // Move to the next subtree to the right at this level, climbing while we are a right child.
      while (k & 1) {
        k >>= 1;
        if (k <= 1) return -1;
      }
      k++;
      if (this.min[k] <= x) break;
    }
    while (k < this.size) k = this.min[2 * k] <= x ? 2 * k : 2 * k + 1;
    return k - this.size;
  }
}
