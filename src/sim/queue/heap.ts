/**
 * Binary min-heaps for the discrete-event loop (docs/method.md §0 "Allocation-free hot loops").
 *
 * Times live in a Float64Array and payloads in an Int32Array so a push or pop touches no objects;
 * the arrays grow by doubling on the rare trial that outruns them and are otherwise reused from
 * trial to trial (`clear` only resets the size).
 */

/** Events keyed by time in months; the payload encodes what happens (see engine.ts). */
export class EventHeap {
  times: Float64Array;
  payloads: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.payloads = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  push(time: number, payload: number): void {
    if (this.size === this.times.length) this.grow();
    const times = this.times;
    const payloads = this.payloads;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt <= time) break;
      times[i] = pt;
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = time;
    payloads[i] = payload;
  }

  /** Time of the earliest event; call only when size > 0. */
  peekTime(): number {
    return this.times[0];
  }

  /** Payload of the earliest event; call only when size > 0. */
  peekPayload(): number {
    return this.payloads[0];
  }

  /** Removes the earliest event (read it first with peekTime/peekPayload). */
  pop(): void {
    const n = --this.size;
    if (n === 0) return;
    const times = this.times;
    const payloads = this.payloads;
    const time = times[n];
    const payload = payloads[n];
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let ct = times[child];
      const right = child + 1;
      if (right < n && times[right] < ct) {
        child = right;
        ct = times[right];
      }
      if (ct >= time) break;
      times[i] = ct;
      payloads[i] = payloads[child];
      i = child;
    }
    times[i] = time;
    payloads[i] = payload;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
    const payloads = new Int32Array(this.payloads.length * 2);
    payloads.set(this.payloads);
    this.payloads = payloads;
  }
}

/**
 * A min-heap of project indices ordered by an integer key the caller owns (queue position), for
 * "first come, first served" among projects waiting for a study slot.
 */
export class KeyedIndexHeap {
  items: Int32Array;
  size = 0;

  constructor(
    private keys: Int32Array,
    capacity = 256,
  ) {
    this.items = new Int32Array(capacity);
  }

  /** Points the heap at a (possibly regrown) key array. */
  setKeys(keys: Int32Array): void {
    this.keys = keys;
  }

  clear(): void {
    this.size = 0;
  }

  push(index: number): void {
    if (this.size === this.items.length) {
      const items = new Int32Array(this.items.length * 2);
      items.set(this.items);
      this.items = items;
    }
    const items = this.items;
    const keys = this.keys;
    const key = keys[index];
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[items[parent]] <= key) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = index;
  }

  /** Removes and returns the index with the smallest key; call only when size > 0. */
  pop(): number {
    const items = this.items;
    const keys = this.keys;
    const top = items[0];
    const n = --this.size;
    if (n === 0) return top;
    const last = items[n];
    const key = keys[last];
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < n && keys[items[right]] < keys[items[child]]) child = right;
      if (keys[items[child]] >= key) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = last;
    return top;
  }
}
