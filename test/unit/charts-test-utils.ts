/** Checks shared by the chart geometry tests: nothing non-finite may reach an SVG attribute. */

/** Keys that hold data values (printed as text, where Infinity means "> horizon"), not coordinates. */
const DATA_KEYS = new Set(['months', 'pAtTarget', 'value', 'swing', 'stats', 'xDomain']);

/** Dotted paths of every coordinate in `v` that is NaN or infinite (only finite numbers may become attributes). */
export function nonFinitePaths(v: unknown, path = '$', out: string[] = []): string[] {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) out.push(path);
  } else if (typeof v === 'string') {
    if (/NaN|Infinity|undefined/.test(v) && /^[MLZ]/.test(v)) out.push(`${path} (path text)`);
  } else if (Array.isArray(v)) v.forEach((x, i) => nonFinitePaths(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (!DATA_KEYS.has(k)) nonFinitePaths(x, `${path}.${k}`, out);
  }
  return out;
}

const NUM = String.raw`-?\d+(?:\.\d+)?`;
const PATH_RE = new RegExp(String.raw`^(?:[ML]${NUM},${NUM}|Z)*$`);

/** True when `d` is empty or a well-formed path of M/L commands with finite numbers and Z. */
export function isValidPath(d: string): boolean {
  return PATH_RE.test(d) && (d === '' || d.startsWith('M'));
}

/** The vertices of an M/L path, in order. */
export function pathPoints(d: string): Array<[number, number]> {
  return [...d.matchAll(new RegExp(String.raw`[ML](${NUM}),(${NUM})`, 'g'))].map((m) => [Number(m[1]), Number(m[2])]);
}

/** y of a polyline at x (vertices sorted by x). */
export function polylineYAt(pts: Array<[number, number]>, x: number): number {
  for (let i = 1; i < pts.length; i++) {
    const [x0, y0] = pts[i - 1];
    const [x1, y1] = pts[i];
    if (x >= x0 && x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return NaN;
}
