/**
 * Nearest substations at or above a voltage, by great-circle distance (docs/method.md §6 "Distance").
 * Pure and layer-agnostic: the bundled OSM layer and a user's own substation layer both pass plain
 * records, so the access computation never depends on where the points came from.
 */

/** One substation as the access computation reads it. */
export interface Substation {
  /** Longitude, degrees east (WGS84). */
  lon: number;
  /** Latitude, degrees north (WGS84). */
  lat: number;
  /** Name as the source spells it; '' when the source has none. */
  name: string;
  /** Voltages, kV, highest first; [] when unknown (such a substation never qualifies). */
  kv: number[];
  /** Operator as the source spells it; '' when unknown. */
  operator?: string;
  /** Short label of where the record comes from, for the panel, e.g. "OSM 2017" or a file name. */
  source: string;
  /**
   * The lowest voltage, kV, at which the record's layer holds every station (grid-layer files say;
   * a user's own layer does not, so it is taken as complete).
   */
  completeFromKV?: number;
}

/** A substation as seen from a point. */
export interface NearestSubstation {
  substation: Substation;
  /** Great-circle distance, km. */
  distanceKm: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Haversine great-circle distance in km between two [lon, lat] points (mean Earth radius, IUGG). */
export function haversineKm(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const dLat = (bLat - aLat) * RAD;
  const dLon = (bLon - aLon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Highest voltage of a substation, kV (0 when unknown). */
export function maxKV(s: Substation): number {
  let m = 0;
  for (const v of s.kv) if (v > m) m = v;
  return m;
}

/**
 * The `n` substations whose highest voltage is at least `minKV`, nearest first (ties by name, so
 * the order never depends on input order). Empty when none qualifies.
 */
export function nearestSubstations(point: [number, number], substations: readonly Substation[], minKV: number, n = 3): NearestSubstation[] {
  const [lon, lat] = point;
  const hits: NearestSubstation[] = [];
  for (const s of substations) {
    if (maxKV(s) < minKV) continue;
    hits.push({ substation: s, distanceKm: haversineKm(lon, lat, s.lon, s.lat) });
  }
  hits.sort((a, b) => a.distanceKm - b.distanceKm || a.substation.name.localeCompare(b.substation.name));
  return hits.slice(0, Math.max(0, n));
}
