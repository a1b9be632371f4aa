/**
 * CSV for the audit trail (issue 5 item 5): RFC 4180 (fields with a comma, quote or line break
 * are quoted, quotes doubled, CRLF between records), generic over column definitions.
 *
 * Text cells that start with = + - @ (or a tab or carriage return) get a leading single quote.
 * Spreadsheets run such a cell as a formula when the file is opened, so a site name like
 * `=HYPERLINK("http://evil","click")` would become a live link or worse (OWASP "CSV Injection").
 * A spreadsheet that splits on another separator (`;` in much of Europe, tab) starts a new cell
 * inside our field, so a formula character after `,` `;` or a tab (spaces or quotes between) gets
 * the quote too: `ok;=1+1` is written `ok;'=1+1`, never run.
 * Numbers we write ourselves are never prefixed: -3.5 must stay a number.
 */
import type { SummaryRow } from './results';

/** One cell: text, a number, or empty (null/undefined). */
export type CsvValue = string | number | boolean | null | undefined;

/** A column: its header and how to read a row's cell. */
export interface CsvColumn<R> {
  header: string;
  value: (row: R, index: number) => CsvValue;
  /** text written for +Infinity in this column (default "> horizon") */
  infinity?: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;
/** A formula character that would start a cell where a spreadsheet splits on , ; or tab. */
const FORMULA_AFTER_SEPARATOR = /([,;\t][ \u00a0"]*)([=+\-@])/g;
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** Escapes one text field (formula neutralisation at its start and after any separator, then RFC 4180 quoting). */
export function csvText(text: string): string {
  const inner = text.replace(FORMULA_AFTER_SEPARATOR, "$1'$2");
  const safe = FORMULA_START.test(inner) ? `'${inner}` : inner;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function cell(v: CsvValue, infinity: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return String(v);
    return v === Infinity ? csvText(infinity) : '';
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return csvText(v);
}

/** A CSV document: header line, then one line per row, CRLF-separated and CRLF-terminated. */
export function toCsv<R>(columns: readonly CsvColumn<R>[], rows: Iterable<R>): string {
  const lines = [columns.map((c) => csvText(c.header)).join(',')];
  let i = 0;
  for (const row of rows) {
    lines.push(columns.map((c) => cell(c.value(row, i), c.infinity ?? '> horizon')).join(','));
    i++;
  }
  return lines.join('\r\n') + '\r\n';
}

/** One per-trial output, indexed by trial (the models keep these up to MAX_PER_TRIAL_ROWS). */
export interface TrialColumn {
  /** header including units, e.g. "buy first MW (months)" */
  header: string;
  values: ArrayLike<number | string>;
  /** text for +Infinity (default "never") */
  infinity?: string;
}

/**
 * Per-trial outcomes: a `trial` column (index `firstTrial + i`), then one column per output.
 * Columns of different lengths leave cells empty past their end.
 */
export function perTrialCsv(columns: readonly TrialColumn[], firstTrial = 0): string {
  let rows = 0;
  for (const c of columns) rows = Math.max(rows, c.values.length);
  const defs: CsvColumn<number>[] = [
    { header: 'trial', value: (i) => firstTrial + i },
    ...columns.map((c) => ({ header: c.header, value: (i: number) => (i < c.values.length ? c.values[i] : null), infinity: c.infinity ?? 'never' })),
  ];
  return toCsv(defs, Array.from({ length: rows }, (_, i) => i));
}

/**
 * Decimals a summary value keeps, by its unit: months to 0.01 (a hundredth of a month is a few
 * hours, finer than any Monte Carlo SE here), dollars whole, shares to 0.0001. "8.352272727272727"
 * claims a precision no run has.
 */
function decimalsFor(units: string): number {
  if (units === 'USD') return 0;
  if (units === 'months') return 2;
  return 4;
}

/** `v` rounded to the decimals of its unit; non-finite values pass through (cell() writes them). */
export function roundFor(units: string, v: number): number {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** decimalsFor(units);
  return Math.round(v * f) / f;
}

const SUMMARY_COLUMNS: CsvColumn<SummaryRow>[] = [
  { header: 'site', value: (r) => r.site },
  { header: 'option', value: (r) => r.option },
  { header: 'p10', value: (r) => roundFor(r.units, r.p10) },
  { header: 'p50', value: (r) => roundFor(r.units, r.p50) },
  { header: 'p90', value: (r) => roundFor(r.units, r.p90) },
  { header: 'se50', value: (r) => roundFor(r.units, r.se50) },
  { header: 'se90', value: (r) => roundFor(r.units, r.se90) },
  { header: 'neverShare', value: (r) => roundFor('share', r.neverShare) },
  { header: 'n', value: (r) => r.n },
  { header: 'units', value: (r) => r.units },
  { header: 'forward path', value: (r) => r.forward },
];

/** The summary table: P10/P50/P90 per site and option, "> horizon" where the curve never gets there. */
export function summaryCsv(rows: readonly SummaryRow[]): string {
  return toCsv(SUMMARY_COLUMNS, rows);
}
