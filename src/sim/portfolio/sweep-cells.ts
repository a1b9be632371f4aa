/**
 * Portfolio cells of a sweep spec (docs/portfolio.md): each entry is one portfolio run, seeded from
 * (sweep seed, cell key) like a queue cell, so a large best-set search shards by trials onto the same
 * partial-file, BullMQ and Kubernetes path and merges exactly (chunks of the trial matrix in order).
 *
 * A sweep plans from the app's data alone, as its queue cells do: the sites' queue requests come from
 * the shared builder (requests.ts) without grid-access works, and only firm MW are counted.
 */
import { z } from 'zod';
import type { FieldError } from '../contract';
import type { ForwardChoice } from '../queue/forward';
import type { QueuePresetDoc } from '../queue/presets';
import { buildQueueRequest, docWithForward, itMWForSite, projectMWForSite, type SiteForRequest } from '../requests';
import { cellSeed } from '../sweep/cell-seed';
import { zodIssuesToFieldErrors } from '../validate-common';
import { validatePortfolioRequest, type PortfolioRequest, type PortfolioSite } from './params';
import type { PortfolioSummary } from './runner';

export const portfolioCellSchema = z.strictObject({
  /** shown in the rows; default "portfolio i" */
  name: z.string().min(1).max(80).optional(),
  /** the portfolio's sites (may be empty with `best`) */
  sites: z.array(z.string().min(1)).default([]),
  /** what `best` searches: site ids, or "all" bundled sites with a queue; default the portfolio's sites */
  candidates: z.union([z.array(z.string().min(1)), z.literal('all')]).optional(),
  targetMW: z.number(),
  by: z.string(),
  rho: z.number().default(0),
  delayCostUSDPerMonth: z.number().default(0),
  forwardPath: z.enum(['flat', 'trend']).default('flat'),
  best: z
    .strictObject({
      minSites: z.number().int().default(1),
      maxSites: z.number().int(),
      maxRequestMW: z.number().nullable().default(null),
      top: z.number().int().default(10),
    })
    .optional(),
});
export type PortfolioCellSpec = z.output<typeof portfolioCellSchema>;

export interface PortfolioCell {
  key: string;
  name: string;
  request: PortfolioRequest;
}

/** What a sweep knows of a site (spec.ts SweepSite). */
export type PortfolioSweepSite = SiteForRequest & { id: string; name: string };

/** Field names of the request → the spec's field under `portfolios[i]`. */
function specField(prefix: string, field: string): string {
  const m = /^portfolio\[(\d+)\]$/.exec(field);
  if (m) return `${prefix}.sites[${m[1]}]`;
  if (field.startsWith('search.')) return `${prefix}.best.${field.slice(7)}`;
  if (field === 'portfolio') return `${prefix}.sites`;
  return `${prefix}.${field}`;
}

/** The portfolio cells of a spec, or every problem found, each naming its field ("portfolios[0].targetMW"). */
export function planPortfolioCells(input: unknown, seed: number, trials: number, sites: readonly PortfolioSweepSite[], presets: Readonly<Record<string, QueuePresetDoc>>): { cells: PortfolioCell[]; errors: FieldError[] } {
  const parsed = z.array(portfolioCellSchema).safeParse(input ?? [], { reportInput: true });
  if (!parsed.success) return { cells: [], errors: zodIssuesToFieldErrors(parsed.error.issues, 'portfolios') };
  const byId = new Map(sites.map((s) => [s.id, s]));
  const errors: FieldError[] = [];
  const cells: PortfolioCell[] = [];
  parsed.data.forEach((p, i) => {
    const prefix = `portfolios[${i}]`;
    const name = p.name ?? `portfolio ${i + 1}`;
    const key = `portfolio|${name}`;
    if (cells.some((c) => c.key === key)) errors.push({ field: `${prefix}.name`, message: `"${name}" is the name of another portfolio` });
    const ids = p.candidates === 'all' ? sites.filter((s) => s.queuePreset && presets[s.queuePreset]).map((s) => s.id) : p.candidates ?? p.sites;
    const candidates: PortfolioSite[] = [];
    ids.forEach((id, j) => {
      const field = p.candidates === undefined ? `${prefix}.sites[${j}]` : `${prefix}.candidates[${j}]`;
      const site = byId.get(id);
      const doc = site?.queuePreset ? presets[site.queuePreset] : undefined;
      if (!site) return errors.push({ field, message: `no site "${id}"` });
      if (!doc) return errors.push({ field, message: `site "${id}" has no queue preset (outside the modelled regions)` });
      const pathed = docWithForward(doc, p.forwardPath as ForwardChoice);
      if (!pathed.ok) return errors.push({ field: `${prefix}.forwardPath`, message: pathed.errors.map((e) => `${e.field}: ${e.message}`).join('; ') });
      const projectMW = projectMWForSite(site);
      const built = buildQueueRequest({ doc: pathed.value, overrides: {}, projectMW, trials, seed });
      if (!built.ok) return errors.push({ field, message: built.errors.map((e) => `${e.field}: ${e.message}`).join('; ') });
      candidates.push({ id, name: site.name, queueKey: doc.id, itMW: itMWForSite(site), queue: { presetId: doc.id, params: built.value.params, projectMW } });
    });
    if (errors.length) return;
    const request: PortfolioRequest = {
      model: 'portfolio',
      trials,
      seed: cellSeed(seed, key),
      sites: candidates,
      portfolio: p.sites,
      targetMW: p.targetMW,
      by: p.by,
      basis: 'firm',
      rho: p.rho,
      delayCostUSDPerMonth: p.delayCostUSDPerMonth,
      search: p.best ?? null,
    };
    const v = validatePortfolioRequest(request);
    if (!v.ok) errors.push(...v.errors.map((e) => ({ field: specField(prefix, e.field), message: e.message })));
    else cells.push({ key, name, request });
  });
  return { cells, errors };
}

/** One row of a sweep's portfolio table. */
export interface PortfolioRow {
  key: string;
  name: string;
  seed: number;
  trials: number;
  sites: string[];
  targetMW: number;
  by: string;
  /** null when the cell only searches */
  pTarget: number | null;
  reachedP50: string | null;
  expectedDelayMonths: number | null;
  best: null | { method: 'exact' | 'greedy-swaps'; evaluated: number; sites: string[]; pTarget: number; expectedDelayMonths: number };
}

export function portfolioRow(cell: PortfolioCell, s: PortfolioSummary): PortfolioRow {
  const top = s.search?.ranked[0];
  return {
    key: cell.key,
    name: cell.name,
    seed: cell.request.seed,
    trials: s.trials,
    sites: s.portfolio?.sites ?? [],
    targetMW: s.targetMW,
    by: s.by,
    pTarget: s.portfolio?.pTarget ?? null,
    reachedP50: s.portfolio?.reachedDates.p50 ?? null,
    expectedDelayMonths: s.portfolio?.expectedDelayMonths ?? null,
    best: s.search && top ? { method: s.search.method, evaluated: s.search.evaluated, sites: top.sites, pTarget: top.pTarget, expectedDelayMonths: top.expectedDelayMonths } : null,
  };
}
