/**
 * Checks that relate several fields of one item, run after the schema accepted its shape.
 * Each returns the problems as (dotted field, plain message) pairs; an empty list means valid.
 */
import { PRESET_UI_REGION, type RegionInfo, type Site, type SiteField } from './schema';

export interface RuleProblem {
  field: string;
  message: string;
}

/** The numeric site properties that must each be backed by a source when not null. */
const SOURCED_NUMBERS = ['gridMW', 'aiItMW', 'powerPrice', 'pue'] as const satisfies readonly SiteField[];

export function siteRuleProblems(site: Site): RuleProblem[] {
  const out: RuleProblem[] = [];
  for (const key of SOURCED_NUMBERS) {
    if (site[key] === null) continue;
    if (!site.sources.some((s) => s.supports.includes(key))) {
      out.push({
        field: `properties.${key}`,
        message: `has a value but no source lists "${key}" in its supports: cite a source or set it to null`,
      });
    }
  }
  if (site.gridMW !== null && site.aiItMW !== null && site.aiItMW > site.gridMW) {
    out.push({
      field: 'properties.aiItMW',
      message: `${site.aiItMW} MW usable for AI exceeds the ${site.gridMW} MW grid connection`,
    });
  }
  if (!site.illustrative && !site.sources.some((s) => s.supports.includes('status'))) {
    out.push({ field: 'properties.sources', message: 'a real site needs a source that lists "status" in its supports' });
  }
  if (site.illustrative && !/^illustrative\b/i.test(site.name)) {
    out.push({ field: 'properties.name', message: 'an illustrative site must say so: start its name with "Illustrative"' });
  }
  // asOf dates the status: it cannot be older than the newest source behind the status.
  const newest = site.sources.filter((s) => s.supports.includes('status')).reduce((max, s) => (s.date > max ? s.date : max), '');
  if (newest && site.asOf < newest.slice(0, site.asOf.length)) {
    out.push({ field: 'properties.asOf', message: `${site.asOf} is older than the newest source of its status (${newest})` });
  }
  const presetRegion = PRESET_UI_REGION[site.queuePreset];
  if (presetRegion !== site.region) {
    out.push({
      field: 'properties.queuePreset',
      message: `preset "${site.queuePreset}" belongs to region "${presetRegion}", but the site is in "${site.region}"`,
    });
  }
  return out;
}

export function regionRuleProblems(region: RegionInfo): RuleProblem[] {
  const out: RuleProblem[] = [];
  region.facts.forEach((fact, i) => {
    fact.sources.forEach((s, j) => {
      if (s >= region.sources.length) {
        out.push({
          field: `facts[${i}].sources[${j}]`,
          message: `refers to source ${s}, but the region lists only ${region.sources.length} (indices 0–${region.sources.length - 1})`,
        });
      }
    });
  });
  if (PRESET_UI_REGION[region.id] !== region.uiRegion) {
    out.push({
      field: 'uiRegion',
      message: `region "${region.id}" belongs to "${PRESET_UI_REGION[region.id]}", not "${region.uiRegion}"`,
    });
  }
  return out;
}
