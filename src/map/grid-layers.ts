/**
 * Map layers of the grid extract (substations, lines ≥ 110 kV, power plants) and the line from the
 * selected site to its nearest qualifying substation. Added after the first paint, below the sites,
 * so they never delay first idle and never hide a site.
 */
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl';
import { FONT } from './basemap';

/** Voltage classes for colouring lines and substations (kV, lowest bound first). */
export const KV_CLASSES: Array<{ from: number; color: string; label: string }> = [
  { from: 0, color: '#8c8c8c', label: '< 138 kV' },
  { from: 138, color: '#4daf4a', label: '138–161 kV' },
  { from: 220, color: '#377eb8', label: '220–330 kV' },
  { from: 345, color: '#984ea3', label: '345–380 kV' },
  { from: 400, color: '#e41a1c', label: '≥ 400 kV' },
];

/** The voltage filter's choices (kV, 0 = all). */
export const KV_FILTERS = [0, 110, 138, 220, 345, 400] as const;

function kvColor(): ExpressionSpecification {
  const steps: unknown[] = ['step', ['get', 'kv'], KV_CLASSES[0].color];
  for (let i = 1; i < KV_CLASSES.length; i++) steps.push(KV_CLASSES[i].from, KV_CLASSES[i].color);
  return steps as ExpressionSpecification;
}

export const GRID_LAYER_IDS = { lines: 'grid-lines', substations: 'grid-substations', plants: 'grid-plants' } as const;

export function kvFilter(minKV: number): FilterSpecification {
  return ['>=', ['get', 'kv'], minKV];
}

export function gridLayers(): LayerSpecification[] {
  return [
    {
      id: GRID_LAYER_IDS.lines,
      type: 'line',
      source: 'grid-lines',
      paint: {
        'line-color': kvColor(),
        'line-width': ['interpolate', ['linear'], ['zoom'], 4, ['case', ['>=', ['get', 'kv'], 345], 1.2, 0.6], 9, ['case', ['>=', ['get', 'kv'], 345], 3, 1.6]],
        'line-opacity': 0.8,
      },
    },
    {
      id: GRID_LAYER_IDS.plants,
      type: 'circle',
      source: 'grid-plants',
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, ['min', 6, ['+', 1.5, ['*', 0.12, ['sqrt', ['get', 'mw']]]]], 9, ['min', 12, ['+', 3, ['*', 0.25, ['sqrt', ['get', 'mw']]]]]],
        'circle-color': '#f0c808',
        'circle-stroke-color': '#6b5a00',
        'circle-stroke-width': 0.6,
        'circle-opacity': 0.85,
      },
    },
    {
      id: GRID_LAYER_IDS.substations,
      type: 'circle',
      source: 'grid-substations',
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, 1.8, 9, 4.5],
        'circle-color': '#ffffff',
        'circle-stroke-color': kvColor(),
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 4, 1.2, 9, 2.2],
      },
    },
    {
      id: 'grid-access-line',
      type: 'line',
      source: 'grid-access',
      paint: { 'line-color': '#000000', 'line-width': 2, 'line-dasharray': [2, 1.5] },
    },
    {
      id: 'grid-access-label',
      type: 'symbol',
      source: 'grid-access',
      layout: { 'symbol-placement': 'line-center', 'text-field': ['get', 'label'], 'text-font': [FONT], 'text-size': 11, 'text-offset': [0, -0.8] },
      paint: { 'text-color': '#000', 'text-halo-color': '#fff', 'text-halo-width': 1.5 },
    },
  ] as LayerSpecification[];
}

/** Plain-text summary of a hovered or clicked grid feature (rendered as text, never as HTML). */
export function describeGridFeature(layer: string, p: Record<string, unknown>): string[] {
  if (layer === GRID_LAYER_IDS.substations) {
    return [
      `Substation: ${p.name || '(no name in OSM)'}`,
      `Voltage: ${String(p.kvText)}${p.kvFrom === 'lines' ? ' (from the lines that end there; no voltage tag)' : p.kvFrom === 'source' ? ' (built since the OSM extract; as its source states)' : ''}`,
      `Operator: ${p.operator || 'not tagged'}`,
      `Source: ${String(p.source)}`,
    ];
  }
  if (layer === GRID_LAYER_IDS.lines) return [`Transmission line: ${String(p.kv)} kV`, `Source: ${String(p.source)}`];
  return [`Power plant: ${p.name || '(no name)'}`, `Capacity: ${Number(p.mw).toLocaleString('en-US')} MW · ${String(p.fuel)}`, `Source: ${String(p.source)}`];
}
