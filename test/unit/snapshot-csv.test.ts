import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvText, perTrialCsv, summaryCsv, toCsv } from '../../src/snapshot/csv';
import type { SummaryRow } from '../../src/snapshot/results';

/** A minimal RFC 4180 reader, to check that what we write reads back as the same cells. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvText('plain')).toBe('plain');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvText('cr\rhere')).toBe('"cr\rhere"');
  });

  it('neutralises text that a spreadsheet would run as a formula, but not our own negative numbers', () => {
    expect(csvText('=1+1')).toBe("'=1+1");
    expect(csvText('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(csvText('-2+3')).toBe("'-2+3");
    expect(csvText('@cmd')).toBe("'@cmd");
    expect(csvText('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    const csv = toCsv([{ header: 'delta', value: (r: number) => r }], [-3.5]);
    expect(csv).toBe('delta\r\n-3.5\r\n');
  });

  it('a formula after a separator another spreadsheet might split on is neutralised too', () => {
    // Before: `ok;=1+1` was written unchanged, and a spreadsheet splitting on ";" ran =1+1.
    expect(csvText('ok;=1+1')).toBe(`"ok;'=1+1"`);
    expect(csvText('a,+1')).toBe(`"a,'+1"`);
    expect(csvText('a\t@SUM(1)')).toBe(`"a\t'@SUM(1)"`);
    expect(csvText('a; "-2+3')).toBe(`"a; ""'-2+3"`);
    expect(csvText('Rockdale; phase 2')).toBe('"Rockdale; phase 2"');
  });

  it('no text written can start a formula in a spreadsheet splitting on , ; or tab, and only quotes are added', () => {
    const formulaChars = fc.constantFrom('=', '+', '-', '@', ',', ';', '\t', ' ', '"', "'", 'a', '1');
    fc.assert(
      fc.property(fc.array(fc.oneof(formulaChars, fc.string({ maxLength: 3 })), { maxLength: 12 }).map((p) => p.join('')), (text) => {
        const [[cell]] = readCsv(toCsv([{ header: 'x', value: (r: string) => r }], [text])).slice(1);
        expect(cell.replaceAll("'", '')).toBe(text.replaceAll("'", ''));
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        for (const piece of cell.split(/[,;\t]/).slice(1)) expect(piece.replace(/^[ \u00a0"]*/, '')).not.toMatch(/^[=+\-@]/);
      }),
      { seed: 23, numRuns: 500 },
    );
  });

  it('any text written reads back as the same cell (after the formula prefix)', () => {
    fc.assert(
      // Text without a separator before a formula character: those cells are covered above.
      fc.property(fc.array(fc.array(fc.string({ unit: 'binary', maxLength: 20 }).filter((t) => !/[,;\t][ \u00a0"]*[=+\-@]/.test(t)), { minLength: 2, maxLength: 2 }), { maxLength: 10 }), (rows) => {
        const cols = [0, 1].map((i) => ({ header: `c${i}`, value: (r: string[]) => r[i] }));
        const back = readCsv(toCsv(cols, rows));
        expect(back[0]).toEqual(['c0', 'c1']);
        back.slice(1).forEach((r, k) => {
          r.forEach((cell, i) => {
            const original = rows[k][i];
            expect(cell).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
          });
        });
      }),
      { seed: 7, numRuns: 150 },
    );
  });

  it('per-trial CSV: trial index, one column per output, "never" for no event within the horizon', () => {
    const csv = perTrialCsv(
      [
        { header: 'buy first MW (months)', values: new Float64Array([10.5, Infinity, 8]) },
        { header: 'build first MW (months)', values: [50, 61.25] },
      ],
      1000,
    );
    expect(csv).toBe('trial,buy first MW (months),build first MW (months)\r\n1000,10.5,50\r\n1001,never,61.25\r\n1002,8,\r\n');
  });

  it('summary CSV: one line per site and option, "> horizon" and empty for unknown', () => {
    const row: SummaryRow = { site: 'Samara, mine 1', option: 'build · first MW', p10: 38, p50: 55.5, p90: Infinity, se50: 0.4, se90: NaN, neverShare: 0.12, n: 10000, units: 'months' };
    // The forward path column is empty for rows that are not queue runs.
    expect(summaryCsv([row])).toBe(
      'site,option,p10,p50,p90,se50,se90,neverShare,n,units,forward path\r\n"Samara, mine 1",build · first MW,38,55.5,> horizon,0.4,,0.12,10000,months,\r\n',
    );
  });

  it('summary CSV: numbers rounded to what their unit can carry (months 0.01, dollars whole, shares 0.0001)', () => {
    const months: SummaryRow = { site: 'A', option: 'queue · time to power (100 MW)', p10: 8.352272727272727, p50: 20.004999, p90: 61.666666, se50: 0.123456, se90: NaN, neverShare: 0.0123456, n: 1000, units: 'months' };
    const usd: SummaryRow = { ...months, option: 'economics · lease NPV (120 months)', p10: -603353351.14, p50: 486520853.51, p90: 9.4, units: 'USD' };
    const share: SummaryRow = { ...months, option: 'queue · share of energy curtailed until firm', p10: 0.123456789, p50: 0.5, p90: 0.99999, units: 'share of energy' };
    const lines = summaryCsv([months, usd, share]).split('\r\n');
    expect(lines[1]).toBe('A,queue · time to power (100 MW),8.35,20,61.67,0.12,,0.0123,1000,months,');
    expect(lines[2]).toBe("A,economics · lease NPV (120 months),-603353351,486520854,9,0,,0.0123,1000,USD,");
    expect(lines[3]).toBe('A,queue · share of energy curtailed until firm,0.1235,0.5,1,0.1235,,0.0123,1000,share of energy,');
  });
});
