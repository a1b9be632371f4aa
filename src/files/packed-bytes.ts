/**
 * A queue file's bytes inside a JSON export: raw DEFLATE (fflate, already used for share links) then
 * base64, done in the file's worker so a 50 MB file is never encoded on the page's thread. Unpacking
 * stops as soon as the output passes the queue-file limit, so a small "zip bomb" cannot fill memory.
 */
import { Inflate, deflateSync } from 'fflate';
import { MAX_QUEUE_FILE_BYTES } from '../sim/queue-file/records';

/** Bytes → deflated base64 text. */
export function packBytes(bytes: Uint8Array): string {
  const z = deflateSync(bytes, { level: 6 });
  // btoa takes a binary string: built in slices so no argument list grows with the file. A slice of
  // 3 × 8192 bytes encodes to whole base64 groups, so only the last one carries padding.
  const SLICE = 3 * 8192;
  const parts: string[] = [];
  for (let i = 0; i < z.length; i += SLICE) parts.push(btoa(String.fromCharCode(...z.subarray(i, i + SLICE))));
  return parts.join('');
}

/** Deflated base64 text → bytes, or why not. */
export function unpackBytes(text: string): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  let z: Uint8Array;
  try {
    const bin = atob(text);
    z = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) z[i] = bin.charCodeAt(i);
  } catch {
    return { ok: false, message: 'the queue file in it is not valid base64 (was it edited by hand?)' };
  }
  const r = inflateCapped(z, MAX_QUEUE_FILE_BYTES);
  if (r.ok) return r;
  if (r.why === 'too-big') return { ok: false, message: `the queue file in it is larger than ${MAX_QUEUE_FILE_BYTES / 1048576} MB` };
  return { ok: false, message: 'the queue file in it is damaged (it does not decompress)' };
}

/**
 * Raw DEFLATE with a running size check, pushing small chunks so a "zip bomb" stops early (share links
 * use it too). `why`: over `maxBytes`, cut short, or not DEFLATE data.
 */
export function inflateCapped(bytes: Uint8Array, maxBytes: number): { ok: true; bytes: Uint8Array } | { ok: false; why: 'too-big' | 'truncated' | 'garbled' } {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooBig = false;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > maxBytes) tooBig = true;
    else chunks.push(chunk);
  });
  try {
    const STEP = 512; // ≤ ~530 KB of output per push at deflate's maximum ratio
    for (let at = 0; at < bytes.length && !tooBig; at += STEP) inflater.push(bytes.subarray(at, Math.min(bytes.length, at + STEP)), at + STEP >= bytes.length);
    if (bytes.length === 0) inflater.push(bytes, true);
  } catch (e) {
    return { ok: false, why: (e as { code?: number }).code === 0 ? 'truncated' : 'garbled' };
  }
  if (tooBig) return { ok: false, why: 'too-big' };
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { ok: true, bytes: out };
}
