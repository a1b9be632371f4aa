/**
 * "Accept curtailment" (issue 10): one choice per scenario, shared by the Grid queue and Buy vs
 * build tabs. The floor the user needs firm, whether to assume a flexible path where none is
 * published, and curtailed hours per year (blank = the region's default, data/curtailment.json).
 *
 * Fields are kept as typed (an invalid entry is shown back, never lost) beside the last valid
 * value of each, which is what the scenario records: a bad entry ("1,2", negative hours, P90 < P50)
 * is named and stops a run, and the scenario in use stays as it was. Writes `curtailment` of a
 * scenario, present only while the box is ticked (absent = every MW firm, older scenarios unchanged).
 */
import rulesJson from '../../data/curtailment.json';
import type { FieldError, Result } from '../sim/contract';
import type { CurtailmentRequest } from '../sim/curtailment/params';
import { curtailmentAsOf, loadCurtailmentRules, pathFor, resolveCurtailment, type CurtailmentDoc, type PresetCurtailment } from '../sim/curtailment/rules';
import { readNumber } from '../sim/number-text';
import type { QueueParams } from '../sim/queue/params';
import type { Scenario } from '../snapshot';
import type { CurtailmentScenario } from '../snapshot/scenario-schema';
import { defaultsOrErrors } from './bundled-defaults';

type CurtailmentPart = Pick<Scenario, 'curtailment'>;
type Hours = { p50: number; p90: number };

/** This month as 'YYYY-MM': month 0 of a run whose preset has no dated stock (every bundled preset has one). */
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

const FLOOR = 'curtailment.floorMW';
const P50 = 'curtailment.hoursPerYear.p50';
const P90 = 'curtailment.hoursPerYear.p90';

/** The floor as typed: a number of MW ≥ 0, or why not. */
function readFloor(text: string): Result<number> {
  const r = readNumber(text, 'a number of MW');
  if (!r.ok) return { ok: false, errors: [{ field: FLOOR, message: r.message }] };
  if (r.value < 0) return { ok: false, errors: [{ field: FLOOR, message: `must be zero or a positive number of MW, got ${r.value}` }] };
  return { ok: true, value: r.value };
}

/** Hours per year as typed: both blank (the region's default), or a valid P50/P90 pair. */
function readHours(p50Text: string, p90Text: string): Result<Hours | undefined> {
  if (p50Text.trim() === '' && p90Text.trim() === '') return { ok: true, value: undefined };
  const errors: FieldError[] = [];
  const one = (text: string, field: string): number => {
    const r = readNumber(text, 'a number of hours per year');
    if (!r.ok) errors.push({ field, message: `${r.message} (leave both blank for the region's default)` });
    else if (r.value < 0) errors.push({ field, message: `must not be negative, got ${r.value} hours per year` });
    else if (r.value > 8760) errors.push({ field, message: `must be at most 8760 hours per year (a whole year), got ${r.value}` });
    else return r.value;
    return NaN;
  };
  const p50 = one(p50Text, P50);
  const p90 = one(p90Text, P90);
  if (errors.length) return { ok: false, errors };
  if (p90 < p50) return { ok: false, errors: [{ field: P90, message: `P90 (${p90} hours) must be ≥ P50 (${p50} hours)` }] };
  if (p50 === 0 && p90 > 0) return { ok: false, errors: [{ field: P50, message: 'must be above 0 when P90 is (a lognormal needs a positive median); set both to 0 for no curtailment' }] };
  return { ok: true, value: { p50, p90 } };
}

export class CurtailmentState {
  readonly doc: CurtailmentDoc | null;
  /** problems in data/curtailment.json (shown, never thrown) */
  readonly dataErrors: string[] = [];

  accept = $state(false);
  floorText = $state('0');
  assumePath = $state(false);
  hoursP50Text = $state('');
  hoursP90Text = $state('');
  /** the last valid values typed: what the scenario records */
  #floorMW = $state(0);
  #hours = $state<Hours | undefined>(undefined);
  /** 'YYYY-MM' month 0 stands for when a preset's queue is not dated */
  readonly runStart: string;

  constructor(json: unknown = rulesJson, runStart = thisMonth()) {
    this.doc = defaultsOrErrors(loadCurtailmentRules(json), 'data/curtailment.json', this.dataErrors);
    this.runStart = runStart;
  }

  setFloor(text: string): void {
    this.floorText = text;
    const r = readFloor(text);
    if (r.ok) this.#floorMW = r.value;
  }

  setHours(which: 'p50' | 'p90', text: string): void {
    if (which === 'p50') this.hoursP50Text = text;
    else this.hoursP90Text = text;
    const r = readHours(this.hoursP50Text, this.hoursP90Text);
    if (r.ok) this.#hours = r.value;
  }

  /** The region's rules for a queue preset (null when data/curtailment.json has none for it). */
  preset(presetId: string): PresetCurtailment | null {
    return this.doc && Object.hasOwn(this.doc.presets, presetId) ? this.doc.presets[presetId] : null;
  }

  /** The date month 0 of a run of this preset stands for (its stock's as-of date). */
  asOf(params: Pick<QueueParams, 'stock'>): string {
    return curtailmentAsOf(params, this.runStart);
  }

  /** The path a run would take for this preset (null: none published and none assumed). */
  path(presetId: string, params: Pick<QueueParams, 'stock'>) {
    return this.doc ? pathFor(this.doc, presetId, this.asOf(params), this.assumePath) : null;
  }

  /** Problems with the fields as typed, whatever the site (named `curtailment.*`); none while not accepted. */
  errors(): FieldError[] {
    if (!this.accept) return [];
    const floor = readFloor(this.floorText);
    const hours = readHours(this.hoursP50Text, this.hoursP90Text);
    return [...(floor.ok ? [] : floor.errors), ...(hours.ok ? [] : hours.errors)];
  }

  /**
   * A run's curtailment for a preset and request size: undefined when not accepted, else the
   * validated request (the region's rule resolved at the preset's as-of date) or every problem,
   * named `curtailment.*` (a floor above the request included).
   */
  request(presetId: string, projectMW: number, params: Pick<QueueParams, 'stock'>): Result<CurtailmentRequest> | undefined {
    if (!this.accept) return undefined;
    if (!this.doc) return { ok: false, errors: [{ field: 'curtailment', message: this.dataErrors.join('; ') }] };
    const errors = this.errors();
    if (errors.length) return { ok: false, errors };
    const floor = readFloor(this.floorText);
    const hours = readHours(this.hoursP50Text, this.hoursP90Text);
    if (!floor.ok || !hours.ok) return { ok: false, errors };
    return resolveCurtailment(this.doc, presetId, { floorMW: floor.value, assumePath: this.assumePath, hoursPerYear: hours.value }, this.asOf(params), projectMW);
  }

  /** One line naming the choice for a preset (the PNG footer): floor, rule, hours. */
  describe(presetId: string, params: Pick<QueueParams, 'stock'>): string | null {
    if (!this.accept) return null;
    const path = this.path(presetId, params);
    const rule = path ? `${path.name}${path.assumed ? ' (ESTIMATE)' : ''}` : 'no flexible path published (every MW firm)';
    const h = this.#hours ?? this.preset(presetId)?.hoursPerYear;
    return `Curtailment accepted: floor ${this.#floorMW.toLocaleString('en-US')} MW firm · rule: ${rule}${h ? ` · curtailed ${h.p50} h/yr at P50, ${h.p90} at P90` : ''}`;
  }

  toScenario(): CurtailmentPart {
    if (!this.accept) return {};
    const c: CurtailmentScenario = { floorMW: this.#floorMW };
    if (this.assumePath) c.assumePath = true;
    if (this.#hours) c.hoursPerYear = { ...this.#hours };
    return { curtailment: c };
  }

  /** Fields being typed that do not (yet) hold a valid value: sharing waits for a fix. */
  problems(): FieldError[] {
    return this.errors();
  }

  /** The schema checks the shape; a scenario that accepts curtailment needs the rules file. */
  check(s: CurtailmentPart, where: string): FieldError[] {
    return s.curtailment && !this.doc ? [{ field: `${where}.curtailment`, message: `cannot be applied: ${this.dataErrors.join('; ')}` }] : [];
  }

  fromScenario(s: CurtailmentPart): void {
    const c = s.curtailment;
    this.accept = !!c;
    this.floorText = String(c?.floorMW ?? 0);
    this.#floorMW = c?.floorMW ?? 0;
    this.assumePath = c?.assumePath === true;
    this.hoursP50Text = c?.hoursPerYear ? String(c.hoursPerYear.p50) : '';
    this.hoursP90Text = c?.hoursPerYear ? String(c.hoursPerYear.p90) : '';
    this.#hours = c?.hoursPerYear ? { ...c.hoursPerYear } : undefined;
  }

  reset(): void {
    this.fromScenario({});
  }
}
