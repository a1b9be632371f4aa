/**
 * The data files shipped with the app, validated once at start-up. The only module that uses
 * Vite's `?raw` imports: `.geojson` is not JSON to Vite, and reading text lets a syntax error
 * become a message instead of a build failure. Tests call `load.ts` with files read from disk.
 */
import sitesText from '../../data/sites.geojson?raw';
import hubsText from '../../data/hubs.geojson?raw';
import regionsText from '../../data/regions.json?raw';
import gridAccessText from '../../data/grid-access.json?raw';
import { loadDataFromText, type LoadedData } from './load';

export function loadBundledData(): LoadedData {
  return loadDataFromText({ sites: sitesText, hubs: hubsText, regions: regionsText });
}

/** The raw texts of the files the map reads, and the queue presets kept in regions.json. */
export const BUNDLED_TEXTS = { sites: sitesText, hubs: hubsText, regions: regionsText } as const;

/** data/grid-access.json (rule table and grid-access phase defaults), parsed by data/grid-access-config.ts. */
export const GRID_ACCESS_TEXT: string = gridAccessText;
/**
 * Every data file (data/*.json, data/*.geojson) by file name, in name order: what a scenario's
 * data hash covers. A glob, so a data file added later is covered without touching this list.
 */
export const DATA_FILE_TEXTS: ReadonlyMap<string, string> = new Map(
  Object.entries(import.meta.glob<string>('../../data/*.{json,geojson}', { query: '?raw', import: 'default', eager: true }))
    .map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
);

/** The texts the data hash is computed over: each file's name, then its text, in name order. */
export function dataHashInputs(): string[] {
  return [...DATA_FILE_TEXTS].flatMap(([name, text]) => [name, text]);
}
