/**
 * From what the user chose (a site, a preset, edited parameters, trials and seed) to a validated
 * model request. One pure function for the app, the CLI and a scenario file, so all three run the
 * same numbers for the same inputs.
 */
import type { FieldError, Result } from './contract';
import { validateQueueRequest, type QueueRequest } from './queue/params';
import { paramsWithForward, type QueuePresetDoc } from './queue/presets';
import type { ForwardChoice } from './queue/forward';
import { applyOverrides, draftsToOverrides, type Overrides } from './param-paths';
import { checkWork, queueWork } from './work-budget';

/** What a request needs to know about a site. */
export interface SiteForRequest {
  queuePreset: string | null;
  /** critical IT MW for AI (what leases and deals quote), not grid MW */
  aiItMW: number | null;
  gridMW: number | null;
  /** the site's PUE, or null to assume ASSUMED_PUE */
  pue: number | null;
}

/** MW used when a site has no published MW: a typical ERCOT large-load request size (docs/data-sources.md, ERCOT). */
export const FALLBACK_PROJECT_MW = 100;

/**
 * PUE assumed when a site publishes none: new large builds reach ≤ 1.3 (Uptime Institute 2024 survey).
 * The buy-vs-build defaults use the same value (data/buy-vs-build.json `site.pue`; a test keeps them equal).
 */
export const ASSUMED_PUE = 1.3;

/** Grid MW an IT load draws: IT MW × PUE, to 0.1 MW. */
export function gridMWForIt(itMW: number, pue: number | null): number {
  return Math.round(itMW * (pue ?? ASSUMED_PUE) * 10) / 10;
}

/**
 * The grid request for a site, in grid MW (the queue models grid connections): the AI IT load × PUE
 * when the site publishes one, else its grid connection, else the preset's typical request
 * (`fallback`, e.g. 40 MW in Singapore, within its pilot's per-project limit), else 100 MW.
 */
export function projectMWForSite(site: SiteForRequest, fallback = FALLBACK_PROJECT_MW): number {
  if (site.aiItMW !== null && site.aiItMW > 0) return gridMWForIt(site.aiItMW, site.pue);
  return site.gridMW ?? fallback;
}

/**
 * The IT MW a site brings to a portfolio (docs/portfolio.md): its AI IT load when published, else its
 * grid request ÷ PUE (ASSUMED_PUE when it publishes none), to 0.1 MW.
 */
export function itMWForSite(site: SiteForRequest, fallback = FALLBACK_PROJECT_MW): number {
  if (site.aiItMW !== null && site.aiItMW > 0) return site.aiItMW;
  return Math.round((projectMWForSite(site, fallback) / (site.pue ?? ASSUMED_PUE)) * 10) / 10;
}

/** Raw text the user typed, by dotted parameter path → numeric or text overrides, with per-field errors. */
export function overridesFromDrafts(doc: QueuePresetDoc, drafts: Readonly<Record<string, string>>): { overrides: Overrides; errors: FieldError[] } {
  return draftsToOverrides(doc.params, drafts);
}

/**
 * The preset as run under a forward path: its parameters are the history plus that path (absent:
 * the preset's default). Errors name "forward…" fields. Overrides then apply on top, as for the default.
 */
export function docWithForward(doc: QueuePresetDoc, choice: ForwardChoice | undefined): Result<QueuePresetDoc> {
  if (choice === undefined || choice === doc.forward.default) return { ok: true, value: doc };
  const params = paramsWithForward(doc, choice);
  return params.ok ? { ok: true, value: { ...doc, params: params.value } } : params;
}

/**
 * A scenario's queue edits checked against the presets (`preset` looks an id up by own keys only,
 * e.g. param-paths `own`): every key of queueOverrides and queueForward must name a preset, so a
 * key such as "constructor" is refused, not ignored. The app and the scenario CLI both call this.
 */
export function checkQueueEdits(
  s: { queueOverrides: Readonly<Record<string, Overrides>>; queueForward?: Readonly<Record<string, ForwardChoice>> },
  preset: (id: string) => QueuePresetDoc | undefined,
  where: string,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [presetId, overrides] of Object.entries(s.queueOverrides)) {
    const doc = preset(presetId);
    if (!doc) {
      errors.push({ field: `${where}.queueOverrides.${presetId}`, message: `no queue preset is called "${presetId}" in this app's data` });
      continue;
    }
    const applied = applyOverrides(doc.params, overrides, undefined, `${where}.queueOverrides.${presetId}`);
    if (!applied.ok) errors.push(...applied.errors);
  }
  for (const [presetId, choice] of Object.entries(s.queueForward ?? {})) {
    const doc = preset(presetId);
    const field = `${where}.queueForward.${presetId}`;
    if (!doc) errors.push({ field, message: `no queue preset is called "${presetId}" in this app's data` });
    else {
      const r = docWithForward(doc, choice);
      if (!r.ok) errors.push(...r.errors.map((e) => ({ ...e, field: e.field.replace(/^forward/, field) })));
    }
  }
  return errors;
}

export interface QueueRequestInput {
  doc: QueuePresetDoc;
  overrides: Overrides;
  projectMW: number;
  trials: number;
  seed: number;
}

/**
 * The queue request for these inputs, or every problem found, each naming its field: parameter
 * paths are relative to the preset's params ("phases.sis.p90"); settings are "trials", "seed",
 * "projectMW".
 */
export function buildQueueRequest(input: QueueRequestInput): Result<QueueRequest> {
  const applied = applyOverrides(input.doc.params, input.overrides, undefined, 'params');
  if (!applied.ok) return { ok: false, errors: applied.errors.map(stripParams) };
  const checked = validateQueueRequest({
    model: 'queue',
    presetId: input.doc.id,
    params: applied.value,
    projectMW: input.projectMW,
    trials: input.trials,
    seed: input.seed,
  });
  if (!checked.ok) return { ok: false, errors: checked.errors.map(stripParams) };
  // Valid piece by piece yet too large as a whole: refused before any trial runs.
  const tooBig = checkWork(queueWork(checked.value.params, checked.value.trials));
  if (tooBig) return { ok: false, errors: [tooBig] };
  return checked;
}

function stripParams(e: FieldError): FieldError {
  return { ...e, field: e.field.replace(/^params\./, '') };
}
