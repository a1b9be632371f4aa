/**
 * PNG tEXt chunks (PNG spec §11.3.4.3): keyword/text pairs stored in the file itself, so an
 * image's attribution ("Copyright", "Source") travels with it even when it is cropped from a slide.
 * Chunks are inserted right after IHDR; the CRC is the PNG CRC-32 (spec Annex D).
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** tEXt is Latin-1: other characters become '?', so "©" survives and Cyrillic does not. */
function latin1(s: string): number[] {
  return Array.from(s, (ch) => (ch.charCodeAt(0) <= 0xff ? ch.charCodeAt(0) : 0x3f));
}

function chunk(keyword: string, text: string): Uint8Array {
  const data = [...latin1(keyword.slice(0, 79)), 0, ...latin1(text)];
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set([0x74, 0x45, 0x58, 0x74], 4); // "tEXt"
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The PNG with one tEXt chunk per entry, after IHDR (which is always 8 + 25 bytes in). */
export function addPngText(png: Uint8Array, entries: Record<string, string>): Uint8Array {
  const at = 8 + 25;
  const chunks = Object.entries(entries).map(([k, v]) => chunk(k, v));
  const out = new Uint8Array(png.length + chunks.reduce((s, c) => s + c.length, 0));
  out.set(png.subarray(0, at), 0);
  let o = at;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  out.set(png.subarray(at), o);
  return out;
}

/** tEXt entries of a PNG (for tests and for reading an exported image back). */
export function readPngText(png: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let o = 8; o + 12 <= png.length; ) {
    const len = view.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    if (type === 'tEXt') {
      const data = png.subarray(o + 8, o + 8 + len);
      const nul = data.indexOf(0);
      out[String.fromCharCode(...data.subarray(0, nul))] = String.fromCharCode(...data.subarray(nul + 1));
    }
    if (type === 'IEND') break;
    o += 12 + len;
  }
  return out;
}
