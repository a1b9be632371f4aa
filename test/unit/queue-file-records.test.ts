/**
 * Queue files → records: both recognised formats load without questions, any other file asks for a
 * column mapping, and every kind of bad row in the hand-made file is reported by row number and column
 * while the good rows load.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/files/read-table';
import { defaultStatuses, headerKey, mappingFromData, mappingToData, type ColumnMapping } from '../../src/sim/queue-file/columns';
import { dayToIso, noUsableRowReason, readDay, tableToRecords, type Cell } from '../../src/sim/queue-file/records';

const dir = resolve(import.meta.dirname, '../fixtures/queue-files');
async function load(name: string) {
  const t = await readTable(new Uint8Array(readFileSync(resolve(dir, name))), name);
  if (!t.ok) throw new Error(t.message);
  return t;
}

describe('recognised formats', () => {
  it('reads the hand-made gridstatus file: good rows load, each bad row is named by row and column', async () => {
    const t = await load('bad-rows.csv');
    const r = tableToRecords(t.table);
    if (!r.ok) throw new Error(r.reason);
    expect(r.format).toBe('gridstatus');
    expect(r.result.records.map((x) => [x.row, x.id, x.status])).toEqual([
      [2, 'Q-1', 'active'],
      [11, 'Q-10', 'withdrawn'],
      [14, 'Q-12', 'operational'],
      [16, '__proto__', 'active'],
    ]);
    const bad = r.result.bad.map((b) => [b.row, b.column]);
    expect(bad).toEqual([
      [3, 'Queue Date'], // unparseable date
      [4, 'Capacity (MW)'], // negative MW
      [5, 'Status'], // unknown status
      [6, 'Queue ID'], // no id
      [7, 'Capacity (MW)'], // MW as words
      [8, 'Withdrawn Date'], // withdrawn before requested
      [9, 'Queue Date'], // 30 February
      [10, 'Capacity (MW)'], // a formula
      [13, 'Queue Date'], // no request date
      [15, 'Capacity (MW)'], // a row cut short before its MW
    ]);
    expect(r.result.badCount).toBe(10);
    expect(r.result.bad[2].message).toContain('"pending review"');
    expect(r.result.bad[9].message).toContain('2 of the header');
    // US-style dates are read as month/day/year.
    expect(dayToIso(r.result.records[2].operationDay as number)).toBe('2020-03-31');
    // "__proto__" as an id and "constructor" as a county are plain text.
    expect(r.result.records[3].county).toBe('constructor');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('reads the LBNL workbook (title rows above the header, Excel serial dates) to the same requests as the gridstatus file', async () => {
    const [gs, lb] = [await load('synthetic-gridstatus.csv'), await load('synthetic-lbnl.xlsx')];
    const a = tableToRecords(gs.table);
    const b = tableToRecords(lb.table);
    if (!a.ok || !b.ok) throw new Error('not read');
    expect([a.format, b.format]).toEqual(['gridstatus', 'lbnl']);
    expect(b.result.records.length).toBe(20_000);
    expect(b.result.badCount).toBe(0);
    // Row numbers follow each file (LBNL's header is on row 3); everything else is the same request.
    const strip = (x: (typeof a.result.records)[number]) => ({ ...x, row: 0, agreementDay: null });
    expect(b.result.records.slice(0, 500).map(strip)).toEqual(a.result.records.slice(0, 500).map(strip));
    expect(b.result.records[0].row).toBe(4);
    expect(b.result.records.some((r) => r.agreementDay !== null)).toBe(true);
    // The as-of date is the latest date in the file: the generator's as-of date (2025-12-31) or just before.
    expect(dayToIso(a.result.asOfDay as number)).toMatch(/^2025-12-(2[4-9]|3[01])$/);
  });
});

describe('any other file: a column mapping', () => {
  const table: Cell[][] = [
    ['Ref', 'Size', 'Filed', 'Where', 'Stage'],
    ['A1', '120', '2022-01-05', 'Loudoun', 'In study'],
    ['A2', '80', '2021-07-01', 'Loudoun', 'Dropped'],
    ['A3', '40', '2020-03-01', 'Fairfax', 'Energised'],
  ];
  it('asks for a mapping, then loads with it and the status words the user mapped', () => {
    const first = tableToRecords(table);
    expect(first).toMatchObject({ ok: false, needsMapping: true, header: table[0] });
    const statuses = defaultStatuses();
    statuses.set('in study', 'active').set('dropped', 'withdrawn').set('energised', 'operational');
    const m: ColumnMapping = { columns: new Map([['id', 'Ref'], ['mw', 'Size'], ['requestDate', 'Filed'], ['county', 'Where'], ['status', 'Stage']]), statuses };
    const r = tableToRecords(table, m);
    if (!r.ok) throw new Error(r.reason);
    expect(r.format).toBe('custom');
    expect(r.result.records.map((x) => [x.id, x.mw, x.status, x.county])).toEqual([
      ['A1', 120, 'active', 'Loudoun'],
      ['A2', 80, 'withdrawn', 'Loudoun'],
      ['A3', 40, 'operational', 'Fairfax'],
    ]);
    // The mapping survives a round trip through plain data (storage, the worker boundary).
    expect(tableToRecords(table, mappingFromData(JSON.parse(JSON.stringify(mappingToData(m)))))).toEqual(r);
  });
  it('names the required fields a mapping leaves out', () => {
    const r = tableToRecords(table, { columns: new Map([['id', 'Ref']]), statuses: defaultStatuses() });
    expect(r).toMatchObject({ ok: false, needsMapping: true });
    expect(!r.ok && r.reason).toBe('no column for Capacity (MW), Request date, Status');
  });
  it('remembers mappings by header set, whatever the column order or case', () => {
    expect(headerKey(['Ref', 'Size'])).toBe(headerKey([' size', 'REF']));
    expect(headerKey(['Ref', 'Size'])).not.toBe(headerKey(['Ref', 'MW']));
  });
  it('says why a file has no usable row', () => {
    const r = tableToRecords([table[0], ['', 'x', 'y', 'z', 'w']], mappingFromData({ columns: [['id', 'Ref'], ['mw', 'Size'], ['requestDate', 'Filed'], ['status', 'Stage']], statuses: [] }));
    if (!r.ok) throw new Error(r.reason);
    expect(noUsableRowReason(r.result)).toMatch(/^none of its 1 row is usable \(first problem: row 2, column "Ref"/);
    expect(tableToRecords([])).toEqual({ ok: false, needsMapping: false, reason: 'the file is empty' });
  });
});

describe('dates', () => {
  it('reads ISO, US, Excel serial (number or text) and Date cells, and refuses the rest', () => {
    const iso = (c: Cell) => {
      const d = readDay(c);
      return typeof d === 'number' ? dayToIso(d) : d;
    };
    expect(iso('2024-02-29')).toBe('2024-02-29');
    expect(iso('2024-02-29T13:00:00Z')).toBe('2024-02-29');
    expect(iso('2/29/2024')).toBe('2024-02-29');
    expect(iso(45351)).toBe('2024-02-29');
    expect(iso('45351.0')).toBe('2024-02-29');
    expect(iso(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
    expect(iso('')).toBeNull();
    for (const bad of ['2023-02-29', '1800-01-01', 'Q3 2024', '=TODAY()', 12, true]) expect(readDay(bad)).toHaveProperty('error');
  });
});

describe('the reader', () => {
  it('refuses an empty file and a file over 50 MB by name, and can be cancelled', async () => {
    expect(await readTable(new Uint8Array(0), 'q.csv')).toEqual({ ok: false, message: 'q.csv is empty' });
    const big = { byteLength: 51 * 1048576 } as Uint8Array;
    expect(await readTable(big, 'big.csv')).toMatchObject({ ok: false, message: expect.stringContaining('big.csv is 51.0 MB') });
    const csv = new TextEncoder().encode('a,b\n'.repeat(20_000));
    expect(await readTable(csv, 'q.csv', () => false)).toEqual({ ok: false, message: 'cancelled' });
    expect(await readTable(new TextEncoder().encode('PK not a zip'), 'q.xlsx')).toMatchObject({ ok: false, message: expect.stringContaining('q.xlsx could not be read as an Excel workbook') });
  });
});
