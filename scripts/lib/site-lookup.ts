/**
 * A site's queue inputs for `--site <id>`, read straight from data/sites.geojson (parsed as JSON,
 * no schema: the CLI only needs three fields, and a site file still being written should not stop
 * preset runs). A missing file or site is a CliError naming --site.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './cli-args';
import { FALLBACK_PROJECT_MW, projectMWForSite } from '../../src/sim/requests';

/** Request size when a site knows neither its AI-usable MW nor its grid MW. */
export const DEFAULT_SITE_MW = FALLBACK_PROJECT_MW;

export interface SiteQueueInput {
  id: string;
  name: string;
  queuePreset: string;
  /** grid MW: aiItMW × PUE (assumed 1.3 when unknown), else gridMW, else DEFAULT_SITE_MW — as the app */
  projectMW: number;
}

interface SiteProps {
  id?: unknown;
  name?: unknown;
  queuePreset?: unknown;
  aiItMW?: unknown;
  gridMW?: unknown;
  pue?: unknown;
}

const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);

export function siteQueueInput(root: string, id: string): SiteQueueInput {
  const path = resolve(root, 'data/sites.geojson');
  if (!existsSync(path)) throw new CliError('--site', 'data/sites.geojson is not there yet; use --preset <id> instead');
  let features: Array<{ properties?: SiteProps }>;
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as { features?: unknown };
    if (!Array.isArray(json.features)) throw new Error('no "features" list');
    features = json.features as Array<{ properties?: SiteProps }>;
  } catch (e) {
    throw new CliError('--site', `data/sites.geojson cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  const props = features.map((f) => f.properties ?? {});
  const site = props.find((p) => p.id === id);
  if (!site) throw new CliError('--site', `no site "${id}"; known: ${props.map((p) => String(p.id)).join(', ')}`);
  if (typeof site.queuePreset !== 'string' || !site.queuePreset) throw new CliError('--site', `site "${id}" has no queue preset (outside the modelled regions)`);
  return {
    id,
    name: typeof site.name === 'string' ? site.name : id,
    queuePreset: site.queuePreset,
    projectMW: projectMWForSite({ queuePreset: site.queuePreset, aiItMW: positive(site.aiItMW), gridMW: positive(site.gridMW), pue: positive(site.pue) }),
  };
}
