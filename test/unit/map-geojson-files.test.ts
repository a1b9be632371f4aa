/**
 * The map's large GeoJSON is made at build time (scripts/map-geojson-plugin.ts) so maplibre's worker
 * fetches it instead of the page building and handing it over. What the files hold must be what the
 * page used to build: every grid row of every file in public/grid, at its place, with its
 * attribution source; and the 1:50m land, small states included.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapGeojsonFiles } from '../../scripts/map-geojson-plugin';
import { checkGridLayerFile, GRID_LAYER_FILES, gridGeoJSON } from '../../src/geo/grid-layer';

const files = mapGeojsonFiles(process.cwd());
const parse = (name: string) => JSON.parse(files.get(name) ?? 'null') as GeoJSON.FeatureCollection;

describe('build-time map GeoJSON', () => {
  it('holds every grid feature of public/grid, within 1e-4° and with the same properties', () => {
    const grid = gridGeoJSON(GRID_LAYER_FILES.map((n) => checkGridLayerFile(JSON.parse(readFileSync(`public/grid/${n}`, 'utf8')), n)));
    for (const [kind, name] of [['lines', 'gridLinesUrl'], ['substations', 'gridSubstationsUrl'], ['plants', 'gridPlantsUrl']] as const) {
      const built = parse(name);
      const truth = grid[kind] as GeoJSON.FeatureCollection;
      expect(built.features.length, kind).toBe(truth.features.length);
      expect(built.features.length, kind).toBeGreaterThan(0);
      const flat = (g: GeoJSON.Geometry): number[] => JSON.stringify((g as GeoJSON.LineString).coordinates).match(/-?[\d.e-]+/g)!.map(Number);
      let worst = 0;
      built.features.forEach((f, i) => {
        const a = flat(f.geometry);
        const b = flat(truth.features[i].geometry);
        expect(a.length).toBe(b.length);
        for (let j = 0; j < a.length; j++) worst = Math.max(worst, Math.abs(a[j] - b[j]));
        expect(f.properties?.source).toBe(truth.features[i].properties?.source);
        expect(f.properties?.kv ?? f.properties?.name).toEqual(truth.features[i].properties?.kv ?? truth.features[i].properties?.name);
      });
      expect(worst, kind).toBeLessThanOrEqual(0.5e-4 + 1e-12);
    }
  });

  it('has the detailed land: Singapore (absent at 1:110m) and the countries of the regions', () => {
    const land = parse('landUrl');
    const ids = new Set(land.features.map((f) => f.properties?.iso_n3));
    for (const id of ['702', '840', '643', '578', '752', '246']) expect(ids.has(id), id).toBe(true);
    expect(parse('bordersUrl').features.length).toBeGreaterThan(0);
  });
});
