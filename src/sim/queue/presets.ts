/**
 * Region presets of the queue model (`queuePresets` in data/regions.json), validated at the edge.
 * Every parameter carries its provenance: its real source and the docs/data-sources.md section quoting it, or ESTIMATE with the reasoning, so the
 * UI can show users which numbers are judgement (docs/method.md §1 "Region presets").
 *
 * No file access here: the app imports the JSON and the CLI reads it, and both pass the parsed object.
 */
import { z } from 'zod';
import type { FieldError, Result } from '../contract';
import { showValue, zodIssuesToFieldErrors } from '../validate-common';
import { applyForward, type ForwardChoice, type ForwardTrend } from './forward';
import { validateQueueParams, type QueueParams, type QueueTemplate } from './params';

/** The preset ids the app and the CLI rely on. */
export const REQUIRED_QUEUE_PRESETS = ['us-lbnl', 'ercot-large-load', 'pjm', 'norway', 'sweden', 'finland', 'iceland', 'singapore', 'samara'] as const;
export type QueueModelPresetId = (typeof REQUIRED_QUEUE_PRESETS)[number];

/** Where a parameter's default comes from. */
export interface Provenance {
  /** the real source with its docs/data-sources.md section ("…, Sources §3.2"), or a docs/method.md section ("Method §1") */
  source: string;
  /** true when the number is a judgement made for this project */
  estimate: boolean;
  note: string;
}

export interface QueuePresetDoc {
  id: string;
  name: string;
  template: QueueTemplate;
  /** the parameters as run by default: history plus the default forward path */
  params: QueueParams;
  /** the parameters with history only (dated points up to stock.asOf), for applying another forward path */
  baseParams: QueueParams;
  /** the preset's forward paths: which one applies by default, and the trend it states (null: none) */
  forward: { default: 'flat' | 'trend'; trend: ForwardTrend | null };
  /** a typical request for this region, MW (the CLI's default when no --mw is given) */
  defaultProjectMW: number;
  /** keyed by dotted parameter path; a key also covers every field below it ("headroom" covers "headroom.rule") */
  provenance: Record<string, Provenance>;
}

const provenanceSchema = z.strictObject({ source: z.string().min(1), estimate: z.boolean(), note: z.string() });
const trendSchema = z.strictObject({
  note: z.string().min(1),
  source: z.string().min(1),
  schedules: z.partialRecord(z.enum(['arrivalsPerYear', 'sizeFactor', 'withdrawalFactor', 'headroomMWPerYear', 'studyDurationFactor', 'constrDurationFactor', 'studyCapacity', 'feasDurationFactor', 'sisDurationFactor', 'fsDurationFactor']), z.array(z.strictObject({ date: z.string(), value: z.number() }))),
});
const docSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  template: z.enum(['serial', 'cluster', 'allocation']),
  defaultProjectMW: z.number().positive().optional(),
  forward: z.strictObject({ default: z.enum(['flat', 'trend']), trend: trendSchema.nullable() }).optional(),
  params: z.unknown(),
  provenance: z.record(z.string(), provenanceSchema),
});

/** Dotted paths of every leaf value of an object. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

/** The provenance entry that covers `path` (itself or its nearest ancestor), if any. */
export function provenanceFor(doc: Pick<QueuePresetDoc, 'provenance'>, path: string): Provenance | undefined {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const hit = doc.provenance[p];
    if (hit) return hit;
  }
  return undefined;
}

function checkDoc(key: string, input: unknown): Result<QueuePresetDoc> {
  const at = `queuePresets.${key}`;
  const parsed = docSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues, at) };
  const doc = parsed.data;
  const errors: FieldError[] = [];
  if (doc.id !== key) errors.push({ field: `${at}.id`, message: `must equal its key "${key}", got ${showValue(doc.id)}` });
  const params = validateQueueParams(doc.params, `${at}.params`);
  if (!params.ok) return { ok: false, errors: [...errors, ...params.errors] };
  if (params.value.template !== doc.template) {
    errors.push({ field: `${at}.template`, message: `must match params.template ("${params.value.template}"), got ${showValue(doc.template)}` });
  }
  for (const path of leafPaths(params.value)) {
    if (!provenanceFor(doc, path)) errors.push({ field: `${at}.provenance`, message: `has no source or ESTIMATE note for "${path}"` });
  }
  const leaves = new Set(leafPaths(params.value));
  for (const key of Object.keys(doc.provenance)) {
    const covers = [...leaves].some((p) => p === key || p.startsWith(`${key}.`));
    if (!covers) errors.push({ field: `${at}.provenance.${key}`, message: 'names no parameter of this preset' });
  }
  if (errors.length) return { ok: false, errors };
  const forward = { default: doc.forward?.default ?? 'flat', trend: (doc.forward?.trend ?? null) as ForwardTrend | null };
  const applied = applyForward(params.value, forward.trend, forward.default);
  if (!applied.ok) return { ok: false, errors: applied.errors.map((e) => ({ ...e, field: `${at}.${e.field}` })) };
  const checked = validateQueueParams(applied.value, `${at}.params`);
  if (!checked.ok) return { ok: false, errors: checked.errors.map((e) => ({ ...e, message: `${e.message} (after the default forward path "${forward.default}")` })) };
  return {
    ok: true,
    value: { ...doc, params: checked.value, baseParams: params.value, forward, defaultProjectMW: doc.defaultProjectMW ?? 100 },
  };
}

/** The preset's parameters under another forward path (errors name "forward…" fields). */
export function paramsWithForward(doc: QueuePresetDoc, choice: ForwardChoice) {
  return applyForward(doc.baseParams, doc.forward.trend, choice);
}

/**
 * Validates the `queuePresets` object of data/regions.json (pass the parsed file or just that key).
 * Valid presets are returned even when others fail, so one broken preset does not take the rest
 * down; `errors` names each problem. Missing required ids are errors too.
 */
export function loadQueuePresets(json: unknown): { presets: Record<string, QueuePresetDoc>; errors: FieldError[] } {
  const root = json !== null && typeof json === 'object' && 'queuePresets' in json ? (json as { queuePresets: unknown }).queuePresets : json;
  const presets: Record<string, QueuePresetDoc> = {};
  const errors: FieldError[] = [];
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    return { presets, errors: [{ field: 'queuePresets', message: `must be an object keyed by preset id, got ${showValue(root)}` }] };
  }
  for (const [key, value] of Object.entries(root)) {
    const r = checkDoc(key, value);
    if (r.ok) presets[key] = r.value;
    else errors.push(...r.errors);
  }
  for (const id of REQUIRED_QUEUE_PRESETS) {
    if (!(id in root)) errors.push({ field: `queuePresets.${id}`, message: 'is missing' });
  }
  return { presets, errors };
}
