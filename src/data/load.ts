/**
 * Validation at the edge: every bundled data file passes through here once. Valid items are kept,
 * each invalid one is dropped and reported with its file, item and field, so one bad feature never
 * hides the rest. Pure functions of already-parsed JSON (or text), so Vitest and tsx can call them
 * with files read from disk and the app with Vite's `?raw` imports (see `bundled.ts`).
 */
import type { z } from 'zod';
import { zodIssuesToFieldErrors } from '../sim/zod-errors';
import type { DataError } from './errors';
import { regionRuleProblems, siteRuleProblems, type RuleProblem } from './rules';
import { featureCollection, hubFeature, regionInfo, siteFeature, type Hub, type RegionInfo, type Site } from './schema';

export const SITES_FILE = 'data/sites.geojson';
export const HUBS_FILE = 'data/hubs.geojson';
export const REGIONS_FILE = 'data/regions.json';

/** Everything the app shows, plus what was left out and why. */
export interface LoadedData {
  sites: Site[];
  hubs: Hub[];
  regions: RegionInfo[];
  errors: DataError[];
}

type Item = 'feature' | 'region';

/** An id good enough to name the item in a message; otherwise the message uses its index. */
function readableId(raw: unknown, item: Item): string | null {
  if (raw === null || typeof raw !== 'object') return null;
  const holder = item === 'feature' ? (raw as { properties?: unknown }).properties : raw;
  if (holder === null || typeof holder !== 'object') return null;
  const id = (holder as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 && id.length <= 80 ? id : null;
}

/**
 * Validates each raw item with `schema`, converts it with `toItem`, applies `rules`, and drops
 * duplicates of an id already kept. Keeps input order.
 */
function validateItems<S extends z.ZodType, T extends { id: string }>(
  raws: readonly unknown[],
  file: string,
  item: Item,
  schema: S,
  toItem: (parsed: z.infer<S>) => T,
  rules: (value: T) => RuleProblem[],
): { items: T[]; errors: DataError[] } {
  const items: T[] = [];
  const errors: DataError[] = [];
  const seen = new Map<string, number>();
  const idField = item === 'feature' ? 'properties.id' : 'id';
  raws.forEach((raw, index) => {
    const feature = readableId(raw, item) ?? index;
    const report = (p: RuleProblem) => errors.push({ file, feature, item, field: p.field, message: p.message });
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      zodIssuesToFieldErrors(parsed.error.issues, '', raw).forEach(report);
      return;
    }
    const value = toItem(parsed.data);
    const problems = rules(value);
    const first = seen.get(value.id);
    if (first !== undefined) {
      problems.push({ field: idField, message: `repeats the id of the ${item} at index ${first}; ids must be unique` });
    }
    if (problems.length > 0) {
      problems.forEach(report);
      return;
    }
    seen.set(value.id, index);
    items.push(value);
  });
  return { items, errors };
}

/** The features of a FeatureCollection, or one file-level error saying it is not one. */
function featuresOf(json: unknown, file: string): { features: unknown[] } | { error: DataError } {
  const fc = featureCollection.safeParse(json);
  if (fc.success) return { features: fc.data.features };
  return {
    error: {
      file,
      feature: null,
      item: 'feature',
      field: '',
      message: 'is not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [ … ]})',
    },
  };
}

/** A point feature's properties, flattened, with its position as `lon`/`lat`. */
function flattenPoint<P extends { id: string }>(f: { geometry: { coordinates: number[] }; properties: P }): P & { lon: number; lat: number } {
  return { ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] };
}

/** Validates a FeatureCollection of points item by item. */
function parsePoints<P extends { id: string }, T extends P & { lon: number; lat: number }>(
  json: unknown,
  file: string,
  schema: z.ZodType<{ geometry: { coordinates: number[] }; properties: P }>,
  rules: (value: T) => RuleProblem[],
): { items: T[]; errors: DataError[] } {
  const fc = featuresOf(json, file);
  if ('error' in fc) return { items: [], errors: [fc.error] };
  return validateItems(fc.features, file, 'feature', schema, (f) => flattenPoint(f) as T, rules);
}

/** Validates `data/sites.geojson`: keeps every valid site, reports each invalid feature. */
export function parseSites(json: unknown, file = SITES_FILE): { sites: Site[]; errors: DataError[] } {
  const { items, errors } = parsePoints<Omit<Site, 'lon' | 'lat'>, Site>(json, file, siteFeature, siteRuleProblems);
  return { sites: items, errors };
}

/** Validates `data/hubs.geojson`. */
export function parseHubs(json: unknown, file = HUBS_FILE): { hubs: Hub[]; errors: DataError[] } {
  const { items, errors } = parsePoints<Omit<Hub, 'lon' | 'lat'>, Hub>(json, file, hubFeature, () => []);
  return { hubs: items, errors };
}

/**
 * Validates the `regions` array of `data/regions.json`. The file's `queuePresets` belong to the
 * queue model and are validated there, not here.
 */
export function parseRegions(json: unknown, file = REGIONS_FILE): { regions: RegionInfo[]; errors: DataError[] } {
  const regions = json !== null && typeof json === 'object' ? (json as { regions?: unknown }).regions : undefined;
  if (!Array.isArray(regions)) {
    return {
      regions: [],
      errors: [{ file, feature: null, item: 'region', field: 'regions', message: 'is missing or not a list of regions' }],
    };
  }
  const { items, errors } = validateItems(regions, file, 'region', regionInfo, (r) => r, regionRuleProblems);
  return { regions: items, errors };
}

/** Parses JSON text, reporting a syntax error as one file-level error. */
export function parseJsonText(text: string, file: string): { value: unknown; errors: DataError[] } {
  try {
    return { value: JSON.parse(text) as unknown, errors: [] };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { value: undefined, errors: [{ file, feature: null, item: 'feature', field: '', message: `is not valid JSON (${why})` }] };
  }
}

/** Validates the three files, given their parsed JSON. */
export function loadData(json: { sites: unknown; hubs: unknown; regions: unknown }): LoadedData {
  const s = parseSites(json.sites);
  const h = parseHubs(json.hubs);
  const r = parseRegions(json.regions);
  return { sites: s.sites, hubs: h.hubs, regions: r.regions, errors: [...s.errors, ...h.errors, ...r.errors] };
}

/** Validates the three files, given their text; a file that is not JSON contributes no items. */
export function loadDataFromText(text: { sites: string; hubs: string; regions: string }): LoadedData {
  const s = parseJsonText(text.sites, SITES_FILE);
  const h = parseJsonText(text.hubs, HUBS_FILE);
  const r = parseJsonText(text.regions, REGIONS_FILE);
  const data = loadData({ sites: s.value ?? null, hubs: h.value ?? null, regions: r.value ?? null });
  // A syntax error already explains the empty file; drop the "not a FeatureCollection" echo.
  const broken = new Set([...s.errors, ...h.errors, ...r.errors].map((e) => e.file));
  return {
    ...data,
    errors: [...s.errors, ...h.errors, ...r.errors, ...data.errors.filter((e) => !broken.has(e.file))],
  };
}
