// Great-circle distances, the RTT estimate and its inverse, nearest hubs and latency rings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHubs } from '../../src/data/load';
import { maxLonJump } from '../../src/geo/antimeridian';
import {
  EQUIPMENT_MS,
  FIBRE_KM_PER_MS,
  LATENCY_METHOD,
  ROUTE_FACTOR,
  estimateRttMs,
  greatCircleKm,
  kmForRttMs,
  latencyRings,
  nearestHubs,
} from '../../src/geo/latency';
import { readRepoJson } from './data-test-utils';

const { hubs } = parseHubs(readRepoJson('data/hubs.geojson'));
const hub = (id: string) => hubs.find((h) => h.id === id)!;

describe('distance and RTT', () => {
  it('puts Dallas–Ashburn at about 1,900 km (±2%)', () => {
    // Published great-circle distance DFW–IAD is about 1,880 km; city centroids differ by a few km.
    const km = greatCircleKm(hub('dallas'), hub('ashburn'));
    expect(Math.abs(km - 1900) / 1900).toBeLessThanOrEqual(0.02);
  });

  it('follows 2 × route factor × km / (204 km/ms) + 2 ms', () => {
    expect([FIBRE_KM_PER_MS, ROUTE_FACTOR, EQUIPMENT_MS]).toEqual([204, 1.5, 2]);
    expect(estimateRttMs(0)).toBe(2);
    expect(estimateRttMs(1000)).toBeCloseTo(2 + 3000 / 204, 10);
    expect(LATENCY_METHOD).toContain('204000 km/s');
  });

  it('is strictly increasing in distance, and kmForRttMs inverts it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 20_000, noNaN: true }), fc.double({ min: 0.001, max: 5_000, noNaN: true }), (km, dk) => {
        expect(estimateRttMs(km + dk)).toBeGreaterThan(estimateRttMs(km));
        expect(kmForRttMs(estimateRttMs(km))).toBeCloseTo(km, 6);
      }),
      { seed: 20260101, numRuns: 300 },
    );
  });

  it('reaches nowhere within the fixed equipment delay', () => {
    expect(kmForRttMs(EQUIPMENT_MS)).toBe(0);
    expect(kmForRttMs(1)).toBe(0);
  });
});

describe('nearestHubs', () => {
  it('returns the n nearest, sorted by distance, with RTT from the same formula', () => {
    const rockdale = { lon: -97.0, lat: 30.66 };
    const near = nearestHubs(rockdale, hubs, 3);
    expect(near.map((h) => h.hub.id)).toEqual(['houston', 'dallas', 'chicago']);
    for (let i = 1; i < near.length; i++) expect(near[i].km).toBeGreaterThanOrEqual(near[i - 1].km);
    for (const h of near) expect(h.rttMs).toBeCloseTo(estimateRttMs(h.km), 10);
    expect(nearestHubs(rockdale, hubs, 0)).toEqual([]);
    expect(nearestHubs(rockdale, hubs, 99)).toHaveLength(hubs.length);
  });

  it('finds the local hub first for Singapore, Tydal and Samara', () => {
    expect(nearestHubs({ lon: 103.7, lat: 1.27 }, hubs, 1)[0].hub.id).toBe('singapore');
    expect(nearestHubs({ lon: 11.65, lat: 63.04 }, hubs, 1)[0].hub.id).toBe('oslo');
    expect(nearestHubs({ lon: 50.15, lat: 53.2 }, hubs, 1)[0].hub.id).toBe('moscow');
  });
});

describe('latencyRings', () => {
  /** Largest relative error between each vertex's distance from the centre and the ring radius. */
  function radiusError(center: { lon: number; lat: number }, ring: number[][], km: number): number {
    return Math.max(...ring.map(([lon, lat]) => Math.abs(greatCircleKm(center, { lon, lat }) - km) / km));
  }

  it('draws one ring per RTT, largest first, whose radius inverts the RTT estimate', () => {
    const site = { lon: 50.15, lat: 53.2 };
    const rings = latencyRings(site, [5, 10, 20]);
    expect(rings.features.map((f) => f.properties.ms)).toEqual([20, 10, 5]);
    for (const f of rings.features) {
      expect(f.properties.km).toBeCloseTo(kmForRttMs(f.properties.ms), 10);
      expect(estimateRttMs(f.properties.km)).toBeCloseTo(f.properties.ms, 10);
      // turf's circle places vertices at exactly the geodesic radius (haversine, same as distance()).
      expect(radiusError(site, f.geometry.coordinates[0], f.properties.km)).toBeLessThan(1e-6);
    }
    expect(rings.features.map((f) => Math.round(f.properties.km))).toEqual([1224, 544, 204]);
  });

  it('gives no ring for an RTT the fixed delay already uses up', () => {
    expect(latencyRings({ lon: 0, lat: 0 }, [1, 2]).features).toEqual([]);
  });

  it('keeps a ring across the antimeridian continuous (no stripe) and still round', () => {
    const fiji = { lon: 179.5, lat: -17 };
    const ring = latencyRings(fiji, [20]).features[0];
    expect(maxLonJump(ring.geometry)).toBeLessThan(180);
    const lons = ring.geometry.coordinates[0].map((p) => p[0]);
    expect(Math.max(...lons)).toBeGreaterThan(180);
    expect(radiusError(fiji, ring.geometry.coordinates[0], ring.properties.km)).toBeLessThan(1e-6);
  });

  it('closes a ring that encloses a pole through the pole', () => {
    const ring = latencyRings({ lon: 20, lat: 85 }, [20]).features[0].geometry.coordinates[0];
    expect(maxLonJump({ type: 'Polygon', coordinates: [ring] })).toBeLessThan(180);
    expect(ring.filter((p) => p[1] === 90).length).toBeGreaterThanOrEqual(5);
    expect(ring[ring.length - 1]).toEqual(ring[0]);
  });
});
