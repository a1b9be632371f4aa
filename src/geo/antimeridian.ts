/**
 * Antimeridian repair for GeoJSON drawn by maplibre. Natural Earth (world-atlas) rings that touch
 * ±180° (Russia's Chukotka, Fiji) hop from +180 to −180 between neighbouring vertices, and
 * Antarctica's ring wraps the whole globe; drawn as-is, each hop becomes an edge across the whole
 * map (the "horizontal stripe"). The fix here unwraps longitudes so consecutive vertices never
 * differ by more than 180° (values may run past ±180, which maplibre draws fine with world copies),
 * and closes a ring that circles a pole along that pole's latitude (off the Web-Mercator map).
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/** The step that `unwrap` adds to a longitude so it lands within 180° of the previous one. */
function shiftToward(prev: number, lon: number): number {
  let shift = 0;
  while (lon + shift - prev > 180) shift -= 360;
  while (lon + shift - prev < -180) shift += 360;
  return shift;
}

/** A line with continuous longitudes (a new array; the input is not changed). */
export function unwrapLine(line: readonly Position[]): Position[] {
  const out: Position[] = [];
  let offset = 0;
  for (let i = 0; i < line.length; i++) {
    const p = line[i];
    if (i > 0) offset += shiftToward(out[i - 1][0], p[0] + offset);
    out.push([p[0] + offset, ...p.slice(1)]);
  }
  return out;
}

/**
 * A closed ring with continuous longitudes. A ring that goes once around a pole ends 360° away
 * from where it started; it is closed through that pole (the one on the ring's side of the
 * equator) so it stays a proper polygon.
 */
export function unwrapRing(ring: readonly Position[]): Position[] {
  const out = unwrapLine(ring);
  if (out.length < 2) return out;
  const first = out[0];
  const last = out[out.length - 1];
  if (Math.abs(last[0] - first[0]) < 180) return out;
  const meanLat = out.reduce((s, p) => s + p[1], 0) / out.length;
  const pole = meanLat >= 0 ? 90 : -90;
  // Along the pole in steps of at most 90°, so no edge spans more than 180° of longitude
  // (renderers and clippers treat such an edge as going the other way round).
  const n = Math.ceil(Math.abs(last[0] - first[0]) / 90);
  for (let i = 0; i <= n; i++) out.push([last[0] + ((first[0] - last[0]) * i) / n, pole]);
  out.push([first[0], first[1]]);
  return out;
}

function lonMid(ring: readonly Position[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of ring) {
    if (p[0] < lo) lo = p[0];
    if (p[0] > hi) hi = p[0];
  }
  return (lo + hi) / 2;
}

/** Unwraps every ring, moving holes by whole turns so they stay inside their (unwrapped) shell. */
function unwrapPolygon(rings: readonly Position[][]): Position[][] {
  const fixed = rings.map((r) => unwrapRing(r));
  if (fixed.length < 2) return fixed;
  const shellMid = lonMid(fixed[0]);
  return fixed.map((ring, i) => {
    if (i === 0) return ring;
    const turns = Math.round((shellMid - lonMid(ring)) / 360);
    return turns === 0 ? ring : ring.map((p) => [p[0] + 360 * turns, ...p.slice(1)]);
  });
}

function fixGeometry(g: Geometry): Geometry {
  switch (g.type) {
    case 'Polygon':
      return { ...g, coordinates: unwrapPolygon(g.coordinates) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map(unwrapPolygon) };
    case 'LineString':
      return { ...g, coordinates: unwrapLine(g.coordinates) };
    case 'MultiLineString':
      return { ...g, coordinates: g.coordinates.map(unwrapLine) };
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map(fixGeometry) };
    default:
      return g;
  }
}

/**
 * A copy of `fc` whose polygons and lines no longer jump across the antimeridian. Points and
 * properties are unchanged; features without geometry pass through.
 */
export function fixAntimeridian<G extends Geometry | null, P>(fc: FeatureCollection<G, P>): FeatureCollection<G, P> {
  return {
    ...fc,
    features: fc.features.map((f): Feature<G, P> => (f.geometry ? { ...f, geometry: fixGeometry(f.geometry) as G } : f)),
  };
}

/** The largest |Δlon| between consecutive vertices of any ring or line in `g` (0 for points). */
export function maxLonJump(g: Geometry | null): number {
  if (!g) return 0;
  let lines: Position[][];
  switch (g.type) {
    case 'GeometryCollection':
      return Math.max(0, ...g.geometries.map(maxLonJump));
    case 'Polygon':
    case 'MultiLineString':
      lines = g.coordinates;
      break;
    case 'MultiPolygon':
      lines = g.coordinates.flat();
      break;
    case 'LineString':
      lines = [g.coordinates];
      break;
    default:
      return 0;
  }
  let max = 0;
  for (const line of lines) {
    for (let i = 1; i < line.length; i++) max = Math.max(max, Math.abs(line[i][0] - line[i - 1][0]));
  }
  return max;
}
