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

/** The raw texts, for the data hash a scenario records and for model presets kept in the same files. */
export const BUNDLED_TEXTS = { sites: sitesText, hubs: hubsText, regions: regionsText } as const;

/** data/grid-access.json (rule table and grid-access phase defaults), parsed by data/grid-access-config.ts. */
export const GRID_ACCESS_TEXT: string = gridAccessText;
