/**
 * Great-circle distance to demand hubs and a first-order round-trip latency estimate.
 *
 * Method (printed by the UI as LATENCY_METHOD): light in silica fibre travels at c / n with a
 * refractive index n ≈ 1.47, i.e. about 204,000 km/s = 204 km per ms. Fibre does not follow the
 * great circle: routes run along roads, rail and sea-cable landings, so the path is taken as
 * 1.5 × the great-circle distance (route factor, ESTIMATE). A round trip covers it twice, and
 * switching, serialisation and queuing add a fixed ~2 ms (ESTIMATE). So
 *   rtt_ms = 2 × route_factor × km / 204 + 2.
 * Real routes vary: a direct subsea cable beats this, a detour through a distant exchange does not.
 */
import { circle, distance } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Hub } from '../data/schema';
import { unwrapRing } from './antimeridian';

/** Speed of light in fibre, km per millisecond (c / 1.47). */
export const FIBRE_KM_PER_MS = 204;
/** Fibre route length ÷ great-circle distance (ESTIMATE). */
export const ROUTE_FACTOR = 1.5;
/** Fixed equipment and queuing delay added to every round trip, ms (ESTIMATE). */
export const EQUIPMENT_MS = 2;

export const LATENCY_METHOD =
  `Estimated round trip = 2 × ${ROUTE_FACTOR} × great-circle km ÷ ${FIBRE_KM_PER_MS} km/ms + ${EQUIPMENT_MS} ms: ` +
  `light in fibre travels about ${FIBRE_KM_PER_MS * 1000} km/s (refractive index ~1.47), fibre routes are taken as ` +
  `${ROUTE_FACTOR}× the great-circle distance, plus ~${EQUIPMENT_MS} ms for equipment and queuing (both ESTIMATES).`;

/** A position in degrees (WGS84). */
export interface LonLat {
  /** Longitude, degrees east. */
  lon: number;
  /** Latitude, degrees north. */
  lat: number;
}

/** Estimated round-trip time, ms, for a great-circle distance in km (≥ 0). */
export function estimateRttMs(km: number): number {
  return (2 * ROUTE_FACTOR * Math.max(0, km)) / FIBRE_KM_PER_MS + EQUIPMENT_MS;
}

/** The inverse: great-circle km reachable within `rttMs` (0 when the fixed delay alone exceeds it). */
export function kmForRttMs(rttMs: number): number {
  return (Math.max(0, rttMs - EQUIPMENT_MS) * FIBRE_KM_PER_MS) / (2 * ROUTE_FACTOR);
}

/** Great-circle distance, km. */
export function greatCircleKm(a: LonLat, b: LonLat): number {
  return distance([a.lon, a.lat], [b.lon, b.lat], { units: 'kilometers' });
}

/** One hub as seen from a site. */
export interface NearestHub {
  hub: Hub;
  /** Great-circle distance, km. */
  km: number;
  /** Estimated round trip, ms (see LATENCY_METHOD). */
  rttMs: number;
}

/** The `n` hubs closest to `site` by great-circle distance, nearest first. */
export function nearestHubs(site: LonLat, hubs: readonly Hub[], n = 3): NearestHub[] {
  return hubs
    .map((hub) => {
      const km = greatCircleKm(site, hub);
      return { hub, km, rttMs: estimateRttMs(km) };
    })
    .sort((a, b) => a.km - b.km || a.hub.id.localeCompare(b.hub.id))
    .slice(0, Math.max(0, n));
}

/** Properties of one latency ring. */
export interface RingProperties {
  /** Round trip the ring stands for, ms. */
  ms: number;
  /** Great-circle radius, km. */
  km: number;
}

/**
 * Geodesic circles around `site` whose radius is the distance reachable within each round trip.
 * Rings are returned largest first so the smaller ones draw on top; an RTT at or below the fixed
 * equipment delay reaches nowhere and gives no ring. Each ring's longitudes are made continuous
 * (they may run past ±180), so a ring across the antimeridian draws as one shape, not a stripe.
 */
export function latencyRings(
  site: LonLat,
  msList: readonly number[] = [5, 10, 20],
  steps = 96,
): FeatureCollection<Polygon, RingProperties> {
  const features: Feature<Polygon, RingProperties>[] = [];
  for (const ms of [...msList].sort((a, b) => b - a)) {
    const km = kmForRttMs(ms);
    if (km <= 0) continue;
    const c = circle([site.lon, site.lat], km, { steps, units: 'kilometers' });
    const rings = c.geometry.coordinates.map((ring) => unwrapRing(ring));
    features.push({ type: 'Feature', properties: { ms, km }, geometry: { type: 'Polygon', coordinates: rings } });
  }
  return { type: 'FeatureCollection', features };
}
