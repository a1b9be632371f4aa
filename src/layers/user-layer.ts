/**
 * A user's own layer (issue 9 part 4): a GeoJSON file, or a CSV with lon/lat columns, of
 * substations, lines, parcels or candidate sites. Pure: text in, a validated layer or every problem
 * out, each naming the file, the row (feature) and the field. Nothing here reads files, touches
 * the network or the DOM; names and properties stay untrusted text for the UI to render as text.
 */
import { bbox as turfBbox } from '@turf/turf';
import Papa from 'papaparse';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Substation } from '../geo/nearest-substation';
import { findJsonSyntaxError, jsonDepthProblem } from '../snapshot/json-syntax';

/** Files above this size are refused before they are read. */
export const MAX_LAYER_BYTES = 50 * 1024 * 1024;
/** At most this many problems are listed; the rest are counted. */
const MAX_PROBLEMS = 20;
/** Features a layer may hold (keeps drawing and the nearest-substation scan responsive). */
export const MAX_LAYER_FEATURES = 200_000;

export type LayerKind = 'substations' | 'lines' | 'parcels' | 'sites';
export const LAYER_KINDS: ReadonlyArray<{ id: LayerKind; label: string }> = [
  { id: 'substations', label: 'Substations' },
  { id: 'lines', label: 'Power lines' },
  { id: 'parcels', label: 'Parcels' },
  { id: 'sites', label: 'Candidate sites' },
];

/** One problem, located: `row` is the 1-based feature (GeoJSON) or data row (CSV), null for the file. */
export interface LayerProblem {
  file: string;
  row: number | null;
  field: string;
  message: string;
}

export function formatLayerProblem(p: LayerProblem): string {
  const where = [p.file, p.row === null ? null : `row ${p.row}`, p.field || null].filter(Boolean).join(' › ');
  return `${where}: ${p.message}`;
}

export interface ParsedLayer {
  /** the file name as given (untrusted text) */
  name: string;
  format: 'geojson' | 'csv';
  /** a first guess from the geometry and columns; the user can change it */
  kind: LayerKind;
  data: FeatureCollection;
}

export type LayerResult = { ok: true; layer: ParsedLayer } | { ok: false; problems: LayerProblem[]; more: number };

/** Refuses a file by its size alone, before any byte is read. */
export function sizeProblem(name: string, bytes: number): LayerProblem | null {
  if (bytes <= MAX_LAYER_BYTES) return null;
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return { file: name, row: null, field: '', message: `is ${mb} MB; files over 50 MB are refused (nothing was read)` };
}

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;
type GeomType = (typeof GEOMETRY_TYPES)[number];
/** How deep each geometry type nests its positions. */
const DEPTH: Record<GeomType, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

class Problems {
  list: LayerProblem[] = [];
  more = 0;
  constructor(readonly file: string) {}
  add(row: number | null, field: string, message: string) {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ file: this.file, row, field, message });
    else this.more++;
  }
  get any() {
    return this.list.length > 0;
  }
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : JSON.stringify(v) ?? String(v));

/** Checks one position; returns false (and reports) when it is not [lon, lat] in range. */
function checkPosition(p: unknown, row: number, field: string, out: Problems): boolean {
  if (!Array.isArray(p) || p.length < 2) {
    out.add(row, field, `must be a position [longitude, latitude], got ${show(p)}`);
    return false;
  }
  const [lon, lat] = p as unknown[];
  if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
    out.add(row, `${field}[0]`, `longitude must be a number from -180 to 180, got ${show(lon)}`);
    return false;
  }
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    out.add(row, `${field}[1]`, `latitude must be a number from -90 to 90, got ${show(lat)}`);
    return false;
  }
  return true;
}

/** Walks nested coordinate arrays to `depth`, checking every position; stops at the first bad one. */
function checkCoordinates(c: unknown, depth: number, row: number, field: string, out: Problems): boolean {
  if (depth === 0) return checkPosition(c, row, field, out);
  if (!Array.isArray(c) || c.length === 0) {
    out.add(row, field, `must be a non-empty list, got ${show(c)}`);
    return false;
  }
  for (let i = 0; i < c.length; i++) if (!checkCoordinates(c[i], depth - 1, row, `${field}[${i}]`, out)) return false;
  return true;
}

function checkFeature(raw: unknown, row: number, out: Problems): Feature | null {
  if (raw === null || typeof raw !== 'object' || (raw as { type?: unknown }).type !== 'Feature') {
    out.add(row, 'type', 'must be a GeoJSON Feature ({"type": "Feature", "geometry": …, "properties": …})');
    return null;
  }
  const f = raw as { geometry?: unknown; properties?: unknown };
  const g = f.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
  if (g === null || typeof g !== 'object') {
    out.add(row, 'geometry', 'is missing: every feature needs a Point, LineString or Polygon geometry');
    return null;
  }
  if (!GEOMETRY_TYPES.includes(g.type as GeomType)) {
    out.add(row, 'geometry.type', `must be one of ${GEOMETRY_TYPES.join(', ')}, got ${show(g.type)}`);
    return null;
  }
  if (!checkCoordinates(g.coordinates, DEPTH[g.type as GeomType], row, 'geometry.coordinates', out)) return null;
  const props = f.properties;
  if (props !== null && props !== undefined && (typeof props !== 'object' || Array.isArray(props))) {
    out.add(row, 'properties', `must be an object or null, got ${show(props)}`);
    return null;
  }
  return { type: 'Feature', geometry: { type: g.type, coordinates: g.coordinates } as Geometry, properties: plainProps(props as Record<string, unknown> | null) };
}

/** Properties as plain data (no prototype tricks: keys are copied onto a null-prototype object). */
function plainProps(p: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (!p) return out;
  for (const [k, v] of Object.entries(p)) if (k !== '__proto__') out[k] = v;
  return out;
}

function guessKind(features: Feature[]): LayerKind {
  const types = new Set(features.map((f) => f.geometry.type));
  if ([...types].every((t) => t === 'LineString' || t === 'MultiLineString')) return 'lines';
  if ([...types].every((t) => t === 'Polygon' || t === 'MultiPolygon')) return 'parcels';
  const hasVoltage = features.some((f) => voltageOf(f.properties ?? {}).length > 0);
  return hasVoltage ? 'substations' : 'sites';
}

export function parseGeoJsonText(name: string, text: string): LayerResult {
  const out = new Problems(name);
  const tooDeep = jsonDepthProblem(text);
  if (tooDeep) {
    out.add(null, '', tooDeep);
    return { ok: false, problems: out.list, more: 0 };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Engines word JSON errors differently; the project's scanner gives the same place everywhere.
    const at = findJsonSyntaxError(text);
    const where = at ? (at.endOfText ? 'the text ends too early (a truncated file?)' : `line ${at.line}, column ${at.column}`) : 'unknown place';
    out.add(null, '', `is not valid JSON (${where})`);
    return { ok: false, problems: out.list, more: 0 };
  }
  const fc = json as { type?: unknown; features?: unknown };
  let raws: unknown[];
  if (fc && typeof fc === 'object' && fc.type === 'FeatureCollection' && Array.isArray(fc.features)) raws = fc.features;
  else if (fc && typeof fc === 'object' && fc.type === 'Feature') raws = [fc];
  else {
    out.add(null, 'type', 'must be a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [ … ]})');
    return { ok: false, problems: out.list, more: 0 };
  }
  if (raws.length === 0) out.add(null, 'features', 'is empty: the file has no features to draw');
  if (raws.length > MAX_LAYER_FEATURES) out.add(null, 'features', `has ${raws.length.toLocaleString('en-US')} features; at most ${MAX_LAYER_FEATURES.toLocaleString('en-US')} are drawn`);
  if (out.any) return { ok: false, problems: out.list, more: 0 };
  const features: Feature[] = [];
  raws.forEach((raw, i) => {
    const f = checkFeature(raw, i + 1, out);
    if (f) features.push(f);
  });
  if (out.any) return { ok: false, problems: out.list, more: out.more };
  return { ok: true, layer: { name, format: 'geojson', kind: guessKind(features), data: { type: 'FeatureCollection', features } } };
}

const LON_NAMES = ['lon', 'lng', 'long', 'longitude', 'x'];
const LAT_NAMES = ['lat', 'latitude', 'y'];

export function parseCsvText(name: string, text: string): LayerResult {
  const out = new Problems(name);
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const fields = parsed.meta.fields ?? [];
  const lonCol = fields.find((f) => LON_NAMES.includes(f.toLowerCase()));
  const latCol = fields.find((f) => LAT_NAMES.includes(f.toLowerCase()));
  if (!lonCol || !latCol) {
    out.add(null, 'header', `needs a longitude and a latitude column (e.g. "lon" and "lat"); found ${fields.length ? fields.map((f) => JSON.stringify(f)).join(', ') : 'no header'}`);
    return { ok: false, problems: out.list, more: 0 };
  }
  for (const e of parsed.errors) {
    // Papa's row is the 0-based data row; people count data rows from 1.
    out.add(e.row === undefined ? null : e.row + 1, '', e.message);
  }
  if (parsed.data.length === 0) out.add(null, '', 'has a header but no data rows');
  if (parsed.data.length > MAX_LAYER_FEATURES) out.add(null, '', `has ${parsed.data.length.toLocaleString('en-US')} rows; at most ${MAX_LAYER_FEATURES.toLocaleString('en-US')} are drawn`);
  if (out.any) return { ok: false, problems: out.list, more: out.more };
  const features: Feature[] = [];
  parsed.data.forEach((rec, i) => {
    const row = i + 1;
    const lon = numberIn(rec[lonCol], -180, 180);
    const lat = numberIn(rec[latCol], -90, 90);
    if (lon === null) out.add(row, lonCol, `longitude must be a number from -180 to 180, got ${show(rec[lonCol] ?? '')}`);
    if (lat === null) out.add(row, latCol, `latitude must be a number from -90 to 90, got ${show(rec[latCol] ?? '')}`);
    if (lon === null || lat === null) return;
    const props = plainProps(null);
    for (const [k, v] of Object.entries(rec)) if (k !== lonCol && k !== latCol && k !== '__proto__') props[k] = v;
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: props });
  });
  if (out.any) return { ok: false, problems: out.list, more: out.more };
  return { ok: true, layer: { name, format: 'csv', kind: guessKind(features), data: { type: 'FeatureCollection', features } } };
}

function numberIn(raw: string | undefined, min: number, max: number): number | null {
  const t = (raw ?? '').trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) && v >= min && v <= max ? v : null;
}

/** Chooses the parser by file name: `.csv` is CSV, anything else is read as GeoJSON. */
export function parseLayerText(name: string, text: string): LayerResult {
  return /\.csv$/i.test(name) ? parseCsvText(name, text) : parseGeoJsonText(name, text);
}

// ---- reading a layer as substations or candidate sites -------------------------------------------

const pick = (p: Record<string, unknown>, keys: string[]): unknown => {
  for (const k of Object.keys(p)) if (keys.includes(k.toLowerCase())) return p[k];
  return undefined;
};

/**
 * Voltages in kV from a property: "345", "345 kV", 345, or OSM's volts "345000;138000". Values
 * above 2,000 are taken as volts (no grid runs at 2 MV).
 */
export function voltageOf(p: Record<string, unknown>): number[] {
  const raw = pick(p, ['voltage', 'voltage_kv', 'kv', 'max_kv', 'voltagekv']);
  if (raw === undefined || raw === null || raw === '') return [];
  const parts = String(raw).split(/[;,/]/);
  const kv: number[] = [];
  for (const part of parts) {
    const v = Number(part.replace(/kv/i, '').trim());
    if (Number.isFinite(v) && v > 0) kv.push(v > 2000 ? v / 1000 : v);
  }
  return kv.sort((a, b) => b - a);
}

const textOf = (v: unknown) => (v === undefined || v === null ? '' : String(v).slice(0, 200));

/** The layer's points as substations for the access computation (a feature's first position for multi-points). */
export function substationsOf(layer: { name: string; data: FeatureCollection }): Substation[] {
  const out: Substation[] = [];
  for (const f of layer.data.features) {
    const pos = pointOf(f.geometry);
    if (!pos) continue;
    const p = (f.properties ?? {}) as Record<string, unknown>;
    out.push({ lon: pos[0], lat: pos[1], name: textOf(pick(p, ['name', 'substation', 'title'])), kv: voltageOf(p), operator: textOf(pick(p, ['operator', 'owner', 'utility'])), source: layer.name });
  }
  return out;
}

function pointOf(g: Geometry): [number, number] | null {
  if (g.type === 'Point') return [g.coordinates[0], g.coordinates[1]];
  if (g.type === 'MultiPoint' && g.coordinates.length) return [g.coordinates[0][0], g.coordinates[0][1]];
  return null;
}

/** A candidate site from one point feature: its name (or "<file> row N") and any MW it gives. */
export interface SiteFromLayer {
  name: string;
  lon: number;
  lat: number;
  gridMW: number | null;
}

export function sitesOf(layer: { name: string; data: FeatureCollection }, max = 200): SiteFromLayer[] {
  const out: SiteFromLayer[] = [];
  layer.data.features.forEach((f, i) => {
    if (out.length >= max) return;
    const pos = pointOf(f.geometry);
    if (!pos) return;
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const name = textOf(pick(p, ['name', 'site', 'title'])).trim() || `${layer.name} row ${i + 1}`;
    const mwRaw = Number(pick(p, ['mw', 'grid_mw', 'gridmw', 'capacity_mw']));
    out.push({ name: name.slice(0, 120), lon: pos[0], lat: pos[1], gridMW: Number.isFinite(mwRaw) && mwRaw >= 0 && mwRaw <= 100_000 ? mwRaw : null });
  });
  return out;
}

/** A layer's extent [west, south, east, north] in degrees, for "zoom to layer"; null when it has no features. */
export function layerBounds(data: FeatureCollection): [number, number, number, number] | null {
  if (data.features.length === 0) return null;
  const [w, s, e, n] = turfBbox(data);
  return [w, s, e, n].every(Number.isFinite) ? [w, s, e, n] : null;
}
