import { describe, expect, it } from 'vitest';
import { fanGeometry, formatInUnit, type FanSeries } from '../../src/charts/fan-geometry';
import { isValidPath, nonFinitePaths, pathPoints } from './charts-test-utils';

// Pre-leased share of capacity under construction, months 0–24 (fractions 0–1).
const months = Array.from({ length: 25 }, (_, i) => i);
const p10 = months.map((m) => 0.6 + m * 0.004);
const p50 = months.map((m) => 0.7 + m * 0.004);
const p90 = months.map((m) => 0.8 + m * 0.004);
const preleased: FanSeries = { label: 'Pre-leased share', unit: '%', x: months, p10, p50, p90 };
const band = { from: 0.74, to: 0.84, label: 'reported 74–84% (CBRE/JLL 2024–25)' };

describe('fanGeometry', () => {
  const g = fanGeometry([preleased], { referenceBand: band, marker: { x: 18, label: 'your building delivered' } });

  it('maps x onto the plot width and the median line through every point', () => {
    const pts = pathPoints(g.series[0].median);
    expect(pts).toHaveLength(25);
    expect(pts[0][0]).toBe(g.plot.left);
    expect(pts[24][0]).toBe(g.plot.right);
    // y axis starts at 0% (includeZero) and ends at a nice 100%: median 0.7 sits 30% below the top.
    const y0 = g.yAxis.ticks.find((t) => t.label === '0%')!;
    const yTop = g.yAxis.ticks[g.yAxis.ticks.length - 1];
    expect(y0.pos).toBe(g.plot.bottom);
    expect(yTop.label).toBe('100%');
    expect(yTop.pos).toBe(g.plot.top);
    expect(pts[0][1]).toBeCloseTo(g.plot.bottom - 0.7 * (g.plot.bottom - g.plot.top), 0);
  });
  it('draws the band as one closed polygon: P90 out, P10 back', () => {
    expect(isValidPath(g.series[0].band)).toBe(true);
    expect(g.series[0].band.endsWith('Z')).toBe(true);
    expect(pathPoints(g.series[0].band)).toHaveLength(50);
  });
  it('draws the reference band between its two values', () => {
    const h = g.plot.bottom - g.plot.top;
    expect(g.reference!.y0).toBeCloseTo(g.plot.bottom - 0.84 * h, 0);
    expect(g.reference!.y1).toBeCloseTo(g.plot.bottom - 0.74 * h, 0);
    expect(g.legend.map((l) => l.label)).toContain(band.label);
    expect(g.notes.join(' ')).toContain('74.0% to 84.0%');
  });
  it('gives key numbers at the marker and at the end', () => {
    expect(g.marker!.x).toBeCloseTo(g.plot.left + ((g.plot.right - g.plot.left) * 18) / 24, 1);
    expect(g.table.columns).toEqual(['', 'month', 'P10', 'P50', 'P90']);
    expect(g.table.rows[0].label).toBe('Pre-leased share, your building delivered');
    expect(g.table.rows[0].cells).toEqual(['18.0 mo', '67.2%', '77.2%', '87.2%']);
    expect(g.table.rows[1].cells[0]).toBe('24.0 mo');
    expect(g.yAxis.title).toBe('Pre-leased share (%)');
  });
  it('breaks lines at missing values instead of drawing NaN', () => {
    const gappy: FanSeries = { ...preleased, p50: p50.map((v, i) => (i === 10 ? NaN : v)), p10: p10.map((v, i) => (i === 3 ? Infinity : v)) };
    const gg = fanGeometry([gappy, { ...preleased, x: [], p10: [], p50: [], p90: [] }], { marker: { x: NaN, label: 'm' }, referenceBand: { from: NaN, to: 1, label: 'r' } });
    expect(nonFinitePaths(gg)).toEqual([]);
    expect(isValidPath(gg.series[0].median)).toBe(true);
    expect(gg.series[0].median.match(/M/g)).toHaveLength(2);
    expect(gg.series[0].band.match(/Z/g)).toHaveLength(2);
    expect(gg.reference).toBeUndefined();
  });
  it('handles no data and calendar years', () => {
    expect(nonFinitePaths(fanGeometry([]))).toEqual([]);
    const years = fanGeometry([{ label: 'Vacancy', unit: '%', x: [2024, 2025, 2026], p10: [0.01, 0.012, 0.015], p50: [0.02, 0.022, 0.025], p90: [0.03, 0.033, 0.035] }], { xUnit: 'years' });
    expect(years.xAxis.ticks.map((t) => t.label)).toEqual(['2024', '2025', '2026']);
    expect(years.xAxis.title).toBe('year');
    expect(years.yAxis.ticks.map((t) => t.label)).toEqual(['0%', '1%', '2%', '3%', '4%']);
  });
});

describe('formatInUnit', () => {
  it('formats by unit', () => {
    expect(formatInUnit('%', 0.025)).toBe('2.5%');
    expect(formatInUnit('MW', 350)).toBe('350 MW');
    expect(formatInUnit('GWh', 12.345)).toBe('12.3 GWh');
    expect(formatInUnit('MW', NaN)).toBe('—');
  });
});
