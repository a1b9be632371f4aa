/**
 * Seeded, splittable randomness (docs/method.md §0).
 *
 * A trial's draws depend only on (masterSeed, trialIndex, streamId): the triple is hashed into the
 * 128-bit state of xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c).
 * Nothing here reads Math.random, Date or a worker id, so the same trial gives the same numbers in
 * any worker, in any order, in Node or in a browser.
 */

/** Purposes get their own stream, so an extra draw in one never shifts another (docs/method.md §0). */
export const Stream = {
  queue: 1,
  arrivals: 2,
  equipment: 3,
  permits: 4,
  buyOnly: 5,
  buildOnly: 6,
  market: 7,
  shared: 8,
  construction: 9,
  headroom: 10,
  /** dated process rules (queue screens) */
  rules: 20,
  /** a large load's ramp from its first block to its full request: its own stream, so the queue's draws never shift */
  ramp: 22,
  /** per-trial draws of uncertain inputs (queue: arrivals and withdrawal levels) */
  scenario: 21,
  /** a site's own grid-access works (new line, substation): never shifts the queue's draws; 30 keeps clear of the queue's own ids */
  gridAccess: 30,
  /** economics: the hashprice and GPU-hour price paths (40+: clear of the queue's and grid access's ids) */
  hashprice: 40,
  /** economics: the capex draw */
  capex: 41,
  /** curtailed hours per year (curtailment/): its own stream, so firm-only numbers never shift (50: clear of the others) */
  curtailment: 50,
  /** portfolio/: the common factor of the cross-region rank correlation (60: clear of the others; each region's own factor is hashed from its key) */
  portfolio: 60,
} as const;
export type StreamId = (typeof Stream)[keyof typeof Stream];

/** murmur3 fmix32: a full-avalanche 32-bit mixer, used to hash the seed triple (and sweep cell keys). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 2^-32: multiplying by a power of two is exact, so this equals dividing by 2^32, bit for bit, and is cheaper. */
const TWO_POW_MINUS_32 = 1 / 4294967296;

/**
 * xoshiro128** generator. Reuse one instance per purpose and call `reset` per trial: hot loops
 * allocate nothing.
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(masterSeed = 0, trial = 0, stream = 0) {
    this.reset(masterSeed, trial, stream);
  }

  /** Re-seed from (masterSeed, trialIndex, streamId). All three are taken as unsigned 32-bit integers. */
  reset(masterSeed: number, trial: number, stream: number): this {
    // splitmix32-style: hash the triple into one word, then walk a Weyl sequence through fmix32
    // to fill the four state words (never all zero: fmix32 is a bijection and the inputs differ).
    let x = fmix32((masterSeed >>> 0) ^ 0x9e3779b9);
    x = fmix32((x + Math.imul(trial >>> 0, 0x85ebca77)) >>> 0);
    x = fmix32((x ^ Math.imul(stream >>> 0, 0xc2b2ae3d)) >>> 0);
    x = (x + 0x9e3779b9) >>> 0;
    this.s0 = fmix32(x);
    x = (x + 0x9e3779b9) >>> 0;
    this.s1 = fmix32(x);
    x = (x + 0x9e3779b9) >>> 0;
    this.s2 = fmix32(x);
    x = (x + 0x9e3779b9) >>> 0;
    this.s3 = fmix32(x);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    return this;
  }

  /** Next raw 32-bit output (unsigned). */
  nextU32(): number {
    const s1 = this.s1;
    const t = s1 << 9;
    let r = Math.imul(s1, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return r >>> 0;
  }

  /** Uniform on the open interval (0, 1): never 0 or 1, so log(u) and inverse CDFs are safe. */
  uniform(): number {
    return (this.nextU32() + 0.5) * TWO_POW_MINUS_32;
  }
}

/** Convenience for one-off use (tests, CLI). */
export function rngFor(masterSeed: number, trial: number, stream: number): Rng {
  return new Rng(masterSeed, trial, stream);
}
