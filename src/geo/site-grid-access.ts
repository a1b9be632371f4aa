/**
 * A site's grid access (docs/method.md §6): the voltage its requested MW needs, the nearest substation at
 * or above it, and the phase the queue runner draws, or why there is none. Pure: the caller passes
 * the substations (bundled OSM layer or a user's own) that cover the site.
 */
import type { GridAccessDraw, GridAccessPhaseParams, VoltageRules } from '../sim/grid-access/params';
import { requiredKV } from '../sim/grid-access/params';
import { nearestSubstations, type NearestSubstation, type Substation } from './nearest-substation';

export interface SiteForGridAccess {
  lon: number;
  lat: number;
  /** ISO 3166-1 alpha-2, or null when unknown */
  country: string | null;
  kind: string;
  /** MW the site's existing connection carries (power shells), or null */
  gridMW: number | null;
}

export interface SiteGridAccess {
  /** kV the requested MW needs (rule table) */
  requiredKV: number;
  /** nearest substation at ≥ requiredKV, or null when no layer covers the site or none qualifies */
  nearest: NearestSubstation | null;
  /** the phase the runner draws; null when skipped or without a substation */
  draw: GridAccessDraw | null;
  /** why there is no phase: the power shell's connection covers the request, or no grid data */
  skipped: 'connected' | 'no-grid-data' | null;
  /**
   * The layer the nearest station comes from misses stations below the required voltage (the
   * European extract holds the ≥ 220 kV grid): a nearer one probably exists, so the distance, and
   * the phase drawn from it, are an upper bound. The phase still uses it: a conservative figure,
   * flagged, rather than a guess; a user's own substation layer replaces it.
   */
  upperBound: boolean;
}

export function siteGridAccess(site: SiteForGridAccess, projectMW: number, substations: readonly Substation[], rules: VoltageRules, phase: GridAccessPhaseParams): SiteGridAccess {
  const kv = requiredKV(projectMW, site.country, rules);
  const nearest = nearestSubstations([site.lon, site.lat], substations, kv, 1)[0] ?? null;
  if (!nearest) return { requiredKV: kv, nearest: null, draw: null, skipped: 'no-grid-data', upperBound: false };
  const upperBound = kv < (nearest.substation.completeFromKV ?? 0);
  // A power shell already holds a connection: up to its connected MW it needs no new works.
  if (site.kind === 'power-shell' && site.gridMW !== null && projectMW <= site.gridMW) return { requiredKV: kv, nearest, draw: null, skipped: 'connected', upperBound };
  return { requiredKV: kv, nearest, draw: { distanceKm: nearest.distanceKm, phase }, skipped: null, upperBound };
}
