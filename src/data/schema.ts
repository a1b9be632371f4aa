/**
 * Types and zod schemas of the three bundled data files (`data/sites.geojson`, `data/hubs.geojson`,
 * the `regions` array of `data/regions.json`). The schemas check shape and ranges; the rules that
 * relate several fields (sources back every number, unique ids…) live in `rules.ts`, and the
 * per-feature loop that keeps valid features and reports the rest in `load.ts`.
 */
import { z } from 'zod';
import { patterned } from '../sim/zod-errors';

export { formatDataError, type DataError } from './errors';

/** The four regions the UI filters by. `samara` covers every Russian site, `nordics` NO/SE/FI/IS. */
export type UiRegion = 'samara' | 'texas' | 'singapore' | 'nordics';
export const UI_REGION_IDS = ['samara', 'texas', 'singapore', 'nordics'] as const satisfies readonly UiRegion[];

/** `power-shell`: an existing, energized grid connection (a mine or DC) to buy; `greenfield`: a new build. */
export type SiteKind = 'power-shell' | 'greenfield';

/** Queue model presets, one per grid region; the same ids key `queuePresets` in regions.json. */
export type QueuePresetId = 'ercot-large-load' | 'norway' | 'sweden' | 'finland' | 'iceland' | 'singapore' | 'samara';
export const QUEUE_PRESET_IDS = [
  'ercot-large-load',
  'norway',
  'sweden',
  'finland',
  'iceland',
  'singapore',
  'samara',
] as const satisfies readonly QueuePresetId[];

/** The UI region each queue preset belongs to (a site's preset must match its region). */
export const PRESET_UI_REGION: Record<QueuePresetId, UiRegion> = {
  'ercot-large-load': 'texas',
  norway: 'nordics',
  sweden: 'nordics',
  finland: 'nordics',
  iceland: 'nordics',
  singapore: 'singapore',
  samara: 'samara',
};

/** `exact`: the facility; `town`: the town centroid (±0.1°); `approximate`: somewhere in the area. */
export type LocationPrecision = 'exact' | 'town' | 'approximate';

/** A power price as the source states it; zonal or hub prices say so in `basis`. */
export interface PowerPrice {
  /** Amount in `unit`. */
  value: number;
  /** Currency and energy unit, e.g. "USD/MWh", "SGD/MWh", "NOK øre/kWh". */
  unit: string;
  /** Period the price refers to, ISO `YYYY-MM` or `YYYY-MM-DD`. */
  date: string;
  /** What the number is: zone, hub, averaging period, whether it is an ESTIMATE. */
  basis: string;
}

/** Site properties a source can back. */
export const SITE_FIELDS = [
  'name',
  'kind',
  'status',
  'gridOperator',
  'gridMW',
  'aiItMW',
  'powerPrice',
  'pue',
  'location',
  'notes',
] as const;
export type SiteField = (typeof SITE_FIELDS)[number];

/** One source of a site; `supports` names the properties it backs. */
export interface SiteSource {
  title: string;
  /** http(s) address. */
  url: string;
  /** Publication or as-of date, ISO `YYYY-MM` or `YYYY-MM-DD`. */
  date: string;
  supports: SiteField[];
}

/** A candidate site as the app uses it: the GeoJSON properties flattened, plus its position. */
export interface Site {
  /** kebab-case, unique across the file. */
  id: string;
  /** Display name: untrusted text, render as text. */
  name: string;
  region: UiRegion;
  /** ISO 3166-1 alpha-2. */
  country: string;
  kind: SiteKind;
  /** Short plain-text status, e.g. "operating mine; 25 MW AI lease signed Jan 2026". */
  status: string;
  /** When the status and numbers were last true per the newest source, ISO `YYYY-MM` or `YYYY-MM-DD`. */
  asOf: string;
  gridOperator: string;
  queuePreset: QueuePresetId;
  /** Grid connection, MW (null = not published). */
  gridMW: number | null;
  /** MW the owner has designated or contracted for AI/HPC, MW (null = not published); ≤ gridMW. */
  aiItMW: number | null;
  powerPrice: PowerPrice | null;
  /** Power usage effectiveness, dimensionless in [1, 3] (null = not published). */
  pue: number | null;
  locationPrecision: LocationPrecision;
  /** True for hypothetical candidates placed to compare options; they carry no invented numbers. */
  illustrative: boolean;
  notes: string;
  sources: SiteSource[];
  /** Longitude, degrees east (WGS84). */
  lon: number;
  /** Latitude, degrees north (WGS84). */
  lat: number;
}

/** A demand / interconnection hub used for latency estimates. */
export interface Hub {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  kind: 'internet-exchange/demand hub';
  /** How the coordinates were chosen (city centroid, precision). */
  note: string;
  /** Where the coordinates come from. */
  source: string;
  /** Longitude, degrees east. */
  lon: number;
  /** Latitude, degrees north. */
  lat: number;
}

/** One planner-facing fact about a grid region. */
export interface RegionFact {
  label: string;
  /** A number in `unit`, or text when the fact is a rule or a range. */
  value: number | string;
  unit: string | null;
  /** When the fact was true, ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  asOf: string;
  /** Indices into the region's `sources` (at least one). */
  sources: number[];
  /** True when the value is this project's judgement or arithmetic rather than a quoted figure. */
  estimate: boolean;
}

export interface RegionSource {
  title: string;
  /** http(s) address. */
  url: string;
  /** Publication or as-of date, ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date: string;
}

/** A grid region (one per queue preset) with its sourced facts. */
export interface RegionInfo {
  id: QueuePresetId;
  name: string;
  uiRegion: UiRegion;
  /** ISO 3166-1 alpha-2. */
  country: string;
  gridOperator: string;
  facts: RegionFact[];
  sources: RegionSource[];
  /** What could not be sourced, and other caveats. */
  notes: string;
}

// ---- schemas ---------------------------------------------------------------------------------

const ID = patterned(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a kebab-case id such as "riot-rockdale"');
const ISO2 = patterned(/^[A-Z]{2}$/, 'a two-letter ISO 3166-1 country code such as "NO"');
const MONTH_DATE = patterned(
  /^\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$/,
  'a date as YYYY-MM or YYYY-MM-DD',
);
const YEAR_OR_DATE = patterned(
  /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/,
  'a date as YYYY, YYYY-MM or YYYY-MM-DD',
);
// Links are rendered as <a href>: only web addresses, never javascript: or data: URLs.
const HTTP_URL = patterned(/^https?:\/\/[^\s]+$/, 'a web address starting with http:// or https://');
const TEXT = z.string().min(1);
const MW = z.number().min(0).max(100_000).nullable();

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], z.number());
const point = z.object({ type: z.literal('Point'), coordinates: position });

const siteSource = z.object({
  title: TEXT,
  url: HTTP_URL,
  date: MONTH_DATE,
  supports: z.array(z.enum(SITE_FIELDS)).min(1),
});

const powerPrice = z.object({ value: z.number().min(0), unit: TEXT, date: MONTH_DATE, basis: TEXT });

export const siteProperties = z.object({
  id: ID,
  name: TEXT,
  region: z.enum(UI_REGION_IDS),
  country: ISO2,
  kind: z.enum(['power-shell', 'greenfield']),
  status: TEXT,
  asOf: MONTH_DATE,
  gridOperator: TEXT,
  queuePreset: z.enum(QUEUE_PRESET_IDS),
  gridMW: MW,
  aiItMW: MW,
  powerPrice: powerPrice.nullable(),
  pue: z.number().min(1).max(3).nullable(),
  locationPrecision: z.enum(['exact', 'town', 'approximate']),
  illustrative: z.boolean(),
  notes: z.string(),
  sources: z.array(siteSource),
});

export const siteFeature = z.object({ type: z.literal('Feature'), geometry: point, properties: siteProperties });

export const hubFeature = z.object({
  type: z.literal('Feature'),
  geometry: point,
  properties: z.object({
    id: ID,
    name: TEXT,
    country: ISO2,
    kind: z.literal('internet-exchange/demand hub'),
    note: TEXT,
    source: TEXT,
  }),
});

export const featureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

const regionFact = z.object({
  label: TEXT,
  value: z.union([z.number(), TEXT]),
  unit: TEXT.nullable(),
  asOf: YEAR_OR_DATE,
  sources: z.array(z.number().int().min(0)).min(1),
  estimate: z.boolean().default(false),
});

export const regionInfo = z.object({
  id: z.enum(QUEUE_PRESET_IDS),
  name: TEXT,
  uiRegion: z.enum(UI_REGION_IDS),
  country: ISO2,
  gridOperator: TEXT,
  facts: z.array(regionFact).min(1),
  sources: z.array(z.object({ title: TEXT, url: HTTP_URL, date: YEAR_OR_DATE })).min(1),
  notes: z.string().default(''),
});

// Compile-time checks that the schemas produce exactly the documented types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _siteTypeMatches: Same<z.infer<typeof siteProperties> & { lon: number; lat: number }, Site> = true;
const _regionTypeMatches: Same<z.infer<typeof regionInfo>, RegionInfo> = true;
const _hubTypeMatches: Same<z.infer<typeof hubFeature>['properties'] & { lon: number; lat: number }, Hub> = true;
void _siteTypeMatches;
void _regionTypeMatches;
void _hubTypeMatches;
