import { describe, expect, it } from 'vitest';
import {
  formatMW,
  formatMonthDate,
  formatMonths,
  formatPct,
  formatSignedMonths,
  formatUSD,
  formatWithSE,
  parseYearMonth,
} from '../../src/charts/format';

describe('formatMonths', () => {
  it('prints one decimal with the unit', () => {
    expect(formatMonths(38.24)).toBe('38.2 mo');
    expect(formatMonths(0)).toBe('0.0 mo');
  });
  it('reads Infinity as beyond the horizon, naming it when known', () => {
    expect(formatMonths(Infinity, 240)).toBe('> 240 mo (horizon)');
    expect(formatMonths(Infinity)).toBe('> horizon');
  });
  it('never prints NaN', () => {
    expect(formatMonths(NaN)).toBe('—');
  });
});

describe('formatPct', () => {
  it('formats fractions as percentages', () => {
    expect(formatPct(0.63)).toBe('63%');
    expect(formatPct(0.025, 1)).toBe('2.5%');
    expect(formatPct(0)).toBe('0%');
    expect(formatPct(1)).toBe('100%');
  });
  it('never rounds a possible event to 0% or a doubtful one to 100%', () => {
    expect(formatPct(0.001)).toBe('<1%');
    expect(formatPct(0.998)).toBe('>99%');
    expect(formatPct(0.995)).toBe('>99%');
    expect(formatPct(0.004)).toBe('<1%');
  });
  it('prints missing values as a dash', () => {
    expect(formatPct(NaN)).toBe('—');
    expect(formatPct(Infinity)).toBe('—');
  });
});

describe('formatUSD / formatMW / signed months', () => {
  it('compacts dollars', () => {
    expect(formatUSD(1_234_000)).toBe('$1.2M');
    expect(formatUSD(3.4e9)).toBe('$3.4B');
    expect(formatUSD(12_300)).toBe('$12.3k');
    expect(formatUSD(950)).toBe('$950');
    expect(formatUSD(-1.2e6)).toBe('\u2212$1.2M');
    expect(formatUSD(NaN)).toBe('—');
  });
  it('formats megawatts', () => {
    expect(formatMW(2.5)).toBe('2.5 MW');
    expect(formatMW(120.4)).toBe('120 MW');
    expect(formatMW(1200)).toBe('1.2 GW');
  });
  it('signs differences with a real minus', () => {
    expect(formatSignedMonths(24)).toBe('+24.0 mo');
    expect(formatSignedMonths(-3.46)).toBe('\u22123.5 mo');
    expect(formatSignedMonths(-0.01)).toBe('0.0 mo');
    expect(formatSignedMonths(Infinity)).toBe('> range');
  });
  it('adds ± SE only when it means something', () => {
    expect(formatWithSE(38.24, 1.06, 'months')).toBe('38.2 ± 1.1 mo');
    expect(formatWithSE(38.24, NaN, 'months')).toBe('38.2 mo');
    expect(formatWithSE(Infinity, 2, 'months', 240)).toBe('> 240 mo (horizon)');
    expect(formatWithSE(0.63, 0.012, 'pct')).toBe('63% ± 1.2%');
  });
});

describe('calendar months', () => {
  it('parses YYYY-MM and rejects anything else', () => {
    expect(parseYearMonth('2025-06')).toBe(2025 * 12 + 5);
    expect(parseYearMonth('2025-13')).toBeNull();
    expect(parseYearMonth('June 2025')).toBeNull();
    expect(parseYearMonth(undefined)).toBeNull();
  });
  it('counts fractional months into the month they fall in', () => {
    const jun2025 = parseYearMonth('2025-06')!;
    expect(formatMonthDate(jun2025, 0)).toBe('Jun 2025');
    expect(formatMonthDate(jun2025, 38.2)).toBe('Aug 2028');
    expect(formatMonthDate(jun2025, 7)).toBe('Jan 2026');
  });
});
