/**
 * Raw grid extracts → the app's compact grid layers (public/grid/*.json). A pure function of the
 * raw texts: the build script feeds it the fetched files, the unit test feeds it a checked-in
 * sample and compares with a committed expected output, so the transform cannot drift unnoticed.
 *
 * Inputs (see scripts/build-grid-layers.ts for where each one comes from):
 * - GridKit OSM extracts (ComplexNetTSP/Power_grids, 2017-01-18, ODbL): '#'-separated vertices
 *   and links. Not RFC 4180 CSV: names may hold '#' or a leading '"', so rows are split by hand
 *   with the fixed columns taken from both ends (a CSV library would mis-split those rows).
 * - Power plants: WRI Global Power Plant Database files (CC BY 4.0), real CSV (d3-dsv parses it);
 *   for the US the WRI copy of EIA-860 2019 (public domain).
 * - Additions (scripts/data/grid-additions.json, read by lib/grid-additions.ts): lines and
 *   substations built after the extract, each citing the TSO's or its contractors' pages.
 *
 * Steps: keep substations (typ substation / sub_station / station) inside the region, their
 * voltages from their own tag or, when untagged, from the lines that end there; keep lines
 * ≥ 110 kV; merge chains of segments through untagged joints into polylines, simplify them
 * (Douglas–Peucker), round coordinates, dedupe, and write columns rather than GeoJSON.
 *
 * Over 400 lines because the GridKit parsers, the chain merge and the plant readers are one
 * transform that the sample test pins as a whole; splitting them would only spread that contract.
 */
import { csvParse, type DSVRowString } from 'd3';
import { simplify } from '@turf/turf';
import type { Topology } from 'topojson-specification';
import { countryAt } from '../../src/geo/country';
import type { BBox } from '../../src/geo/region-shapes';
import type { GridLayerFile, GridSource } from '../../src/geo/grid-layer';
import { parseGridAdditions, type RegionAdditions } from './grid-additions';

export type { GridLayerFile } from '../../src/geo/grid-layer';

/** The raw texts the transform reads. */
export interface GridRawInputs {
  /** GridKit USA/South heuristic vertices and links */
  usVertices: string;
  usLinks: string;
  /** GridKit Europe high-voltage (≥ 220 kV) vertices and links */
  europeVertices: string;
  europeLinks: string;
  /** GridKit Russia heuristic vertices and links */
  russiaVertices: string;
  russiaLinks: string;
  /** WRI GPPD's copy of EIA-860 2019 for the US (source_databases_csv/database_USA.csv) */
  usPlants: string;
  /** WRI GPPD raw country files (raw_source_files/WRI/<Country>.csv) */
  wriPlants: { Norway: string; Sweden: string; Finland: string; Iceland: string; Russia: string };
  /** world-atlas countries (Natural Earth 1:50m), to keep the Nordic countries only */
  countries: Topology;
  /** parsed scripts/data/grid-additions.json: transmission built since the extracts, with sources */
  additions: unknown;
}

const OSM_SOURCE: GridSource = {
  layers: ['substations', 'lines'],
  name: 'OpenStreetMap power grid, extracted with GridKit (ComplexNetTSP/Power_grids, Zenodo 10.5281/zenodo.250427)',
  attribution: '© OpenStreetMap contributors',
  licence: 'ODbL 1.0',
  licenceUrl: 'https://opendatacommons.org/licenses/odbl/1-0/',
  url: 'https://github.com/ComplexNetTSP/Power_grids',
  dataDate: '2017-01-18',
  short: 'OSM 2017',
};

const EIA_SOURCE: GridSource = {
  layers: ['plants'],
  name: 'U.S. Energy Information Administration, Form EIA-860 (2019), as compiled in the WRI Global Power Plant Database',
  attribution: 'U.S. EIA (EIA-860)',
  licence: 'public domain',
  licenceUrl: 'https://www.eia.gov/about/copyrights_reuse.php',
  url: 'https://www.eia.gov/electricity/data/eia860/',
  dataDate: '2019',
  short: 'EIA-860 2019',
};

const WRI_SOURCE: GridSource = {
  layers: ['plants'],
  name: 'World Resources Institute, Global Power Plant Database v1.3.0 (wri/global-power-plant-database)',
  attribution: 'WRI Global Power Plant Database',
  licence: 'CC BY 4.0',
  licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
  url: 'https://datasets.wri.org/dataset/globalpowerplantdatabase',
  dataDate: '2021-06',
  short: 'WRI GPPD 2021',
};

/** Texas with a margin for stations just across its borders (the access search may need them). */
const TEXAS_BOX: BBox = [-106.7, 25.8, -93.5, 36.6];
/** The Samara/Volga box: Samara oblast and its neighbours' nearby grid (Tolyatti, Syzran, Ulyanovsk, Orenburg north). */
const SAMARA_BOX: BBox = [46.5, 51.0, 53.5, 55.5];
/** Norway, Sweden, Finland and Iceland lie inside these; countries decide membership. */
const NORDIC_BOXES: BBox[] = [
  [4.0, 54.5, 32.0, 71.5],
  [-25.0, 63.0, -13.0, 67.0],
];
const NORDIC_COUNTRIES = new Set(['NO', 'SE', 'FI', 'IS']);

/** Lines below this are dropped (issue 9: transmission ≥ 110 kV). */
const MIN_LINE_KV = 110;
/** Voltages below this are not listed on a substation (distribution side). */
const MIN_LISTED_KV = 60;
/** Decimal places: 4 for substations (~11 m, distances to 0.01 km), 3 for drawn lines (~100 m). */
const SUB_DP = 4;
const LINE_DP = 3;
/** Douglas–Peucker tolerance for merged lines, degrees (~0.5 km): invisible at region zoom. */
const SIMPLIFY_DEG = 0.005;
/** Plants below this many MW are left out (rooftop solar and the like). */
const MIN_PLANT_MW = 1;

const round = (v: number, dp: number) => {
  const f = 10 ** dp;
  return Math.round(v * f) / f;
};
const inBox = (lon: number, lat: number, b: BBox) => lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];

/** "345000;138000" → [345, 138] kV (unique, highest first; junk and > 1,200 kV dropped). */
export function parseKV(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(/[;,]/)) {
    const v = Number(part.trim());
    if (Number.isFinite(v) && v >= 1000 && v <= 1_200_000) out.add(Math.round(v / 1000));
  }
  return [...out].sort((a, b) => b - a);
}

/** GridKit names are sometimes wrapped in single quotes with '' escapes; several names are ';'-joined. */
function cleanName(raw: string): string {
  let s = raw.trim();
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) s = s.slice(1, -1).replace(/''/g, "'");
  return s.replace(/\s+/g, ' ');
}

interface RawVertex {
  id: string;
  lon: number;
  lat: number;
  typ: string;
  kv: number[];
  name: string;
  operator: string;
}

function parseVertices(text: string): RawVertex[] {
  const out: RawVertex[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split('#');
    if (f.length < 14) continue;
    // Fixed columns: 6 from the front (v_id…frequency), 6 from the end (ref…wkt); name and
    // operator are what is left in between (a '#' inside a name lands there too).
    const middle = f.slice(6, f.length - 6);
    out.push({
      id: f[0],
      lon: Number(f[1]),
      lat: Number(f[2]),
      typ: f[3],
      kv: parseKV(f[4]),
      name: cleanName(middle.slice(0, -1).join('#')),
      operator: cleanName(middle[middle.length - 1] ?? ''),
    });
  }
  return out;
}

interface RawLink {
  a: string;
  b: string;
  kv: number[];
  coords: number[][];
}

function parseLinks(text: string): RawLink[] {
  const out: RawLink[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split('#');
    if (f.length < 18) continue;
    const wkt = f[f.length - 2];
    const m = /LINESTRING\(([^)]*)\)/.exec(wkt);
    if (!m) continue;
    const coords = m[1].split(',').map((p) => p.trim().split(/\s+/).map(Number));
    if (coords.some((c) => c.length !== 2 || !c.every(Number.isFinite))) continue;
    out.push({ a: f[1], b: f[2], kv: parseKV(f[3]), coords });
  }
  return out;
}

const SUBSTATION_TYPES = new Set(['substation', 'sub_station', 'station']);

type SubRow = GridLayerFile['substations']['rows'][number];
type LineRow = GridLayerFile['lines']['rows'][number];

/**
 * Substations and lines of one region. `keep` decides which vertices are in the region; a line is
 * kept when both its ends are (lines crossing out of the region are cut at its edge by dropping them).
 */
function gridOf(verticesText: string, linksText: string, keep: (lon: number, lat: number) => boolean, minSubKV: number): { substations: SubRow[]; lines: LineRow[] } {
  const vertices = parseVertices(verticesText);
  const links = parseLinks(linksText);
  const byId = new Map<string, RawVertex>();
  const inRegion = new Set<string>();
  for (const v of vertices) {
    byId.set(v.id, v);
    if (Number.isFinite(v.lon) && Number.isFinite(v.lat) && keep(v.lon, v.lat)) inRegion.add(v.id);
  }
  // Voltages a vertex's lines carry: the fallback for untagged substations.
  const lineKV = new Map<string, Set<number>>();
  for (const l of links) {
    for (const id of [l.a, l.b]) {
      let s = lineKV.get(id);
      if (!s) lineKV.set(id, (s = new Set()));
      for (const kv of l.kv) s.add(kv);
    }
  }

  const subsByKey = new Map<string, SubRow>();
  for (const v of vertices) {
    if (!inRegion.has(v.id) || !SUBSTATION_TYPES.has(v.typ)) continue;
    const tagged = v.kv.filter((k) => k >= MIN_LISTED_KV);
    const fromLines = [...(lineKV.get(v.id) ?? [])].filter((k) => k >= MIN_LISTED_KV).sort((a, b) => b - a);
    const kv = tagged.length ? tagged : fromLines;
    if (!kv.length || kv[0] < minSubKV) continue;
    const lon = round(v.lon, SUB_DP);
    const lat = round(v.lat, SUB_DP);
    const key = `${lon},${lat}`;
    const prev = subsByKey.get(key);
    if (prev) {
      // Same spot twice (a station and its substation polygon): one record, every voltage, the name that exists.
      prev[2] = [...new Set([...prev[2], ...kv])].sort((a, b) => b - a);
      if (!prev[3]) prev[3] = v.name;
      if (!prev[4]) prev[4] = v.operator;
      continue;
    }
    subsByKey.set(key, [lon, lat, kv, v.name, v.operator, tagged.length ? 'tag' : 'lines']);
  }
  const substations = [...subsByKey.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  // Lines ≥ MIN_LINE_KV, one record per pair of ends and voltage (parallel circuits collapse).
  const segs = new Map<string, { kv: number; coords: number[][] }>();
  for (const l of links) {
    const kv = l.kv[0] ?? 0;
    if (kv < MIN_LINE_KV || !inRegion.has(l.a) || !inRegion.has(l.b)) continue;
    const coords = l.coords.map(([x, y]) => [round(x, LINE_DP), round(y, LINE_DP)]);
    const ends = [coords[0].join(','), coords[coords.length - 1].join(',')].sort().join('|');
    const key = `${kv}|${ends}`;
    if (!segs.has(key)) segs.set(key, { kv, coords });
  }
  const subKeys = new Set(substations.map((s) => `${round(s[0], LINE_DP)},${round(s[1], LINE_DP)}`));
  const lines = mergeChains([...segs.values()], subKeys)
    .map(({ kv, coords }): LineRow => {
      const simple = coords.length > 2 ? (simplify({ type: 'LineString', coordinates: coords }, { tolerance: SIMPLIFY_DEG, highQuality: true }).coordinates as number[][]) : coords;
      return [kv, simple.flatMap(([x, y]) => [round(x, LINE_DP), round(y, LINE_DP)])];
    })
    .filter((r) => r[1].length >= 4 && !(r[1].length === 4 && r[1][0] === r[1][2] && r[1][1] === r[1][3]))
    .sort((a, b) => b[0] - a[0] || a[1][0] - b[1][0] || a[1][1] - b[1][1] || a[1].length - b[1].length);
  return { substations, lines };
}

/**
 * Joins segments of one voltage that meet end to end at a point no other segment touches and where
 * no substation stands, so a line drawn as 40 straight pieces becomes one polyline to simplify.
 * Deterministic: segments are visited in a sorted order.
 */
function mergeChains(segs: Array<{ kv: number; coords: number[][] }>, stops: Set<string>): Array<{ kv: number; coords: number[][] }> {
  const out: Array<{ kv: number; coords: number[][] }> = [];
  const byKV = new Map<number, Array<{ kv: number; coords: number[][] }>>();
  for (const s of segs) {
    let list = byKV.get(s.kv);
    if (!list) byKV.set(s.kv, (list = []));
    list.push(s);
  }
  for (const kv of [...byKV.keys()].sort((a, b) => b - a)) {
    const list = byKV.get(kv)!.sort((a, b) => a.coords[0][0] - b.coords[0][0] || a.coords[0][1] - b.coords[0][1] || a.coords.length - b.coords.length);
    const key = (c: number[]) => `${c[0]},${c[1]}`;
    const at = new Map<string, number[]>();
    list.forEach((s, i) => {
      for (const k of [key(s.coords[0]), key(s.coords[s.coords.length - 1])]) {
        let l = at.get(k);
        if (!l) at.set(k, (l = []));
        l.push(i);
      }
    });
    const joint = (k: string) => !stops.has(k) && at.get(k)!.length === 2;
    const used = new Uint8Array(list.length);
    const extend = (chain: number[][], from: number) => {
      // Walk forward from the chain's last point while it is a plain joint.
      let last = from;
      for (;;) {
        const k = key(chain[chain.length - 1]);
        if (!joint(k)) return;
        const next = at.get(k)!.find((j) => j !== last && !used[j]);
        if (next === undefined) return;
        used[next] = 1;
        const c = list[next].coords;
        const forward = key(c[0]) === k;
        const pts = forward ? c : [...c].reverse();
        chain.push(...pts.slice(1));
        last = next;
      }
    };
    for (let i = 0; i < list.length; i++) {
      if (used[i]) continue;
      used[i] = 1;
      const chain = [...list[i].coords];
      extend(chain, i);
      chain.reverse();
      extend(chain, i);
      out.push({ kv, coords: chain });
    }
  }
  return out;
}

type PlantRow = GridLayerFile['plants']['rows'][number];

function plantRow(lon: number, lat: number, mw: number, fuel: string, name: string, source: string): PlantRow {
  return [round(lon, SUB_DP), round(lat, SUB_DP), Math.round(mw * 10) / 10, fuel || 'Unknown', name.trim(), source];
}

/** Plants from WRI's EIA-860 copy (snake_case columns) inside a box. */
function usPlants(text: string, box: BBox): PlantRow[] {
  const out: PlantRow[] = [];
  for (const r of csvParse(text) as Iterable<DSVRowString>) {
    const lon = Number(r.longitude);
    const lat = Number(r.latitude);
    const mw = Number(r.capacity_mw);
    if (!inBox(lon, lat, box) || !(mw >= MIN_PLANT_MW)) continue;
    out.push(plantRow(lon, lat, mw, r.primary_fuel ?? '', r.name ?? '', EIA_SOURCE.short));
  }
  return out;
}

/** Plants from WRI's raw country files (Title Case columns); `keep` filters by position. */
function wriPlants(text: string, keep: (lon: number, lat: number) => boolean): PlantRow[] {
  const out: PlantRow[] = [];
  for (const r of csvParse(text) as Iterable<DSVRowString>) {
    const lon = Number(r.Longitude);
    const lat = Number(r.Latitude);
    const mw = Number(r['Capacity (MW)']);
    if (!r.Longitude || !r.Latitude || !Number.isFinite(lon) || !Number.isFinite(lat) || !(mw >= MIN_PLANT_MW) || !keep(lon, lat)) continue;
    out.push(plantRow(lon, lat, mw, r.Fuel ?? '', r.Name ?? '', WRI_SOURCE.short));
  }
  return out;
}

/** One plant per rounded position and name; the larger capacity wins when a source lists it twice. */
function dedupePlants(rows: PlantRow[]): PlantRow[] {
  const byKey = new Map<string, PlantRow>();
  for (const r of rows) {
    const k = `${r[0]},${r[1]},${r[4]}`;
    const prev = byKey.get(k);
    if (!prev || r[2] > prev[2]) byKey.set(k, r);
  }
  return [...byKey.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[4].localeCompare(b[4]));
}

function layerFile(region: string, title: string, coverage: BBox[], sources: GridSource[], notes: string[], completeFromKV: number, grid: { substations: SubRow[]; lines: LineRow[] }, plants: PlantRow[], added?: RegionAdditions): GridLayerFile {
  // Added stations and lines join the extract's rows in the same order (the extract's win a tie).
  const substations = added ? [...grid.substations, ...added.substations].sort((a, b) => a[0] - b[0] || a[1] - b[1]) : grid.substations;
  const lines = added ? [...grid.lines, ...added.lines].sort((a, b) => b[0] - a[0] || a[1][0] - b[1][0] || a[1][1] - b[1][1] || a[1].length - b[1].length) : grid.lines;
  return {
    format: 'grid-layer/1',
    region,
    title,
    coverage,
    sources: added?.source ? [...sources, added.source] : sources,
    notes: added?.source ? [...notes, `${added.substations.length} substation(s) and ${added.lines.length} line(s) built since the extract are added from the operator's project pages (source "${added.source.short}"); their positions are placed by hand at the places those pages name.`] : notes,
    substationsCompleteFromKV: completeFromKV,
    substations: { fields: ['lon', 'lat', 'kv', 'name', 'operator', 'kvFrom', 'source'], rows: substations },
    lines: { fields: ['kv', 'coords', 'source'], rows: lines },
    plants: { fields: ['lon', 'lat', 'mw', 'fuel', 'name', 'source'], rows: dedupePlants(plants) },
  };
}

const COMMON_NOTES = [
  'Substation voltages come from the OSM tag where there is one (kvFrom "tag"), else from the lines that end there (kvFrom "lines").',
  `Lines ≥ ${MIN_LINE_KV} kV only, drawn as straight pieces between GridKit nodes, merged and simplified (~0.5 km); coordinates rounded to ${SUB_DP} decimals (substations) and ${LINE_DP} (lines).`,
];

/** The layer files, by file name, as the exact text written to public/grid/. */
export function buildGridLayers(raw: GridRawInputs): Record<string, string> {
  const added = parseGridAdditions(raw.additions, { sub: SUB_DP, line: LINE_DP });
  const known = new Set(['texas', 'nordics', 'samara']);
  for (const r of added.keys()) if (!known.has(r)) throw new Error(`grid additions: region "${r}" has no grid layer (known: ${[...known].join(', ')})`);
  const texas = layerFile(
    'texas',
    'Texas (ERCOT and its borders)',
    [TEXAS_BOX],
    [OSM_SOURCE, EIA_SOURCE],
    [...COMMON_NOTES, 'Substations ≥ 69 kV (the smallest US access rule).'],
    69,
    gridOf(raw.usVertices, raw.usLinks, (lon, lat) => inBox(lon, lat, TEXAS_BOX), 69),
    usPlants(raw.usPlants, TEXAS_BOX),
    added.get('texas'),
  );
  const nordicKeep = (lon: number, lat: number) => {
    if (!NORDIC_BOXES.some((b) => inBox(lon, lat, b))) return false;
    const iso2 = countryAt(lon, lat, raw.countries)?.iso2 ?? null;
    // null: at sea on the 1:50m coast (islands, fjords), which inside these boxes is Nordic.
    return iso2 === null || NORDIC_COUNTRIES.has(iso2);
  };
  const nordics = layerFile(
    'nordics',
    'Norway, Sweden, Finland and Iceland',
    NORDIC_BOXES,
    [OSM_SOURCE, WRI_SOURCE],
    [...COMMON_NOTES, 'The European extract holds the ≥ 220 kV grid only: 110–132 kV substations are missing, so distances to them are overstated.'],
    // The Europe extract is the ≥ 220 kV grid: the few 110–132 kV stations in it are strays.
    220,
    gridOf(raw.europeVertices, raw.europeLinks, nordicKeep, 110),
    (['Norway', 'Sweden', 'Finland', 'Iceland'] as const).flatMap((c) => wriPlants(raw.wriPlants[c], () => true)),
    added.get('nordics'),
  );
  const samara = layerFile(
    'samara',
    'Samara and the middle Volga',
    [SAMARA_BOX],
    [OSM_SOURCE, WRI_SOURCE],
    [...COMMON_NOTES, 'Many Russian substations carry no voltage tag and no tagged line; those are left out.'],
    110,
    gridOf(raw.russiaVertices, raw.russiaLinks, (lon, lat) => inBox(lon, lat, SAMARA_BOX), 110),
    wriPlants(raw.wriPlants.Russia, (lon, lat) => inBox(lon, lat, SAMARA_BOX)),
    added.get('samara'),
  );
  const out: Record<string, string> = {};
  for (const f of [texas, nordics, samara]) out[`${f.region}.json`] = JSON.stringify(f) + '\n';
  return out;
}
