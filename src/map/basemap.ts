/**
 * The offline basemap: a maplibre style built entirely from packaged Natural Earth data
 * (world-atlas 50m countries, via topojson-client) and a packaged font. No tile, glyph or sprite
 * server: nothing leaves localhost.
 */
import type { StyleSpecification, FilterSpecification } from 'maplibre-gl';
import type { Topology } from 'topojson-specification';
import type { BasemapGeometry } from '../geo/basemap-geometry';

export const COLORS = {
  water: '#cfe0ea',
  land: '#f3f1ea',
  landOfInterest: '#e6e1d3',
  border: '#a39e93',
  powerShell: '#0072B2',
  greenfield: '#D55E00',
  custom: '#CC79A7',
  hub: '#333333',
  ring: '#009E73',
} as const;

/** Natural Earth numeric ISO ids of the countries our four regions sit in (US, RU, SG, NO, SE, FI, IS). */
const COUNTRIES_OF_INTEREST = ['840', '643', '702', '578', '752', '246', '352'];

export const FONT = 'Noto Sans Regular';

export interface BasemapInput {
  countries: Topology;
  /** URLs of the packaged font files (Vite `?url` imports), keyed by subset */
  fontLatinUrl: string;
  fontCyrillicUrl: string;
}

export function basemapStyle(geo: BasemapGeometry, fonts: Omit<BasemapInput, 'countries'>): StyleSpecification {
  const interest: FilterSpecification = ['in', ['get', 'iso_n3'], ['literal', COUNTRIES_OF_INTEREST]];
  return {
    version: 8,
    // maplibre rasterises labels locally from these files (style-spec `font-faces`): no glyph server.
    'font-faces': {
      [FONT]: [
        { url: fonts.fontLatinUrl, 'unicode-range': ['U+0000-024F', 'U+2000-206F', 'U+20AC', 'U+2190-21FF'] },
        { url: fonts.fontCyrillicUrl, 'unicode-range': ['U+0400-04FF'] },
      ],
    },
    sources: {
      land: { type: 'geojson', data: geo.land },
      borders: { type: 'geojson', data: geo.borders },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': COLORS.water } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': COLORS.land, 'fill-antialias': true } },
      { id: 'land-interest', type: 'fill', source: 'land', filter: interest, paint: { 'fill-color': COLORS.landOfInterest } },
      { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': COLORS.border, 'line-width': 0.6 } },
    ],
  } as StyleSpecification;
}
