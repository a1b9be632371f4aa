// The basemap's antimeridian repair, checked on the real world-atlas polygons that cross ±180.
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Geometry, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { fixAntimeridian, maxLonJump, unwrapLine, unwrapRing } from '../../src/geo/antimeridian';

function countries(res: '110m' | '50m'): FeatureCollection<Geometry> {
  const topo = JSON.parse(readFileSync(new URL(`../../node_modules/world-atlas/countries-${res}.json`, import.meta.url), 'utf8')) as Topology;
  return feature(topo, topo.objects.countries as GeometryCollection) as FeatureCollection<Geometry>;
}

for (const res of ['110m', '50m'] as const) {
  describe(`world-atlas countries-${res}`, () => {
    const raw = countries(res);
    const fixed = fixAntimeridian(raw);
    const byName = (fc: FeatureCollection<Geometry>, name: string) => fc.features.find((f) => f.properties?.name === name)!;

    it('has Russia and Fiji rings that jump across the antimeridian before fixing (the test has teeth)', () => {
      expect(maxLonJump(byName(raw, 'Russia').geometry)).toBeGreaterThan(180);
      expect(maxLonJump(byName(raw, 'Fiji').geometry)).toBeGreaterThan(180);
    });

    it('leaves no ring of any country with a consecutive |Δlon| > 180 after fixing', () => {
      for (const name of ['Russia', 'Fiji', 'Antarctica']) expect(maxLonJump(byName(fixed, name).geometry), name).toBeLessThanOrEqual(180);
      const worst = Math.max(...fixed.features.map((f) => maxLonJump(f.geometry)));
      expect(worst).toBeLessThanOrEqual(180);
    });

    it('moves vertices only by whole turns and keeps every ring closed', () => {
      const before = byName(raw, 'Russia').geometry as Geometry & { coordinates: number[][][][] };
      const after = byName(fixed, 'Russia').geometry as Geometry & { coordinates: number[][][][] };
      before.coordinates.forEach((poly, i) =>
        poly.forEach((ring, j) => {
          const out = after.coordinates[i][j];
          expect(out).toHaveLength(ring.length);
          ring.forEach((p, k) => {
            expect(Math.abs(out[k][0] - p[0]) % 360).toBeCloseTo(0, 9);
            expect(out[k][1]).toBe(p[1]);
          });
          expect(out[out.length - 1]).toEqual(out[0]);
        }),
      );
    });

    it('closes Antarctica through the South Pole instead of across the map', () => {
      const g = byName(fixed, 'Antarctica').geometry;
      const rings = g.type === 'MultiPolygon' ? g.coordinates.flat() : (g as Polygon).coordinates;
      for (const r of rings) expect(r[r.length - 1]).toEqual(r[0]);
      const lons = rings.flat().map((p) => p[0]);
      expect(Math.max(...lons) - Math.min(...lons)).toBeGreaterThanOrEqual(359);
      expect(rings.flat().some((p) => p[1] === -90)).toBe(true);
    });

    it('does not change its input', () => {
      expect(maxLonJump(byName(raw, 'Fiji').geometry)).toBeGreaterThan(180);
    });
  });
}

describe('unwrap helpers', () => {
  it('unwraps a line crossing the antimeridian eastward and westward', () => {
    expect(unwrapLine([[170, 0], [-175, 1], [-170, 2]])).toEqual([[170, 0], [185, 1], [190, 2]]);
    expect(unwrapLine([[-170, 0], [175, 1]])).toEqual([[-170, 0], [-185, 1]]);
  });

  it('keeps extra coordinates (altitude)', () => {
    expect(unwrapLine([[179, 0, 5], [-179, 0, 6]])).toEqual([[179, 0, 5], [181, 0, 6]]);
  });

  it('leaves a ring away from the antimeridian untouched', () => {
    const ring = [[10, 10], [20, 10], [20, 20], [10, 10]];
    expect(unwrapRing(ring)).toEqual(ring);
  });

  it('keeps a hole inside its unwrapped shell', () => {
    const fc: FeatureCollection<Polygon> = {
      type: 'FeatureCollection',
      features: [{
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [
          [[170, 60], [-170, 60], [-170, 70], [170, 70], [170, 60]],
          [[-178, 64], [-176, 64], [-176, 66], [-178, 66], [-178, 64]],
        ] },
      }],
    };
    const [shell, hole] = fixAntimeridian(fc).features[0].geometry.coordinates;
    expect(shell.map((p) => p[0])).toEqual([170, 190, 190, 170, 170]);
    expect(hole.map((p) => p[0])).toEqual([182, 184, 184, 182, 182]);
  });
});
