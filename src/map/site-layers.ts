/**
 * Pure builders for the map's dynamic sources and layers: sites sized by MW and coloured by kind
 * (or by simulated P50 months to power), hubs, and latency rings.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { COLORS, FONT } from './basemap';

import type { MapSite } from '../state/site-state.svelte';

export type { MapSite };

/** P50 months-to-power classes for the "run all sites" colouring; the legend reads the same table. */
export const P50_CLASSES: Array<{ upTo: number; color: string; label: string }> = [
  { upTo: 12, color: '#1a9850', label: '≤ 12 months' },
  { upTo: 24, color: '#91cf60', label: '12–24 months' },
  { upTo: 48, color: '#fee08b', label: '24–48 months' },
  { upTo: 72, color: '#fc8d59', label: '48–72 months' },
  { upTo: Infinity, color: '#d73027', label: '> 72 months or never (within horizon)' },
];
export const P50_NONE_COLOR = '#9e9e9e';

export function sitesGeoJson(sites: MapSite[], p50BySite: Record<string, number | null> = {}): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: sites.map((s) => {
      const p50 = Object.hasOwn(p50BySite, s.id) ? p50BySite[s.id] : undefined;
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        properties: {
          id: s.id,
          name: s.name,
          region: s.region ?? 'none',
          kind: s.kind,
          mw: s.mw ?? -1,
          custom: s.custom,
          // -1 = not simulated; 1e9 = never within the horizon (Infinity cannot travel in GeoJSON)
          p50: p50 === undefined ? -1 : p50 === null || !Number.isFinite(p50) ? 1e9 : p50,
        },
      };
    }),
  };
}

/** Circle radius in px from MW: area proportional to MW, so 400 MW reads 4× as big as 100 MW. */
export const radiusExpression: ExpressionSpecification = [
  'case',
  ['<', ['get', 'mw'], 0],
  6,
  ['min', 28, ['+', 5, ['*', 1.1, ['sqrt', ['get', 'mw']]]]],
];

export function kindColorExpression(): ExpressionSpecification {
  return ['case', ['get', 'custom'], COLORS.custom, ['==', ['get', 'kind'], 'power-shell'], COLORS.powerShell, COLORS.greenfield];
}

export function p50ColorExpression(): ExpressionSpecification {
  const steps: unknown[] = ['step', ['get', 'p50'], P50_CLASSES[0].color];
  for (let i = 1; i < P50_CLASSES.length; i++) steps.push(P50_CLASSES[i - 1].upTo, P50_CLASSES[i].color);
  return ['case', ['<', ['get', 'p50'], 0], P50_NONE_COLOR, steps as ExpressionSpecification];
}

export function regionFilter(regions: string[]): ExpressionSpecification {
  // Custom sites are always shown: the user placed them on purpose.
  return ['any', ['get', 'custom'], ['in', ['get', 'region'], ['literal', regions]]];
}

export function siteLayers(): LayerSpecification[] {
  return [
    {
      id: 'rings-fill',
      type: 'fill',
      source: 'rings',
      paint: { 'fill-color': COLORS.ring, 'fill-opacity': 0.05 },
    },
    {
      id: 'rings-line',
      type: 'line',
      source: 'rings',
      paint: { 'line-color': COLORS.ring, 'line-width': 1.2, 'line-dasharray': [3, 2] },
    },
    {
      id: 'rings-label',
      type: 'symbol',
      source: 'rings',
      layout: {
        'symbol-placement': 'line',
        'text-field': ['concat', ['to-string', ['get', 'ms']], ' ms RTT'],
        'text-font': [FONT],
        'text-size': 11,
      },
      paint: { 'text-color': '#00684a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
    },
    {
      id: 'hubs',
      type: 'circle',
      source: 'hubs',
      paint: { 'circle-radius': 3.5, 'circle-color': COLORS.hub, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
    },
    {
      id: 'hubs-label',
      type: 'symbol',
      source: 'hubs',
      minzoom: 3,
      layout: { 'text-field': ['get', 'name'], 'text-font': [FONT], 'text-size': 11, 'text-offset': [0, 0.9], 'text-anchor': 'top' },
      paint: { 'text-color': '#333', 'text-halo-color': '#fff', 'text-halo-width': 1 },
    },
    {
      id: 'sites-circle',
      type: 'circle',
      source: 'sites',
      paint: {
        'circle-radius': radiusExpression,
        'circle-color': kindColorExpression(),
        'circle-opacity': ['case', ['<', ['get', 'mw'], 0], 0.35, 0.75],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.2,
      },
    },
    {
      id: 'sites-selected',
      type: 'circle',
      source: 'sites',
      filter: ['==', ['get', 'id'], ''],
      paint: {
        'circle-radius': ['+', 3, radiusExpression],
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#000000',
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: 'sites-label',
      type: 'symbol',
      source: 'sites',
      minzoom: 4,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [FONT],
        'text-size': 12,
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: { 'text-color': '#1b1b1b', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ] as LayerSpecification[];
}
