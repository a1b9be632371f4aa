/**
 * A queue file's rows → validated request records, with every bad row counted and listed by its row
 * number in the file and its column (docs/queue-files.md "Bad rows"). The rest loads.
 *
 * Cells arrive as a table reader gives them (text from CSV; text, numbers, dates or booleans from XLSX).
 * Nothing here indexes a plain object by file text: headers and ids only ever sit in Maps and strings.
 */
import { FIELD_LABELS, type ColumnMapping, type QueueField, type QueueStatus, recogniseHeader, missingFields } from './columns';

/** A cell as a table reader returns it. */
export type Cell = string | number | boolean | Date | null | undefined;

/** At most this many data rows and bytes per file (the issue's limits; the reader checks bytes). */
export const MAX_QUEUE_ROWS = 100_000;
export const MAX_QUEUE_FILE_BYTES = 50 * 1024 * 1024;
/** Text fields are cut to this many characters (a 1 MB cell is not a county name). */
export const MAX_TEXT = 200;
/** Bad rows listed one by one; beyond this they are only counted. */
export const MAX_LISTED_BAD_ROWS = 1000;

/** One request from the file. Dates are whole days since 1970-01-01 (UTC). */
export interface QueueRecord {
  /** row number in the file (1 = first line) */
  row: number;
  id: string;
  name: string;
  status: QueueStatus;
  requestDay: number;
  agreementDay: number | null;
  withdrawnDay: number | null;
  operationDay: number | null;
  state: string;
  county: string;
  poi: string;
  zone: string;
  type: string;
  mw: number;
}

/** A row left out, or a cell that could not be read: the row number in the file and the column's header. */
export interface BadRow {
  row: number;
  column: string;
  message: string;
}

export interface QueueRecords {
  records: QueueRecord[];
  /** bad rows as listed (at most MAX_LISTED_BAD_ROWS) */
  bad: BadRow[];
  /** all rows left out */
  badCount: number;
  /** non-blank data rows read (good + bad) */
  rowCount: number;
  /** the latest date anywhere in the file, whole days since 1970-01-01: the file's as-of date */
  asOfDay: number | null;
}

/** Why a file yields no record (null when some loaded). */
export function noUsableRowReason(r: QueueRecords): string | null {
  if (r.records.length) return null;
  if (!r.rowCount) return 'the file has a header row but no data rows';
  const first = r.bad[0];
  return `none of its ${r.rowCount.toLocaleString('en-US')} row${r.rowCount === 1 ? '' : 's'} is usable${first ? ` (first problem: row ${first.row}, column "${first.column}": ${first.message})` : ''}`;
}

const DAY_MS = 86_400_000;
const DATE_FIELDS = ['requestDate', 'agreementDate', 'withdrawnDate', 'operationDate'] as const;
/** Excel's day 0 is 1899-12-30 (serial 25569 = 1970-01-01), the 1900 leap-year bug included. */
const EXCEL_UNIX_OFFSET = 25_569;
/** Dates outside these years are taken as typing errors. */
const MIN_YEAR = 1950;
const MAX_YEAR = 2100;
const MIN_DAY = Date.UTC(MIN_YEAR, 0, 1) / DAY_MS;
const MAX_DAY = Date.UTC(MAX_YEAR, 11, 31) / DAY_MS;

/** Upper bound on one request, MW (the largest single loads discussed are a few GW). */
export const MAX_REQUEST_MW = 100_000;

/** A short, safe rendering of a cell for a message. */
export function showCell(c: Cell): string {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '(invalid date)' : c.toISOString().slice(0, 10);
  const s = String(c);
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

const isBlank = (c: Cell) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

function dayFromYmd(y: number, m: number, d: number): number | null {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  // 2023-02-30 rolls over to March: not a date.
  if (back.getUTCMonth() !== m - 1) return null;
  return t / DAY_MS;
}

const ISO_RE = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const US_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: [0-9:]+(?: ?[AP]M)?)?$/i;
const SERIAL_RE = /^\d{5}(?:\.\d+)?$/;

/** A date cell → whole days since 1970-01-01, null when blank, or a message when it is not a date. */
export function readDay(c: Cell): number | null | { error: string } {
  if (isBlank(c)) return null;
  let day: number | null = null;
  if (c instanceof Date) {
    const t = c.getTime();
    day = Number.isNaN(t) ? null : Math.floor(t / DAY_MS);
  } else if (typeof c === 'number' || (typeof c === 'string' && SERIAL_RE.test(c.trim()))) {
    // An Excel serial date (LBNL's file stores its dates this way).
    const n = Number(c);
    day = Number.isFinite(n) ? Math.floor(n) - EXCEL_UNIX_OFFSET : null;
  } else if (typeof c === 'string') {
    const s = c.trim();
    const iso = ISO_RE.exec(s);
    const us = iso ? null : US_RE.exec(s);
    if (iso) day = dayFromYmd(Number(iso[1]), Number(iso[2]), iso[3] === undefined ? 1 : Number(iso[3]));
    else if (us) day = dayFromYmd(Number(us[3]), Number(us[1]), Number(us[2]));
  }
  if (day === null || day < MIN_DAY || day > MAX_DAY) return { error: `not a date between ${MIN_YEAR} and ${MAX_YEAR} (got ${showCell(c)}; use YYYY-MM-DD)` };
  return day;
}

/** A capacity cell → MW, or a message. Thousands separators are allowed ("1,200"). */
export function readMW(c: Cell): number | { error: string } {
  if (isBlank(c)) return { error: 'is empty; a capacity in MW is required' };
  const n = typeof c === 'number' ? c : typeof c === 'string' && /^[+-]?[\d,]*\.?\d+(?:[eE][+-]?\d+)?$/.test(c.trim()) ? Number(c.trim().replace(/,/g, '')) : NaN;
  if (!Number.isFinite(n)) return { error: `not a number of MW (got ${showCell(c)})` };
  if (n < 0) return { error: `is negative (${n} MW)` };
  if (n > MAX_REQUEST_MW) return { error: `${n} MW is more than ${MAX_REQUEST_MW.toLocaleString('en-US')} MW for one request` };
  return n;
}

const text = (c: Cell): string => {
  if (isBlank(c)) return '';
  const s = c instanceof Date ? showCell(c).replace(/"/g, '') : String(c).trim();
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s;
};

/** The date of a day number, "YYYY-MM-DD". */
export const dayToIso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Reads the data rows under a header with a mapping. `firstRow` is the file row number of rows[0].
 * Returns the good records and the bad rows; never throws on any cell content.
 */
export function toRecords(header: readonly string[], rows: readonly (readonly Cell[])[], mapping: ColumnMapping, firstRow: number): QueueRecords {
  const index = new Map<QueueField, number>();
  for (const [field, h] of mapping.columns) {
    const i = header.indexOf(h);
    if (i >= 0) index.set(field, i);
  }
  const bad: BadRow[] = [];
  let badCount = 0;
  const records: QueueRecord[] = [];
  let asOf: number | null = null;
  let rowCount = 0;
  const label = (f: QueueField) => mapping.columns.get(f) ?? FIELD_LABELS.get(f) ?? f;
  const n = Math.min(rows.length, MAX_QUEUE_ROWS);
  for (let r = 0; r < n; r++) {
    const cells = rows[r];
    const rowNo = firstRow + r;
    if (!Array.isArray(cells) || cells.every(isBlank)) continue; // blank lines are not requests
    rowCount++;
    const cell = (f: QueueField): Cell => {
      const i = index.get(f);
      return i === undefined ? null : (cells[i] as Cell);
    };
    let problem: BadRow | null = null;
    const fail = (f: QueueField, message: string) => {
      if (!problem) problem = { row: rowNo, column: label(f), message };
    };
    for (const f of ['id', 'mw', 'requestDate', 'status'] as const) {
      const i = index.get(f);
      if (i !== undefined && i >= cells.length) fail(f, `is missing: the row has ${cells.length} of the header's ${header.length} columns`);
    }
    const id = text(cell('id'));
    if (!id) fail('id', 'is empty; each request needs an id');
    const mw = readMW(cell('mw'));
    if (typeof mw !== 'number') fail('mw', mw.error);
    const statusText = text(cell('status')).toLowerCase();
    const status = mapping.statuses.get(statusText);
    if (!status) fail('status', statusText ? `unknown status ${showCell(statusText)}; map it to active, withdrawn, operational or suspended` : 'is empty');
    // request, agreement, withdrawal, operation (an array, not a Map per row: 100,000 rows add up)
    const dates: Array<number | null> = [null, null, null, null];
    for (let k = 0; k < DATE_FIELDS.length; k++) {
      const d = readDay(cell(DATE_FIELDS[k]));
      if (d !== null && typeof d === 'object') fail(DATE_FIELDS[k], d.error);
      else dates[k] = d;
    }
    const requestDay = dates[0];
    if (requestDay === null) fail('requestDate', 'is empty; each request needs its request date');
    if (typeof requestDay === 'number') {
      for (let k = 1; k < DATE_FIELDS.length; k++) {
        const d = dates[k];
        if (typeof d === 'number' && d < requestDay) fail(DATE_FIELDS[k], `${dayToIso(d)} is before the request date ${dayToIso(requestDay)}`);
      }
    }
    if (problem) {
      badCount++;
      if (bad.length < MAX_LISTED_BAD_ROWS) bad.push(problem);
      continue;
    }
    const rec: QueueRecord = {
      row: rowNo,
      id,
      name: text(cell('name')),
      status: status as QueueStatus,
      requestDay: requestDay as number,
      agreementDay: dates[1],
      withdrawnDay: dates[2],
      operationDay: dates[3],
      state: text(cell('state')),
      county: text(cell('county')),
      poi: text(cell('poi')),
      zone: text(cell('zone')),
      type: text(cell('type')),
      mw: mw as number,
    };
    for (const d of [rec.requestDay, rec.agreementDay, rec.withdrawnDay, rec.operationDay]) if (d !== null && (asOf === null || d > asOf)) asOf = d;
    records.push(rec);
  }
  if (rows.length > MAX_QUEUE_ROWS) {
    badCount += rows.length - MAX_QUEUE_ROWS;
    bad.push({ row: firstRow + MAX_QUEUE_ROWS, column: '(all)', message: `the file has ${rows.length.toLocaleString('en-US')} data rows; only the first ${MAX_QUEUE_ROWS.toLocaleString('en-US')} are read` });
  }
  return { records, bad, badCount, rowCount, asOfDay: asOf };
}

/** How many leading rows may sit above the header (titles, notes): LBNL's workbook has a few. */
const HEADER_SEARCH_ROWS = 20;

export interface TableRead {
  /** 0-based index of the header row in the table */
  headerIndex: number;
  header: string[];
  format: 'gridstatus' | 'lbnl' | 'custom';
  /** the recognised mapping, or null when the user must map the columns */
  mapping: ColumnMapping | null;
}

/** Finds the header row (the first recognised one within the first rows, else the first non-blank row). */
export function findHeader(table: readonly (readonly Cell[])[]): TableRead | null {
  const limit = Math.min(table.length, HEADER_SEARCH_ROWS);
  let firstNonBlank = -1;
  for (let i = 0; i < limit; i++) {
    const row = table[i];
    if (!Array.isArray(row) || row.every(isBlank)) continue;
    if (firstNonBlank < 0) firstNonBlank = i;
    const header = row.map((c) => text(c as Cell));
    const known = recogniseHeader(header);
    if (known) return { headerIndex: i, header, format: known.format, mapping: known.mapping };
  }
  if (firstNonBlank < 0) return null;
  return { headerIndex: firstNonBlank, header: (table[firstNonBlank] as Cell[]).map((c) => text(c)), format: 'custom', mapping: null };
}

export type TableRecords =
  | { ok: true; format: TableRead['format']; header: string[]; result: QueueRecords }
  | { ok: false; needsMapping: true; header: string[]; reason: string }
  | { ok: false; needsMapping: false; reason: string };

/**
 * A whole table (header somewhere in the first rows) → records. Without a recognised header and
 * without `mapping`, says which columns must be mapped; a mapping missing a required field says so.
 */
export function tableToRecords(table: readonly (readonly Cell[])[], mapping?: ColumnMapping): TableRecords {
  const found = findHeader(table);
  if (!found) return { ok: false, needsMapping: false, reason: 'the file is empty' };
  const m = mapping ?? found.mapping;
  if (!m) return { ok: false, needsMapping: true, header: found.header, reason: 'the columns are not a recognised queue format; say which column holds the id, MW, request date and status' };
  const missing = missingFields(m, found.header);
  if (missing.length) return { ok: false, needsMapping: true, header: found.header, reason: `no column for ${missing.join(', ')}` };
  const result = toRecords(found.header, table.slice(found.headerIndex + 1), m, found.headerIndex + 2);
  return { ok: true, format: mapping ? 'custom' : found.format, header: found.header, result };
}
