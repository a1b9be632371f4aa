/**
 * The grid layer files in public/grid/ (written by scripts/build-grid-layers.ts): their shape, and
 * plain conversions to what the access computation and the map read. Rows are arrays in `fields`
 * order, which keeps the files small; nothing here touches the DOM or the network.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { BBox } from './region-shapes';
import type { Substation } from './nearest-substation';

/** One source of a layer file, as the map's attribution and the panels show it. */
export interface GridSource {
  layers: Array<'substations' | 'lines' | 'plants'>;
  name: string;
  attribution: string;
  licence: string;
  licenceUrl: string;
  url: string;
  /** date of the data itself (snapshot or data year) */
  dataDate: string;
  /** short label shown after a distance, e.g. "OSM 2017" */
  short: string;
}

/** A layer file. */
export interface GridLayerFile {
  format: 'grid-layer/1';
  region: string;
  title: string;
  /** boxes [west, south, east, north] the extract covers: outside them the layer says nothing */
  coverage: BBox[];
  sources: GridSource[];
  notes: string[];
  /**
   * The lowest voltage, kV, at which the extract means to hold every substation. Below it stations
   * are missing (the European extract is the ≥ 220 kV grid), so a nearest station found for a lower
   * required voltage is only an upper bound on the distance.
   */
  substationsCompleteFromKV: number;
  /**
   * kv: voltages in kV, highest first; kvFrom: 'tag' (the OSM tag), 'lines' (the lines that end
   * there) or 'source' (a station added after the extract, its voltage as its source states);
   * source: the row's own short source label, present on added rows only (others: the layer's)
   */
  substations: { fields: ['lon', 'lat', 'kv', 'name', 'operator', 'kvFrom', 'source']; rows: Array<[number, number, number[], string, string, 'tag' | 'lines' | 'source', string?]> };
  /** kv: the line's highest voltage; coords: flat [lon, lat, lon, lat, …]; source as for substations */
  lines: { fields: ['kv', 'coords', 'source']; rows: Array<[number, number[], string?]> };
  /** mw: capacity, MW; source: short source label */
  plants: { fields: ['lon', 'lat', 'mw', 'fuel', 'name', 'source']; rows: Array<[number, number, number, string, string, string]> };
}

/** The file names the app loads (one per region with an open extract; Singapore has none). */
export const GRID_LAYER_FILES = ['texas.json', 'nordics.json', 'samara.json'] as const;

/** Checks the few things the app relies on; a file that fails is reported and skipped. */
export function checkGridLayerFile(data: unknown, file: string): GridLayerFile {
  const f = data as Partial<GridLayerFile> | null;
  if (!f || typeof f !== 'object' || f.format !== 'grid-layer/1') throw new Error(`${file}: not a grid layer file (format must be "grid-layer/1")`);
  for (const k of ['substations', 'lines', 'plants'] as const) {
    if (!Array.isArray(f[k]?.rows)) throw new Error(`${file}: ${k}.rows must be a list`);
  }
  if (!Array.isArray(f.sources) || f.sources.length === 0) throw new Error(`${file}: sources must name at least one source`);
  const floor = f.substationsCompleteFromKV;
  if (typeof floor !== 'number' || !(floor >= 0)) throw new Error(`${file}: substationsCompleteFromKV must be a number of kV ≥ 0, got ${JSON.stringify(floor)}`);
  return f as GridLayerFile;
}

const shortFor = (f: GridLayerFile, layer: 'substations' | 'plants') => f.sources.find((s) => s.layers.includes(layer))?.short ?? f.region;

/** Substations as the access computation reads them. */
export function substationsOf(f: GridLayerFile): Substation[] {
  const source = shortFor(f, 'substations');
  const completeFromKV = f.substationsCompleteFromKV;
  return f.substations.rows.map(([lon, lat, kv, name, operator, , own]) => ({ lon, lat, kv, name, operator, source: own ?? source, completeFromKV }));
}

/** True when (lon, lat) lies inside one of the file's coverage boxes. */
export function covers(f: GridLayerFile, lon: number, lat: number): boolean {
  return f.coverage.some((b) => lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3]);
}

export interface SubstationProps {
  name: string;
  /** highest voltage, kV */
  kv: number;
  /** every voltage, "345/138 kV" */
  kvText: string;
  operator: string;
  kvFrom: 'tag' | 'lines' | 'source';
  source: string;
}
export interface LineProps {
  kv: number;
  source: string;
}
export interface PlantProps {
  name: string;
  mw: number;
  fuel: string;
  source: string;
}

/** GeoJSON for the map's three sources, all files together. */
export function gridGeoJSON(files: readonly GridLayerFile[]): {
  substations: FeatureCollection<Point, SubstationProps>;
  lines: FeatureCollection<LineString, LineProps>;
  plants: FeatureCollection<Point, PlantProps>;
} {
  const substations: Feature<Point, SubstationProps>[] = [];
  const lines: Feature<LineString, LineProps>[] = [];
  const plants: Feature<Point, PlantProps>[] = [];
  for (const f of files) {
    const subSource = shortFor(f, 'substations');
    for (const [lon, lat, kv, name, operator, kvFrom, own] of f.substations.rows) {
      substations.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { name, kv: kv[0] ?? 0, kvText: `${kv.join('/')} kV`, operator, kvFrom, source: own ?? subSource } });
    }
    for (const [kv, flat, own] of f.lines.rows) {
      const coords: [number, number][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) coords.push([flat[i], flat[i + 1]]);
      lines.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties: { kv, source: own ?? subSource } });
    }
    for (const [lon, lat, mw, fuel, name, source] of f.plants.rows) {
      plants.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { name, mw, fuel, source } });
    }
  }
  return {
    substations: { type: 'FeatureCollection', features: substations },
    lines: { type: 'FeatureCollection', features: lines },
    plants: { type: 'FeatureCollection', features: plants },
  };
}

/** One attribution line per distinct source: "© OpenStreetMap contributors (ODbL 1.0, data 2017-01-18)". */
export function attributionLines(files: ReadonlyArray<Pick<GridLayerFile, 'sources'>>): string[] {
  const seen = new Map<string, string>();
  for (const f of files) for (const s of f.sources) if (!seen.has(s.attribution)) seen.set(s.attribution, `${s.attribution} (${s.licence}, data ${s.dataDate})`);
  return [...seen.values()];
}
