/**
 * A sweep cell's seed from (sweep seed, cell key): a stable 32-bit hash, the same in Node and in
 * every browser, so one cell is reproducible on its own whatever else the grid holds or in what
 * order cells run. FNV-1a over the key's UTF-16 code units, then murmur3's fmix32 to mix in the seed.
 */

import { fmix32 } from '../rng';

/** FNV-1a, 32 bits. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The seed a cell runs with: unsigned 32-bit, a function of nothing but (seed, key). */
export function cellSeed(seed: number, key: string): number {
  return fmix32((fmix32((seed >>> 0) ^ 0x9e3779b9) ^ fnv1a32(key)) >>> 0);
}
