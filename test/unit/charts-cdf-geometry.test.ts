import { describe, expect, it } from 'vitest';
import { formatPct } from '../../src/charts/format';
import { cdfGeometry, monthsAtX, probabilityAt, type CdfSeries } from '../../src/charts/cdf-geometry';
import { cdfAt, cdfCurve, createHistogram, percentiles, record, type TimeHistogram } from '../../src/sim/histogram';
import { lognormalFromP50P90, lognormalInv } from '../../src/sim/distributions';
import { Rng } from '../../src/sim/rng';
import { isValidPath, nonFinitePaths, pathPoints, polylineYAt } from './charts-test-utils';

const HORIZON = 120;

/** A seeded lognormal time-to-power histogram (seed 7, 20,000 trials); times past the horizon count as never. */
function lognormalHist(p50: number, p90: number, stream: number): TimeHistogram {
  const h = createHistogram(HORIZON);
  const ln = lognormalFromP50P90(p50, p90);
  const rng = new Rng();
  for (let t = 0; t < 20_000; t++) record(h, lognormalInv(ln, rng.reset(7, t, stream).uniform()));
  return h;
}

function series(id: string, label: string, h: TimeHistogram): CdfSeries {
  return { id, label, points: cdfCurve(h), ...percentiles(h) };
}

const buy = lognormalHist(11, 20, 1);
// P90 of 150 months is past the 120-month horizon: about 15% never energized within it.
const build = lognormalHist(54, 150, 2);
const S = [series('buy', 'Buy — first MW', buy), series('build', 'Build — full MW', build)];

describe('cdfGeometry scales', () => {
  const g = cdfGeometry(S, { horizonMonths: HORIZON });
  it('maps months 0…horizon onto the plot width and 0–100% onto its height', () => {
    expect(g.xDomain).toEqual([0, HORIZON]);
    expect(g.xRange).toEqual([g.plot.left, g.plot.right]);
    const y0 = g.yAxis.ticks.find((t) => t.label === '0%');
    const y100 = g.yAxis.ticks.find((t) => t.label === '100%');
    expect(y0?.pos).toBe(g.plot.bottom);
    expect(y100?.pos).toBe(g.plot.top);
    const x0 = g.xAxis.ticks.find((t) => t.label === '0');
    const x120 = g.xAxis.ticks.find((t) => t.label === '120');
    expect(x0?.pos).toBe(g.plot.left);
    expect(x120?.pos).toBe(g.plot.right);
  });
  it('inverts x for click-to-set within 0.1 month', () => {
    for (const m of [0, 12.5, 60, 120]) {
      const x = g.plot.left + ((g.plot.right - g.plot.left) * m) / HORIZON;
      expect(monthsAtX(g, x)).toBeCloseTo(m, 1);
    }
    expect(monthsAtX(g, -50)).toBe(0);
    expect(monthsAtX(g, 10_000)).toBe(HORIZON);
  });
  it('puts units on both axes and a legend entry per series', () => {
    expect(g.xAxis.title).toBe('months from today');
    expect(g.yAxis.title).toContain('% of simulated worlds');
    expect(g.legend.map((l) => l.label)).toEqual(['Buy — first MW', 'Build — full MW']);
    expect(g.legend[0].color).toBe('#0072B2');
    expect(g.legend[1].color).toBe('#D55E00');
  });
});

describe('cdfGeometry markers', () => {
  const g = cdfGeometry(S, { horizonMonths: HORIZON });
  const yOf = (p: number): number => g.plot.bottom - p * (g.plot.bottom - g.plot.top);

  it('places every finite percentile on the drawn curve (within 0.2 px)', () => {
    let checked = 0;
    for (const s of g.series) {
      const pts = pathPoints(s.path);
      for (const m of s.markers.filter((k) => !k.beyond)) {
        expect(Math.abs(polylineYAt(pts, m.x) - m.y)).toBeLessThan(0.2);
        checked++;
      }
    }
    expect(checked).toBe(5);
  });
  it('puts each marker at its nominal probability (within 1% of the axis: the curve is a monthly chord)', () => {
    for (const s of g.series) {
      for (const m of s.markers.filter((k) => !k.beyond)) {
        const level = { P10: 0.1, P50: 0.5, P90: 0.9 }[m.key];
        expect(Math.abs(m.y - yOf(level))).toBeLessThan(0.01 * (g.plot.bottom - g.plot.top));
      }
    }
  });
  it('draws ± SE whiskers centred on the marker', () => {
    const p50 = g.series[0].markers.find((m) => m.key === 'P50')!;
    const se = S[0].se50!;
    const pxPerMonth = (g.plot.right - g.plot.left) / HORIZON;
    expect(p50.whisker).toBeDefined();
    expect(p50.whisker!.x1 - p50.whisker!.x0).toBeCloseTo(2 * se * pxPerMonth, 0);
    expect((p50.whisker!.x0 + p50.whisker!.x1) / 2).toBeCloseTo(p50.x, 0);
  });
  it('handles a percentile beyond the horizon: edge marker, note and "> horizon" text', () => {
    expect(S[1].p90).toBe(Infinity);
    const p90 = g.series[1].markers.find((m) => m.key === 'P90')!;
    expect(p90.beyond).toBe(true);
    expect(p90.x).toBe(g.plot.right);
    expect(p90.whisker).toBeUndefined();
    expect(g.notes.join(' ')).toMatch(/Build — full MW: P90 is beyond the 120\.0 mo horizon; 1\d% of simulated worlds/);
    expect(g.table.rows[1].cells[2]).toBe('> 120 mo (horizon)');
  });
});

describe('cdfGeometry beyond-horizon markers', () => {
  it('stacks markers of several series that are all past the horizon so their labels do not overlap', () => {
    const g = cdfGeometry([S[1], { ...S[1], id: 'b2', label: 'Build 2' }], { horizonMonths: HORIZON });
    const [a, b] = g.series.map((s) => s.markers.find((m) => m.key === 'P90')!);
    expect(a.x).toBe(b.x);
    expect(b.y - a.y).toBe(12);
  });
});

describe('cdfGeometry marker labels', () => {
  type Label = { x: number; y: number; anchor: 'start' | 'end' };
  // The text box as the geometry sizes it: about 20 px wide, one 10 px line, from its baseline point.
  const box = (l: Label) => (l.anchor === 'end' ? [l.x - 20, l.y - 10, l.x, l.y] : [l.x, l.y - 10, l.x + 20, l.y]);
  const overlap = (a: number[], b: number[]) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

  it('a lone curve labels every marker above-left of its dot', () => {
    const g = cdfGeometry([S[0]], { horizonMonths: HORIZON });
    for (const m of g.series[0].markers) expect(m.label).toEqual({ x: m.x - 5, y: m.y - 5, anchor: 'end' });
  });

  it('two curves a month apart (firm and curtailable) get labels that never overlap', () => {
    const firm = lognormalHist(30, 55, 3);
    const early = lognormalHist(29, 54, 4);
    const g = cdfGeometry([series('firm', 'Full firm MW', firm), series('first', 'First MW', early)], { horizonMonths: HORIZON });
    const labels = g.series.flatMap((s) => s.markers.flatMap((m) => (m.label ? [m.label] : [])));
    expect(labels.length).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(overlap(box(labels[i]), box(labels[j])), `${i} / ${j}`).toBe(false);
    // The earlier curve keeps the usual side; the later one goes below-right, away from it.
    const p50 = g.series.map((s) => s.markers.find((m) => m.key === 'P50')!);
    const [left, right] = p50[0].x <= p50[1].x ? p50 : [p50[1], p50[0]];
    expect(left.label?.anchor).toBe('end');
    expect(right.label?.anchor ?? 'start').toBe('start');
  });
});

describe('cdfGeometry target', () => {
  it('reports P(energized by target) read off the curve, matching the histogram', () => {
    const g = cdfGeometry(S, { horizonMonths: HORIZON, targetMonths: 36 });
    expect(g.series[0].pAtTarget).toBeCloseTo(cdfAt(buy, 36), 6);
    expect(g.series[1].pAtTarget).toBeCloseTo(cdfAt(build, 36), 6);
    expect(g.target?.x).toBeCloseTo(g.plot.left + ((g.plot.right - g.plot.left) * 36) / HORIZON, 1);
    const text = g.target!.lines.map((l) => l.text).join(' | ');
    expect(text).toContain(`Buy — first MW: ${formatPct(cdfAt(buy, 36))}`);
    expect(text).toContain(`Build — full MW: ${formatPct(cdfAt(build, 36))}`);
    expect(g.table.columns).toContain('P(by target)');
  });
  it('uses the one-line wording for a single series', () => {
    const g = cdfGeometry([S[0]], { horizonMonths: HORIZON, targetMonths: 12 });
    const pct = Math.round(probabilityAt(S[0].points, 12) * 100);
    expect(g.target!.lines.map((l) => l.text)).toContain(`P(energized by target) = ${pct}%`);
  });
});

describe('cdfGeometry calendar axis', () => {
  it('labels January ticks with years when a start date is given', () => {
    const g = cdfGeometry(S, { horizonMonths: HORIZON, startDate: '2025-06' });
    expect(g.xAxis.title).toBe('date (today = Jun 2025)');
    // First January is 7 months after June 2025; a 10-year span gets a tick every 2 years.
    const first = g.xAxis.ticks[0];
    expect(first.label).toBe('2026');
    expect(first.pos).toBeCloseTo(g.plot.left + ((g.plot.right - g.plot.left) * 7) / HORIZON, 1);
    expect(g.xAxis.ticks.map((t) => t.label)).toEqual(['2026', '2028', '2030', '2032', '2034']);
    expect(g.table.rows[0].cells[1]).toMatch(/mo \([A-Z][a-z]{2} 20\d\d\)$/);
  });
  it('falls back to months with a note on a malformed date', () => {
    const g = cdfGeometry(S, { horizonMonths: HORIZON, startDate: '06/2025' });
    expect(g.xAxis.title).toBe('months from today');
    expect(g.notes.join(' ')).toContain('YYYY-MM');
  });
});

describe('cdfGeometry bad data', () => {
  const bad: CdfSeries = {
    id: 'bad',
    label: 'Bad',
    points: [[NaN, 0.2], [3, NaN], [-1, 0.3], [6, 0.4], [Infinity, 1], [9, 1.7], [12, -0.2]],
    p10: NaN,
    p50: 7,
    p90: Infinity,
    se50: NaN,
    neverShare: NaN,
  };
  it('never lets NaN or Infinity reach a coordinate, and paths stay valid', () => {
    for (const g of [
      cdfGeometry([bad], { targetMonths: 5 }),
      cdfGeometry([bad], { horizonMonths: NaN, targetMonths: NaN, startDate: 'x' }),
      cdfGeometry([{ ...bad, points: [] }]),
      cdfGeometry([]),
    ]) {
      expect(nonFinitePaths(g)).toEqual([]);
      for (const s of g.series) expect(isValidPath(s.path)).toBe(true);
    }
  });
  it('drops bad points, clamps probabilities, and skips a NaN percentile', () => {
    const g = cdfGeometry([bad], { horizonMonths: 12 });
    const pts = pathPoints(g.series[0].path);
    expect(pts.length).toBe(3); // months 6, 9, 12 survive
    for (const [, y] of pts) expect(y).toBeGreaterThanOrEqual(g.plot.top);
    expect(g.series[0].markers.map((m) => m.key)).toEqual(['P50', 'P90']);
    expect(g.table.rows[0].cells[0]).toBe('—');
  });
  it('draws at most 4 series and says so', () => {
    const g = cdfGeometry([S[0], S[1], S[0], S[1], S[0]].map((s, i) => ({ ...s, id: `s${i}` })));
    expect(g.series).toHaveLength(4);
    expect(g.notes[0]).toContain('first 4 of 5');
  });
});
