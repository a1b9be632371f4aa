/**
 * The forward path the user picks per queue preset (issue 8 item 2): "flat", "trend" (the preset's
 * stated path) or a small typed table per year. The table is kept as the user's raw text, so an
 * invalid entry is shown back and never lost; only a valid choice reaches a run or a scenario.
 */
import type { FieldError, Result } from '../sim/contract';
import { checkForward, describeForward, FORWARD_COLUMNS, FORWARD_HEADERS, FORWARD_INPUTS, type ForwardChoice, type ForwardInput, type ForwardRow } from '../sim/queue/forward';
import type { QueuePresetDoc } from '../sim/queue/presets';
import { parseDate } from '../sim/queue/schedule';
import { docWithForward } from '../sim/requests';

export { FORWARD_COLUMNS, FORWARD_HEADERS };

export type ForwardMode = 'flat' | 'trend' | 'table';

/** One typed row as the user wrote it: every cell raw text ('' = unchanged from the year before). */
export type ForwardRowDraft = { year: string } & Record<ForwardInput, string>;

const emptyRow = (year: number | string): ForwardRowDraft => ({
  year: String(year),
  arrivalsPerYear: '',
  sizeFactor: '',
  withdrawalFactor: '',
  headroomMWPerYear: '',
  studyDurationFactor: '',
  constrDurationFactor: '',
  studyCapacity: '',
  feasDurationFactor: '',
  sisDurationFactor: '',
  fsDurationFactor: '',
});

/** The year after the stock's as-of date: the first year a typed path may start. */
export function firstForwardYear(doc: QueuePresetDoc): number | null {
  const asOf = doc.params.stock?.asOf;
  const d = asOf ? parseDate(asOf) : null;
  return d ? d[0] + 1 : null;
}

export class ForwardState {
  /** by preset id; absent = the preset's default */
  mode = $state<Record<string, ForwardMode>>({});
  /** typed rows by preset id, raw text */
  rows = $state<Record<string, ForwardRowDraft[]>>({});

  modeFor(doc: QueuePresetDoc): ForwardMode {
    return this.mode[doc.id] ?? doc.forward.default;
  }

  rowsFor(doc: QueuePresetDoc): ForwardRowDraft[] {
    return this.rows[doc.id] ?? [];
  }

  setMode(doc: QueuePresetDoc, mode: ForwardMode): void {
    this.mode[doc.id] = mode;
    if (mode === 'table' && !this.rowsFor(doc).length) this.rows[doc.id] = [emptyRow(firstForwardYear(doc) ?? '')];
  }

  addRow(doc: QueuePresetDoc): void {
    const rows = this.rowsFor(doc);
    const last = Number(rows[rows.length - 1]?.year);
    this.rows[doc.id] = [...rows, emptyRow(Number.isInteger(last) ? last + 1 : (firstForwardYear(doc) ?? ''))];
  }

  removeRow(doc: QueuePresetDoc, index: number): void {
    this.rows[doc.id] = this.rowsFor(doc).filter((_, i) => i !== index);
  }

  edit(doc: QueuePresetDoc, index: number, key: keyof ForwardRowDraft, raw: string): void {
    this.rows[doc.id] = this.rowsFor(doc).map((r, i) => (i === index ? { ...r, [key]: raw } : r));
  }

  /** The choice as typed, with every problem naming its field ("forward.rows.2.year"). */
  choice(doc: QueuePresetDoc): { choice: ForwardChoice; errors: FieldError[] } {
    const mode = this.modeFor(doc);
    if (mode !== 'table') {
      const errors = mode === 'trend' && !doc.forward.trend ? [{ field: 'forward', message: 'this preset states no trend; choose "flat" or type a table' }] : [];
      return { choice: mode, errors };
    }
    const errors: FieldError[] = [];
    const rows: ForwardRow[] = this.rowsFor(doc).map((draft, i) => {
      const row: ForwardRow = { year: NaN };
      for (const key of ['year', ...FORWARD_INPUTS] as const) {
        const text = draft[key].trim().replace(/[,_\s]/g, '');
        if (text === '' && key !== 'year') continue;
        const v = text === '' ? NaN : Number(text);
        if (!Number.isFinite(v)) errors.push({ field: `forward.rows.${i}.${key}`, message: `must be a number, got "${draft[key]}"` });
        row[key] = v;
      }
      return row;
    });
    const choice = { rows };
    // A cell that is not a number is reported once, as typed, not again by the range check.
    const typed = new Set(errors.map((e) => e.field));
    errors.push(...checkForward(choice, doc.params.stock?.asOf).filter((e) => !typed.has(e.field)));
    return { choice, errors };
  }

  /** The preset with the chosen path applied, or the problems (nothing runs while there are any). */
  docFor(doc: QueuePresetDoc): Result<QueuePresetDoc> {
    const { choice, errors } = this.choice(doc);
    return errors.length ? { ok: false, errors } : docWithForward(doc, choice);
  }

  /** One line that says what the chosen path assumes (the panel, the summary CSV). */
  describe(doc: QueuePresetDoc): string {
    const { choice, errors } = this.choice(doc);
    if (errors.length) return 'Typed path: not valid yet (see the table).';
    return describeForward(choice, doc.forward.trend, doc.params.stock?.asOf);
  }

  /** Choices that differ from each preset's default and are valid, for a scenario. */
  toScenario(presets: Record<string, QueuePresetDoc>): Record<string, ForwardChoice> {
    const out: Record<string, ForwardChoice> = {};
    for (const id of Object.keys(this.mode)) {
      const doc = presets[id];
      if (!doc) continue;
      const { choice, errors } = this.choice(doc);
      if (!errors.length && choice !== doc.forward.default) out[id] = choice;
    }
    return out;
  }

  /** Typed tables that do not validate: a scenario would leave them out, so sharing waits for a fix. */
  problems(presets: Record<string, QueuePresetDoc>): FieldError[] {
    return Object.keys(this.mode).flatMap((id) => (presets[id] ? this.choice(presets[id]).errors.map((e) => ({ ...e, field: `${id}.${e.field}` })) : []));
  }

  /** Shows a scenario's choices (already validated); presets it does not name go back to their default. */
  fromScenario(choices: Record<string, ForwardChoice> | undefined): void {
    const mode: Record<string, ForwardMode> = {};
    const rows: Record<string, ForwardRowDraft[]> = {};
    for (const [id, c] of Object.entries(choices ?? {})) {
      if (typeof c === 'string') mode[id] = c;
      else {
        mode[id] = 'table';
        rows[id] = c.rows.map((r) => {
          const d = emptyRow(r.year);
          for (const k of FORWARD_INPUTS) if (r[k] !== undefined) d[k] = String(r[k]);
          return d;
        });
      }
    }
    this.mode = mode;
    this.rows = rows;
  }

  reset(): void {
    this.fromScenario(undefined);
  }
}
