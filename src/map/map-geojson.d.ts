/** The map's large fixed GeoJSON files, made at build time (scripts/map-geojson-plugin.ts), as URLs maplibre's worker fetches. */
declare module 'virtual:map-geojson' {
  /** land polygons, Natural Earth 1:50m */
  export const landUrl: string;
  /** internal borders, Natural Earth 1:50m */
  export const bordersUrl: string;
  /** the grid layer's substations (every file in public/grid/) */
  export const gridSubstationsUrl: string;
  /** the grid layer's lines */
  export const gridLinesUrl: string;
  /** the grid layer's power plants */
  export const gridPlantsUrl: string;
}
