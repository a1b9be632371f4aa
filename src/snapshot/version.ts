/**
 * What a scenario records about the code and data it ran on: the engine version (package.json
 * `version`) and a SHA-256 of the data files, so a reopened link can say "these numbers came from
 * other data" instead of silently differing.
 */
import { version } from '../../package.json';
import { sha256Hex } from './sha256';

/** The app/engine version, from package.json. */
export const ENGINE_VERSION: string = version;

/**
 * SHA-256 (hex) over several texts. Each text is prefixed with its UTF-8 byte length so that
 * ["ab", "c"] and ["a", "bc"] hash differently. Uses WebCrypto when present; pages served over
 * plain http to another machine have no `crypto.subtle` (it needs a secure context), so a small
 * pure implementation stands in.
 */
export async function dataHash(texts: readonly string[]): Promise<string> {
  const enc = new TextEncoder();
  const parts = texts.map((t) => enc.encode(t));
  const header = (n: number) => enc.encode(`${n}:`);
  let total = 0;
  for (const p of parts) total += header(p.length).length + p.length;
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    const h = header(p.length);
    all.set(h, at);
    at += h.length;
    all.set(p, at);
    at += p.length;
  }
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const digest = new Uint8Array(await subtle.digest('SHA-256', all));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return sha256Hex(all);
}
