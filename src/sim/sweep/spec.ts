/**
 * A sweep: a grid of sites × queue presets × forward paths × parameter values, one queue run per
 * cell. The spec is checked with zod (shape) and against the app's data (sites, presets, parameter
 * paths); every problem names its field ("sites[2]", "parameters.phases.constr.p50[1]").
 *
 * Each cell's request comes from the same builder the app and `simulate --site` use
 * (src/sim/requests.ts), seeded from (seed, cell key) so a cell is reproducible on its own.
 */
import { z } from 'zod';
import { MAX_HORIZON_MONTHS, MAX_TRIALS, type FieldError, type Result } from '../contract';
import type { QueueRequest } from '../queue/params';
import type { QueuePresetDoc } from '../queue/presets';
import { buildQueueRequest, docWithForward, projectMWForSite, type SiteForRequest } from '../requests';
import type { ForwardChoice } from '../queue/forward';
import { zodIssuesToFieldErrors } from '../validate-common';
import { own, reservedKeyErrors } from '../param-paths';
import { cellSeed } from './cell-seed';
import { planPortfolioCells, type PortfolioCell } from '../portfolio/sweep-cells';

/** Most cells a sweep may have: a larger grid is refused before anything runs. */
export const MAX_SWEEP_CELLS = 10_000;
/** The preset entry meaning "the site's own queue preset". */
export const SITE_PRESET = 'site';
/**
 * Forward paths a sweep can name (forward.ts): every input flat at its as-of value, or the preset's
 * stated trend (a preset without one refuses "trend", naming the cell).
 */
export const FORWARD_PATHS = ['flat', 'trend'] as const;
export const DEFAULT_FORWARD_PATH = 'flat';

export const sweepSpecSchema = z.strictObject({
  /** master seed of the sweep; each cell's seed is hashed from it and the cell key */
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  /** trials per cell */
  trials: z.number().int().min(1).max(MAX_TRIALS).default(10_000),
  /** the queue grid's sites (may be empty when the spec holds portfolios) */
  sites: z.array(z.string().min(1)).default([]),
  /** queue preset ids, or "site" for each site's own preset */
  presets: z.array(z.string().min(1)).min(1, 'must list at least one preset, or "site"').default([SITE_PRESET]),
  forwardPaths: z.array(z.string().min(1)).min(1, 'must list at least one forward path').default([DEFAULT_FORWARD_PATH]),
  /** dotted parameter path → values to try, e.g. { "phases.constr.p50": [12, 18, 24] } */
  parameters: z.record(z.string(), z.array(z.union([z.number(), z.string()])).min(1, 'must list at least one value')).default({}),
  /** P(energized within this many months) is reported per cell */
  byMonths: z.number().int().min(1).max(MAX_HORIZON_MONTHS).default(36),
  /** what the ranking sorts by: P50 or P90 months (lower first), or P(energized by byMonths) (higher first) */
  rankBy: z.enum(['p50', 'p90', 'probEnergizedBy']).default('p50'),
  /** portfolio cells (portfolio/sweep-cells.ts): one portfolio run each, sharded like the queue cells */
  portfolios: z.array(z.unknown()).default([]),
});

export type SweepSpec = z.output<typeof sweepSpecSchema>;

/** What a sweep needs to know about a site. */
export interface SweepSite extends SiteForRequest {
  id: string;
  name: string;
}

export interface SweepCell {
  /** stable identity of the cell: site|preset|forward path|path=value… */
  key: string;
  site: string;
  siteName: string;
  preset: string;
  forwardPath: string;
  parameters: Record<string, number | string>;
  projectMW: number;
  /** the validated request, seeded from (spec.seed, key) */
  request: QueueRequest;
}

export interface SweepPlan {
  spec: SweepSpec;
  cells: SweepCell[];
  /** the spec's portfolios, one run each */
  portfolioCells: PortfolioCell[];
}

function cellKey(site: string, preset: string, forward: string, params: Array<[string, number | string]>): string {
  return [site, preset, forward, ...params.map(([p, v]) => `${p}=${v}`)].join('|');
}

/** Every combination of the parameter values, paths in sorted order (so keys do not depend on spec order). */
function parameterCombos(parameters: Record<string, Array<number | string>>): Array<Array<[string, number | string]>> {
  let combos: Array<Array<[string, number | string]>> = [[]];
  for (const path of Object.keys(parameters).sort()) {
    combos = combos.flatMap((c) => parameters[path].map((v) => [...c, [path, v] as [string, number | string]]));
  }
  return combos;
}

/** The number of cells a (shape-valid) spec asks for, without building them. */
export function cellCount(spec: Pick<SweepSpec, 'sites' | 'presets' | 'forwardPaths' | 'parameters'>): number {
  return Object.values(spec.parameters).reduce((n, vs) => n * vs.length, spec.sites.length * spec.presets.length * spec.forwardPaths.length);
}

/**
 * The cells of a spec, or every problem found, each naming its field. `sites` and `presets` are
 * the app's data (bundled or read from data/).
 */
export function planSweep(input: unknown, sites: readonly SweepSite[], presets: Readonly<Record<string, QueuePresetDoc>>): Result<SweepPlan> {
  // zod's records drop an own "__proto__" key without a word: a parameter named so is refused instead.
  const reserved = reservedKeyErrors(input, '');
  if (reserved.length) return { ok: false, errors: reserved };
  const parsed = sweepSpecSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues) };
  const spec = parsed.data;
  const errors: FieldError[] = [];
  if (spec.sites.length === 0 && spec.portfolios.length === 0) return { ok: false, errors: [{ field: 'sites', message: 'must list at least one site (the grid is empty)' }] };
  const portfolios = planPortfolioCells(spec.portfolios, spec.seed, spec.trials, sites, presets);
  if (portfolios.errors.length) return { ok: false, errors: portfolios.errors };
  const n = cellCount(spec);
  if (n > MAX_SWEEP_CELLS) {
    const dims = [spec.sites.length, spec.presets.length, spec.forwardPaths.length, ...Object.values(spec.parameters).map((v) => v.length)];
    return { ok: false, errors: [{ field: 'sites × presets × forwardPaths × parameters', message: `${dims.join(' × ')} = ${n.toLocaleString('en-US')} cells; at most ${MAX_SWEEP_CELLS.toLocaleString('en-US')}` }] };
  }
  const byId = new Map(sites.map((s) => [s.id, s]));
  spec.sites.forEach((id, i) => {
    if (!byId.has(id)) errors.push({ field: `sites[${i}]`, message: `no site "${id}"; known: ${sites.map((s) => s.id).join(', ')}` });
    else if (spec.sites.indexOf(id) !== i) errors.push({ field: `sites[${i}]`, message: `"${id}" is listed twice` });
  });
  spec.presets.forEach((id, i) => {
    if (id !== SITE_PRESET && !own(presets, id)) errors.push({ field: `presets[${i}]`, message: `no queue preset "${id}"; known: ${SITE_PRESET}, ${Object.keys(presets).join(', ')}` });
  });
  spec.forwardPaths.forEach((f, i) => {
    if (!(FORWARD_PATHS as readonly string[]).includes(f)) errors.push({ field: `forwardPaths[${i}]`, message: `must be one of ${FORWARD_PATHS.map((x) => `"${x}"`).join(', ')} got "${f}"` });
  });
  if (errors.length) return { ok: false, errors };

  const cells: SweepCell[] = [];
  const seen = new Map<string, string>();
  for (const siteId of spec.sites) {
    const site = byId.get(siteId) as SweepSite;
    spec.presets.forEach((presetEntry, pi) => {
      const presetId = presetEntry === SITE_PRESET ? site.queuePreset : presetEntry;
      const doc = own(presets, presetId);
      if (!doc) {
        errors.push({ field: `presets[${pi}]`, message: `site "${siteId}" has no queue preset of its own (outside the modelled regions); name a preset instead of "${SITE_PRESET}"` });
        return;
      }
      const projectMW = projectMWForSite(site);
      for (const forwardPath of spec.forwardPaths) {
        for (const combo of parameterCombos(spec.parameters)) {
          const key = cellKey(siteId, doc.id, forwardPath, combo);
          if (seen.has(key)) {
            errors.push({ field: `presets[${pi}]`, message: `gives the same cell as ${seen.get(key)} for site "${siteId}" (preset ${doc.id})` });
            continue;
          }
          seen.set(key, `presets[${pi}]`);
          const pathed = docWithForward(doc, forwardPath as ForwardChoice);
          if (!pathed.ok) {
            errors.push({ field: `forwardPaths (cell ${key})`, message: pathed.errors.map((e) => `${e.field}: ${e.message}`).join('; ') });
            continue;
          }
          const built = buildQueueRequest({ doc: pathed.value, overrides: Object.fromEntries(combo), projectMW, trials: spec.trials, seed: cellSeed(spec.seed, key) });
          if (!built.ok) {
            for (const e of built.errors) {
              const swept = combo.find(([p]) => e.field === p || e.field.endsWith(`[${JSON.stringify(p)}]`));
              const field = swept ? `parameters.${swept[0]}` : e.field === 'trials' || e.field === 'seed' ? e.field : `parameters (cell ${key}) › ${e.field}`;
              errors.push({ field, message: swept ? `${e.message} (value ${JSON.stringify(swept[1])}, cell ${key})` : e.message });
            }
            continue;
          }
          cells.push({ key, site: siteId, siteName: site.name, preset: doc.id, forwardPath, parameters: Object.fromEntries(combo), projectMW, request: built.value });
        }
      }
    });
    if (errors.length >= 20) break;
  }
  if (errors.length) return { ok: false, errors: dedupe(errors) };
  return { ok: true, value: { spec, cells, portfolioCells: portfolios.cells } };
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.field}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
