/**
 * A site's queue inputs for `--site <id>`, read straight from data/sites.geojson (parsed as JSON,
 * no schema: the CLI only needs three fields, and a site file still being written should not stop
 * preset runs). A missing file or site is a CliError naming --site.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './cli-args';
import { FALLBACK_PROJECT_MW, itMWForSite, projectMWForSite } from '../../src/sim/requests';

/** Request size when a site knows neither its AI-usable MW nor its grid MW. */
export const DEFAULT_SITE_MW = FALLBACK_PROJECT_MW;

export interface SiteQueueInput {
  id: string;
  name: string;
  queuePreset: string;
  /** grid MW: aiItMW × PUE (assumed 1.3 when unknown), else gridMW, else DEFAULT_SITE_MW — as the app */
  projectMW: number;
  /** IT MW: aiItMW when published, else the grid MW ÷ PUE (itMWForSite) */
  itMW: number;
  /** position and what the grid-access computation needs (null when the file lacks them) */
  lon: number | null;
  lat: number | null;
  country: string | null;
  kind: string;
  gridMW: number | null;
}

interface SiteProps {
  id?: unknown;
  name?: unknown;
  queuePreset?: unknown;
  aiItMW?: unknown;
  gridMW?: unknown;
  pue?: unknown;
  country?: unknown;
  kind?: unknown;
}

const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);

export function siteQueueInput(root: string, id: string): SiteQueueInput {
  const path = resolve(root, 'data/sites.geojson');
  if (!existsSync(path)) throw new CliError('--site', 'data/sites.geojson is not there yet; use --preset <id> instead');
  let features: Array<{ properties?: SiteProps; geometry?: { coordinates?: unknown } }>;
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as { features?: unknown };
    if (!Array.isArray(json.features)) throw new Error('no "features" list');
    features = json.features as typeof features;
  } catch (e) {
    throw new CliError('--site', `data/sites.geojson cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  const props = features.map((f) => f.properties ?? {});
  const index = props.findIndex((p) => p.id === id);
  const site = props[index];
  if (!site) throw new CliError('--site', `no site "${id}"; known: ${props.map((p) => String(p.id)).join(', ')}`);
  if (typeof site.queuePreset !== 'string' || !site.queuePreset) throw new CliError('--site', `site "${id}" has no queue preset (outside the modelled regions)`);
  const forRequest = { queuePreset: site.queuePreset, aiItMW: positive(site.aiItMW), gridMW: positive(site.gridMW), pue: positive(site.pue) };
  return {
    id,
    name: typeof site.name === 'string' ? site.name : id,
    queuePreset: site.queuePreset,
    projectMW: projectMWForSite(forRequest),
    itMW: itMWForSite(forRequest),
    ...position(features[index].geometry?.coordinates),
    country: typeof site.country === 'string' ? site.country : null,
    kind: typeof site.kind === 'string' ? site.kind : 'greenfield',
    gridMW: positive(site.gridMW),
  };
}

function position(c: unknown): { lon: number | null; lat: number | null } {
  const ok = Array.isArray(c) && c.length >= 2 && c.every((v) => typeof v === 'number' && Number.isFinite(v));
  return ok ? { lon: c[0] as number, lat: c[1] as number } : { lon: null, lat: null };
}
