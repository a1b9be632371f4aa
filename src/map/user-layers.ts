/**
 * How the user's own layers are drawn: one GeoJSON source holding every layer's features (tagged
 * with their layer), and a fill, a line and a circle style under the site circles.
 */
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';

export const USER_SOURCE = 'user-layers';
export const USER_LAYER_IDS = ['user-fill', 'user-line', 'user-point'] as const;

/** Every feature of the given layers in one collection, each tagged with its layer id, kind and colour. */
export function userLayersGeoJson(layers: ReadonlyArray<{ id: string; kind: string; color?: string; data: FeatureCollection }>): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: layers.flatMap((l) => l.data.features.map((f) => ({ ...f, properties: { ...(f.properties ?? {}), _layer: l.id, _kind: l.kind, _color: l.color ?? DEFAULT_COLOR } }))),
  };
}

const DEFAULT_COLOR = '#7b1fa2';
/** Each feature in its layer's colour (the legend shows the same colour beside the layer's name). */
const COLOR: ExpressionSpecification = ['coalesce', ['get', '_color'], DEFAULT_COLOR];

export function userLayerStyles(): LayerSpecification[] {
  return [
    {
      id: 'user-fill',
      type: 'fill',
      source: USER_SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': COLOR, 'fill-opacity': 0.2, 'fill-outline-color': COLOR },
    },
    {
      id: 'user-line',
      type: 'line',
      source: USER_SOURCE,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: { 'line-color': COLOR, 'line-width': 1.6 },
    },
    {
      id: 'user-point',
      type: 'circle',
      source: USER_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-color': COLOR, 'circle-radius': 5, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
    },
  ];
}

/** Open MW by county from a user's queue file (src/files/county-shapes.ts): a fill shaded by MW. */
export const QUEUE_COUNTY_SOURCE = 'queue-counties';

/** Open-MW steps (from, colour): light to dark blue, log-like so a county with 100 MW still shows. */
const COUNTY_STEPS: ReadonlyArray<[number, string]> = [
  [0, '#deebf7'],
  [500, '#9ecae1'],
  [5000, '#4292c6'],
  [50000, '#08519c'],
];

/**
 * One constant-colour fill per step rather than one fill coloured by an expression: a data-driven
 * colour needs a shader variant of its own, compiled when the first county is drawn (about 100 ms on
 * the page's thread in software WebGL), while a constant colour reuses the program the land already
 * compiled at start-up.
 */
export function queueCountyStyles(): LayerSpecification[] {
  const fills: LayerSpecification[] = COUNTY_STEPS.map(([from, color], i) => {
    const to = COUNTY_STEPS[i + 1]?.[0];
    return {
      id: `queue-county-fill-${i}`,
      type: 'fill',
      source: QUEUE_COUNTY_SOURCE,
      filter: to === undefined ? ['>=', ['get', 'mw'], from] : ['all', ['>=', ['get', 'mw'], from], ['<', ['get', 'mw'], to]],
      paint: { 'fill-color': color, 'fill-opacity': 0.55 },
    };
  });
  return [...fills, { id: 'queue-county-line', type: 'line', source: QUEUE_COUNTY_SOURCE, paint: { 'line-color': '#08519c', 'line-width': 0.8 } }];
}
