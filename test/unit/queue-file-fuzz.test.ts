/**
 * Fuzzed queue files (fast-check, 2,000 tables and 2,000 CSV texts): wrong types, formula cells, huge
 * strings, built-in member names as headers and ids, rows with too many or too few cells. No
 * exception escapes; every row is either a record or a bad row named by its row number and a column
 * of the header; records hold only finite, non-negative MW and one of the four statuses; nothing
 * leaks onto Object.prototype.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/files/read-table';
import { QUEUE_STATUSES } from '../../src/sim/queue-file/columns';
import { MAX_TEXT, tableToRecords, type Cell } from '../../src/sim/queue-file/records';
import { GRIDSTATUS_HEADER, LBNL_HEADER } from '../../src/sim/queue-file/synthetic';

const BUILT_INS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'];
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('Active', 'withdrawn', 'Completed', 'Suspended', 'operational', '2021-05-06', '5/6/2021', '45000', '-3', '1,200', '=HYPERLINK("x")', '+1+1', '@SUM(A1)', ...BUILT_INS),
  fc.string({ minLength: 1000, maxLength: 5000 }).map((s) => s.padEnd(1000, 'x')),
  fc.double(),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constant(null),
  fc.constant(undefined),
);
const headerArb = fc.oneof(
  fc.constant(GRIDSTATUS_HEADER),
  fc.constant(LBNL_HEADER),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...BUILT_INS)), { minLength: 1, maxLength: 8 }),
  fc.shuffledSubarray([...GRIDSTATUS_HEADER, ...BUILT_INS], { minLength: 1 }),
);
const tableArb = headerArb.chain((header) =>
  fc.tuple(fc.constant(header as Cell[]), fc.array(fc.array(cellArb, { minLength: 0, maxLength: header.length + 3 }), { maxLength: 25 })),
);

describe('fuzzed queue tables', () => {
  it('never throw, and account for every row', () => {
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    fc.assert(
      fc.property(tableArb, ([header, rows]) => {
        const r = tableToRecords([header, ...rows]);
        if (!r.ok) {
          expect(typeof r.reason).toBe('string');
          return;
        }
        const { records, bad, badCount, rowCount } = r.result;
        expect(records.length + badCount).toBe(rowCount);
        expect(bad.length).toBe(badCount);
        for (const b of bad) {
          expect(b.row).toBeGreaterThanOrEqual(2);
          expect(b.row).toBeLessThanOrEqual(rows.length + 1);
          expect(r.header).toContain(b.column);
          expect(b.message.length).toBeLessThan(300);
        }
        for (const rec of records) {
          expect(Number.isFinite(rec.mw) && rec.mw >= 0).toBe(true);
          expect(QUEUE_STATUSES).toContain(rec.status);
          expect(Number.isInteger(rec.requestDay)).toBe(true);
          for (const t of [rec.id, rec.name, rec.county, rec.poi, rec.zone, rec.type, rec.state]) {
            expect(typeof t).toBe('string');
            expect(t.length).toBeLessThanOrEqual(MAX_TEXT);
          }
        }
      }),
      { numRuns: 2000, seed: 20 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('CSV text of any shape reads without an exception', async () => {
    const lineArb = fc.array(fc.oneof(fc.string({ maxLength: 15 }), fc.constantFrom('"', '""', '"a,b"', '\r', '=1+1', '__proto__', 'Queue ID', 'Status', 'mw1', 'q_id')), { maxLength: 8 }).map((cells) => cells.join(','));
    const textArb = fc.tuple(fc.constantFrom(GRIDSTATUS_HEADER.join(','), LBNL_HEADER.join(','), ''), fc.array(lineArb, { maxLength: 15 })).map(([h, lines]) => [h, ...lines].join('\n'));
    await fc.assert(
      fc.asyncProperty(textArb, async (text) => {
        const t = await readTable(new TextEncoder().encode(text), 'fuzz.csv');
        if (!t.ok) return;
        const r = tableToRecords(t.table);
        if (r.ok) expect(r.result.records.length + r.result.badCount).toBe(r.result.rowCount);
      }),
      { numRuns: 2000, seed: 21 },
    );
  });
});
