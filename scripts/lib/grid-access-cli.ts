/**
 * A site's grid access for the CLI: the shipped grid layers (public/grid) and the rule table
 * (data/grid-access.json) read from disk, then the same pure computation the app runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseGridAccessConfig } from '../../src/data/grid-access-config';
import { checkGridLayerFile, covers, GRID_LAYER_FILES, substationsOf } from '../../src/geo/grid-layer';
import { siteGridAccess, type SiteGridAccess } from '../../src/geo/site-grid-access';
import type { GridAccessDraw } from '../../src/sim/grid-access/params';
import type { Percentiles } from '../../src/sim/histogram';
import type { SiteQueueInput } from './site-lookup';

/** The site's access, or null when it has no position or no layer covers it. Broken files throw, naming the file. */
export function siteGridAccessFromDisk(root: string, site: Pick<SiteQueueInput, 'lon' | 'lat' | 'country' | 'kind' | 'gridMW'>, projectMW: number): SiteGridAccess | null {
  if (site.lon === null || site.lat === null) return null;
  const { lon, lat } = site;
  const cfgPath = resolve(root, 'data/grid-access.json');
  const cfg = parseGridAccessConfig(readFileSync(cfgPath, 'utf8'));
  if (!cfg.ok) throw new Error(cfg.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  const subs = GRID_LAYER_FILES.flatMap((name) => {
    const path = resolve(root, 'public/grid', name);
    if (!existsSync(path)) return [];
    const f = checkGridLayerFile(JSON.parse(readFileSync(path, 'utf8')), `public/grid/${name}`);
    return covers(f, lon, lat) ? substationsOf(f) : [];
  });
  const access = siteGridAccess({ lon, lat, country: site.country, kind: site.kind, gridMW: site.gridMW }, projectMW, subs, cfg.value.voltageRules, cfg.value.phase);
  return access.nearest ? access : null;
}

/**
 * The grid-access phase of a new build at the site's position (buy vs build's build arm, as the
 * app's GridAccessState.greenfieldDrawFor): never skipped for a connection. Null without grid data.
 */
export function greenfieldDrawFromDisk(root: string, site: Pick<SiteQueueInput, 'lon' | 'lat' | 'country' | 'gridMW'>, projectMW: number): GridAccessDraw | null {
  return siteGridAccessFromDisk(root, { ...site, kind: 'greenfield' }, projectMW)?.draw ?? null;
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** The CLI's `gridAccess` block: nearest qualifying substation and the phase's P10/P50/P90 months (0 when skipped). */
export function gridAccessJson(access: SiteGridAccess | null, months: Percentiles | undefined) {
  if (!access?.nearest) return null;
  const s = access.nearest.substation;
  return {
    nearestSubstation: { name: s.name || null, voltageKV: s.kv[0] ?? null, distanceKm: r2(access.nearest.distanceKm), operator: s.operator || null, source: s.source, upperBound: access.upperBound },
    requiredKV: access.requiredKV,
    skipped: access.skipped,
    months: months ? { p10: r2(months.p10), p50: r2(months.p50), p90: r2(months.p90) } : { p10: 0, p50: 0, p90: 0 },
  };
}
