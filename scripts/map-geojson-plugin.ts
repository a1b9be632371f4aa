/**
 * Vite plugin: the map's large fixed GeoJSON, made at build time and imported as URLs
 * (`virtual:map-geojson`): the detailed (1:50m) basemap's land and borders from world-atlas, and
 * the grid layer's substations, lines and plants from public/grid/. maplibre's worker fetches and
 * parses each URL itself. Built in the page and handed over as objects, they cost the page's thread
 * tasks of 0.2–0.3 s each (topojson decoding, then maplibre serialising every coordinate for its
 * worker). A blob: URL would not help: maplibre routes non-http URLs through the page's thread.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import type { Topology } from 'topojson-specification';
// With extensions: vite.config.ts loads this file, and what it imports, through Node.
import { basemapGeometry } from '../src/geo/basemap-geometry.ts';
import { checkGridLayerFile, GRID_LAYER_FILES, gridGeoJSON } from '../src/geo/grid-layer.ts';

const ID = 'virtual:map-geojson';
const RESOLVED = `\0${ID}`;
const DEV_PREFIX = '/@map-geojson/';

/** Coordinates to 1e-4° (~11 m): finer than 1:50m data or the grid extracts resolve, and half the bytes. */
function geojsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e4) / 1e4 : v));
}

/** Export name → file text. */
export function mapGeojsonFiles(root: string): Map<string, string> {
  const topoPath = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
  const basemap = basemapGeometry(JSON.parse(readFileSync(topoPath, 'utf8')) as Topology);
  const grid = gridGeoJSON(GRID_LAYER_FILES.map((name) => checkGridLayerFile(JSON.parse(readFileSync(`${root}/public/grid/${name}`, 'utf8')), name)));
  return new Map([
    ['landUrl', geojsonText(basemap.land)],
    ['bordersUrl', geojsonText(basemap.borders)],
    ['gridSubstationsUrl', geojsonText(grid.substations)],
    ['gridLinesUrl', geojsonText(grid.lines)],
    ['gridPlantsUrl', geojsonText(grid.plants)],
  ]);
}

export function mapGeojson(): Plugin {
  let root = process.cwd();
  let files: Map<string, string> | null = null;
  const get = () => (files ??= mapGeojsonFiles(root));
  let serving = false;
  return {
    name: 'map-geojson',
    configResolved(config) {
      root = config.root;
    },
    configureServer(server) {
      serving = true;
      server.middlewares.use((req, res, next) => {
        const name = req.url?.startsWith(DEV_PREFIX) ? req.url.slice(DEV_PREFIX.length).replace(/\.geojson$/, '') : null;
        const text = name ? get().get(name) : undefined;
        if (text === undefined) return next();
        res.setHeader('Content-Type', 'application/geo+json');
        res.end(text);
      });
    },
    resolveId(id) {
      return id === ID ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      const lines: string[] = [];
      for (const [name, text] of get()) {
        if (serving) lines.push(`export const ${name} = ${JSON.stringify(`${DEV_PREFIX}${name}.geojson`)};`);
        else {
          const file = name.replace(/Url$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
          const ref = this.emitFile({ type: 'asset', name: `${file}.geojson`, source: text });
          lines.push(`export const ${name} = import.meta.ROLLUP_FILE_URL_${ref};`);
        }
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
