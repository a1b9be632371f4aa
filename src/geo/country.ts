/**
 * "Add my own site": which country is under a click, and which region preset applies there.
 * Countries come from world-atlas (Natural Earth) via topojson-client; ids there are ISO 3166-1
 * numeric codes ("643" is Russia), mapped here to alpha-2 for the countries the app cares about.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { QueuePresetId, UiRegion } from '../data/schema';
import { fixAntimeridian } from './antimeridian';
import { inBBox, SAMARA_OBLAST_BBOX, SINGAPORE_BBOX, TEXAS_OUTLINE, type BBox } from './region-shapes';

/** ISO 3166-1 numeric → alpha-2, for the region countries and their neighbours. */
const ISO_NUMERIC_TO_ALPHA2: Record<string, string> = {
  '840': 'US', '124': 'CA', '484': 'MX',
  '643': 'RU', '398': 'KZ', '112': 'BY', '804': 'UA', '156': 'CN', '496': 'MN',
  '578': 'NO', '752': 'SE', '246': 'FI', '352': 'IS', '208': 'DK', '233': 'EE',
  '702': 'SG', '458': 'MY', '360': 'ID',
  '250': 'FR', '276': 'DE', '826': 'GB', '528': 'NL', '392': 'JP', '356': 'IN', '036': 'AU',
  '242': 'FJ', '010': 'AQ',
};

/** The country found under a point. */
export interface CountryHit {
  /** ISO 3166-1 numeric code as world-atlas spells it (zero-padded), e.g. "643". */
  numeric: string;
  /** ISO 3166-1 alpha-2 where this module knows it, else null. */
  iso2: string | null;
  /** Natural Earth's short English name, e.g. "Russia". */
  name: string;
}

/** Which preset a point or country falls under, and why, in one sentence for the UI. */
export interface RegionMatch {
  uiRegion: UiRegion | null;
  /** Default queue preset; null = "no preset". */
  queuePreset: QueuePresetId | null;
  note: string;
}

type CountryFeature = Feature<Polygon | MultiPolygon, { name: string; numeric: string; bbox: BBox }>;

/** A world-atlas topology or an already-decoded country FeatureCollection (ids = ISO numeric). */
export type CountriesInput = Topology | FeatureCollection<Geometry | null>;

const prepared = new WeakMap<object, CountryFeature[]>();

function bboxOf(g: Polygon | MultiPolygon): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

/** Decodes (once per input object) the countries with antimeridian-safe rings and bounding boxes. */
export function prepareCountries(input: CountriesInput): CountryFeature[] {
  const hit = prepared.get(input);
  if (hit) return hit;
  const fc: FeatureCollection<Geometry | null> =
    input.type === 'Topology'
      ? (feature(input, input.objects.countries as GeometryCollection) as FeatureCollection<Geometry | null>)
      : input;
  const out: CountryFeature[] = [];
  for (const f of fixAntimeridian(fc).features) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const numeric = String(f.id ?? (f.properties as { iso_n3?: unknown } | null)?.iso_n3 ?? '');
    const name = String((f.properties as { name?: unknown } | null)?.name ?? numeric);
    out.push({ type: 'Feature', geometry: g, properties: { name, numeric, bbox: bboxOf(g) } });
  }
  prepared.set(input, out);
  return out;
}

/**
 * The country containing (lon, lat), or null at sea. Rings are unwrapped across the antimeridian,
 * so the point is also tried one turn east and west.
 */
export function countryAt(lon: number, lat: number, countries: CountriesInput): CountryHit | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  const list = prepareCountries(countries);
  for (const x of [lon, lon + 360, lon - 360]) {
    for (const f of list) {
      if (!inBBox(x, lat, f.properties.bbox)) continue;
      if (booleanPointInPolygon([x, lat], f)) {
        const { numeric, name } = f.properties;
        return { numeric, iso2: ISO_NUMERIC_TO_ALPHA2[numeric] ?? null, name };
      }
    }
  }
  return null;
}

const inTexas = (lon: number, lat: number) =>
  booleanPointInPolygon([lon, lat], { type: 'Polygon', coordinates: [TEXAS_OUTLINE] });

const NORDIC_PRESET: Record<string, QueuePresetId> = { NO: 'norway', SE: 'sweden', FI: 'finland', IS: 'iceland' };

/**
 * The UI region and default queue preset for a country. The US and Russia need the point too:
 * only Texas is (roughly) ERCOT and only Samara oblast has a Russian preset.
 */
export function uiRegionForCountry(iso2: string | null, lon?: number, lat?: number): RegionMatch {
  const hasPoint = lon !== undefined && lat !== undefined;
  switch (iso2) {
    case 'US':
      return hasPoint && inTexas(lon, lat)
        ? { uiRegion: 'texas', queuePreset: 'ercot-large-load', note: 'Texas: ERCOT large-load preset (approximate outline; El Paso, most of the Panhandle and parts of East Texas are outside ERCOT).' }
        : { uiRegion: null, queuePreset: null, note: 'United States outside Texas: not ERCOT, no preset.' };
    case 'RU':
      return hasPoint && inBBox(lon, lat, SAMARA_OBLAST_BBOX)
        ? { uiRegion: 'samara', queuePreset: 'samara', note: 'Samara oblast (approximate box): Samara preset, every value user input.' }
        : { uiRegion: null, queuePreset: null, note: 'Russia outside Samara oblast: no preset.' };
    case 'NO':
    case 'SE':
    case 'FI':
    case 'IS':
      return { uiRegion: 'nordics', queuePreset: NORDIC_PRESET[iso2], note: `Nordics: ${NORDIC_PRESET[iso2]} preset.` };
    case 'DK':
      return { uiRegion: null, queuePreset: null, note: 'Denmark: Nordic, but there is no Danish queue preset.' };
    case 'SG':
      return { uiRegion: 'singapore', queuePreset: 'singapore', note: 'Singapore: DC-CFA allocation preset.' };
    case null:
      return { uiRegion: null, queuePreset: null, note: 'No country here (sea): no preset.' };
    default:
      return { uiRegion: null, queuePreset: null, note: 'Outside the four regions: no preset.' };
  }
}

/**
 * The region for a clicked point, given the country `countryAt` found there. Small places the
 * country polygons miss are caught by hand-made shapes: Singapore (absent from the 110m file,
 * and a click on its coast may land "at sea") and the Texas coast.
 */
export function regionForPoint(lon: number, lat: number, country: CountryHit | null): RegionMatch {
  const iso2 = country?.iso2 ?? null;
  if (inBBox(lon, lat, SINGAPORE_BBOX) && (iso2 === null || iso2 === 'SG' || iso2 === 'MY')) {
    // On the Johor side of the strait a real Malaysia hit wins; below 1.44°N it is Singapore.
    if (iso2 !== 'MY' || lat < 1.44) return uiRegionForCountry('SG');
  }
  if (iso2 === null && inTexas(lon, lat)) return uiRegionForCountry('US', lon, lat);
  return uiRegionForCountry(iso2, lon, lat);
}
