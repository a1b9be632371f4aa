/**
 * Region rules for firm and curtailable MW (data/curtailment.json), validated at the edge, and the
 * step from a user's choice ("accept curtailment, floor F MW") to a run's CurtailmentRequest.
 *
 * Dated rules: a rule's `from` date becomes a start month counted from the run's as-of date
 * (curtailmentAsOf: the preset's dated stock if it has one, else the month the run starts, which
 * the caller passes in: the pure core reads no clock). A rule whose date is past applies from month 0.
 */
import { z } from 'zod';
import type { FieldError, Result } from '../contract';
import { zodIssuesToFieldErrors } from '../validate-common';
import type { QueueParams } from '../queue/params';
import { monthsBetween } from '../queue/schedule';
import { validateCurtailmentRequest, type CurtailmentRequest } from './params';
import { own } from '../param-paths';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
const share = z.number().min(0, 'must be a share from 0 to 1').max(1, 'must be a share from 0 to 1');
const hours = z.number().min(0, 'must not be negative (hours per year)').max(8760, 'must be at most 8760 hours per year');

const sourceSchema = z.strictObject({ title: z.string().min(1), url: z.url({ protocol: /^https?$/ }).nullable(), date: z.string().regex(/^\d{4}(-\d{2}){0,2}$/) });
const ruleSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  effect: z.enum(['curtailable-until-firm', 'condition']),
  from: isoDate,
  firmFloor: z.boolean(),
  postIaShare: share,
  summary: z.string().min(1),
  sources: z.array(sourceSchema).min(1),
});
const presetSchema = z.strictObject({
  region: z.string().min(1),
  published: z.boolean(),
  rules: z.array(ruleSchema),
  hoursPerYear: z
    .strictObject({ p50: hours, p90: hours, estimate: z.boolean(), note: z.string() })
    .refine((h) => h.p90 >= h.p50, { message: 'P90 must be ≥ P50', path: ['p90'] }),
});
const docSchema = z.strictObject({
  id: z.literal('curtailment'),
  description: z.string(),
  date: z.string(),
  licence: z.string(),
  presets: z.record(z.string(), presetSchema),
  assumedPath: z.strictObject({
    name: z.string().min(1),
    effect: z.literal('curtailable-until-firm'),
    firmFloor: z.boolean(),
    postIaShare: share,
    summary: z.string().min(1),
  }),
});

export type CurtailmentRule = z.output<typeof ruleSchema>;
export type PresetCurtailment = z.output<typeof presetSchema>;
export type CurtailmentDoc = z.output<typeof docSchema>;

/** Validates data/curtailment.json; errors name the file's field path. */
export function loadCurtailmentRules(json: unknown): Result<CurtailmentDoc> {
  const parsed = docSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues, 'curtailment.json') };
  const errors: FieldError[] = [];
  for (const [id, p] of Object.entries(parsed.data.presets)) {
    if (p.published && !p.rules.some((r) => r.effect === 'curtailable-until-firm')) {
      errors.push({ field: `curtailment.json.presets.${id}.published`, message: 'is true but no rule gives a curtailable path' });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

export { monthsBetween };

/**
 * The date month 0 stands for: the preset's dated stock (engine time 0 is its as-of date) when it
 * has one, else the month the run starts (the app's current month, the CLI's --as-of or this month).
 */
export function curtailmentAsOf(params: Pick<QueueParams, 'stock'>, runStart: string): string {
  return params.stock?.asOf ?? runStart;
}

/** A rule's first month of effect in a run starting at `asOf` (0 when it is already in force). */
export function ruleStartMonth(rule: Pick<CurtailmentRule, 'from'>, asOf: string): number {
  const m = monthsBetween(asOf, rule.from);
  return m > 0 ? m : 0;
}

/** The user's choice, as the app and the CLI hold it. */
export interface CurtailmentChoice {
  /** MW the user needs firm from first power (honoured only where the rule has a firm floor) */
  floorMW: number;
  /** where no path is published: assume one (ESTIMATE) */
  assumePath: boolean;
  /** the user's curtailed hours per year, else the region's default */
  hoursPerYear?: { p50: number; p90: number };
}

/**
 * The curtailable path a preset offers at `asOf`: the rule that applies first (ties: the first
 * listed), the assumed path when none is published and the user assumes one, else null.
 */
export function pathFor(doc: CurtailmentDoc, presetId: string, asOf: string, assumePath: boolean) {
  const preset = own(doc.presets, presetId);
  const paths = (preset?.rules ?? []).filter((r) => r.effect === 'curtailable-until-firm');
  let best: { rule: CurtailmentRule; start: number } | null = null;
  for (const rule of paths) {
    const start = ruleStartMonth(rule, asOf);
    if (best === null || start < best.start) best = { rule, start };
  }
  if (best) return { id: best.rule.id, name: best.rule.name, firmFloor: best.rule.firmFloor, postIaShare: best.rule.postIaShare, startMonth: best.start, assumed: false };
  if (assumePath) {
    const a = doc.assumedPath;
    return { id: 'assumed', name: a.name, firmFloor: a.firmFloor, postIaShare: a.postIaShare, startMonth: 0, assumed: true };
  }
  return null;
}

/** From a preset and the user's choice to a validated request (fields named `curtailment.*`). */
export function resolveCurtailment(doc: CurtailmentDoc, presetId: string, choice: CurtailmentChoice, asOf: string, projectMW: number): Result<CurtailmentRequest> {
  const preset = own(doc.presets, presetId);
  const path = pathFor(doc, presetId, asOf, choice.assumePath);
  return validateCurtailmentRequest(
    {
      ruleId: path ? path.id : null,
      ruleName: path ? path.name : 'No flexible path published',
      assumed: path ? path.assumed : false,
      startMonth: path ? path.startMonth : 0,
      firmFloor: path ? path.firmFloor : false,
      postIaShare: path ? path.postIaShare : 1,
      floorMW: choice.floorMW,
      hoursPerYear: choice.hoursPerYear ?? (preset ? { p50: preset.hoursPerYear.p50, p90: preset.hoursPerYear.p90 } : { p50: 0, p90: 0 }),
      asOf,
    },
    projectMW,
  );
}
