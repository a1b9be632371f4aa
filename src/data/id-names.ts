/**
 * Display names for the ids a problem's field path carries (a queue preset, a bundled site, one of
 * the user's own sites), so an error a person reads says "Riot Rockdale", not its id.
 */
import { BUNDLED_TEXTS } from './bundled';

let presets: Map<string, string> | null = null;
let bundled: Map<string, string> | null = null;

/** Queue preset names by id ("ercot-large-load" → "ERCOT large loads"), read once from the bundled regions file. */
export function presetNames(): ReadonlyMap<string, string> {
  if (presets) return presets;
  presets = new Map();
  const all = (JSON.parse(BUNDLED_TEXTS.regions) as { queuePresets?: Record<string, { name?: unknown }> }).queuePresets ?? {};
  for (const [id, p] of Object.entries(all)) if (typeof p.name === 'string') presets.set(id, p.name);
  return presets;
}

/** Preset and bundled-site names by id, read once from the bundled files. */
function bundledNames(): Map<string, string> {
  if (bundled) return bundled;
  bundled = new Map(presetNames());
  const features = (JSON.parse(BUNDLED_TEXTS.sites) as { features?: Array<{ properties?: { id?: unknown; name?: unknown } }> }).features ?? [];
  for (const f of features) if (typeof f.properties?.id === 'string' && typeof f.properties.name === 'string') bundled.set(f.properties.id, f.properties.name);
  return bundled;
}

/** A lookup for fieldWords/problemLines: the display name of an id, undefined for anything else. */
export function idNames(ownSites: ReadonlyArray<{ id: string; name: string }> = []): (segment: string) => string | undefined {
  const names = bundledNames();
  const own = new Map(ownSites.map((s) => [s.id, `your site “${s.name}”`]));
  return (segment) => names.get(segment) ?? own.get(segment) ?? (/^custom-\d+$/.test(segment) ? 'one of your sites' : undefined);
}
