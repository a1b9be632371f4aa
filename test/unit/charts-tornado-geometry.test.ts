import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/charts/frame';
import { HIGH_COLOR, joinRange, LOW_COLOR, sortBySwing, tornadoGeometry, type TornadoBar } from '../../src/charts/tornado-geometry';
import { nonFinitePaths } from './charts-test-utils';

// Build P50 months to power with each input at its P10 and P90 (illustrative numbers).
const bars: TornadoBar[] = [
  { label: 'Permitting', low: 50, high: 58, lowLabel: '6 mo', highLabel: '24 mo' },
  { label: 'Queue wait', low: 40, high: 75, lowLabel: '18 mo', highLabel: '60 mo' },
  { label: 'Transformer lead time', low: 48, high: 62, lowLabel: '100 wk', highLabel: '180 wk' },
  { label: 'GPU delivery', low: 53, high: 55, lowLabel: '3 mo', highLabel: '9 mo' },
];
const BASE = 54;

describe('tornadoGeometry', () => {
  const g = tornadoGeometry(bars, { base: BASE, unit: 'P50 months to power (build)' });

  it('sorts by swing, widest on top', () => {
    expect(g.rows.map((r) => r.label)).toEqual(['Queue wait', 'Transformer lead time', 'Permitting', 'GPU delivery']);
    for (let i = 1; i < g.rows.length; i++) expect(g.rows[i].y).toBeGreaterThan(g.rows[i - 1].y);
    expect(g.table.rows.map((r) => r.label)).toEqual(g.rows.map((r) => r.label));
  });
  it('draws each side from the base value to the output, on the linear axis', () => {
    const ticks = g.xAxis.ticks.map((t) => [Number(t.label), t.pos] as const);
    const [[v0, p0], [v1, p1]] = [ticks[0], ticks[ticks.length - 1]];
    const xOf = (v: number): number => p0 + ((v - v0) * (p1 - p0)) / (v1 - v0);
    expect(g.baseX).toBeCloseTo(xOf(BASE), 0);
    const queue = g.rows[0];
    const low = queue.segments.find((s) => s.side === 'low')!;
    const high = queue.segments.find((s) => s.side === 'high')!;
    expect(low.x).toBeCloseTo(xOf(40), 0);
    expect(low.x + low.w).toBeCloseTo(g.baseX, 0);
    expect(high.x).toBeCloseTo(g.baseX, 0);
    expect(high.x + high.w).toBeCloseTo(xOf(75), 0);
    expect(low.color).toBe(LOW_COLOR);
    expect(high.color).toBe(HIGH_COLOR);
    expect(low.anchor).toBe('end');
    expect(high.anchor).toBe('start');
    expect(g.xAxis.title).toBe('P50 months to power (build)');
  });
  it('lists low, high and swing as text', () => {
    expect(g.table.columns).toEqual(['input', 'low', 'high', 'swing']);
    expect(g.table.rows[0].cells).toEqual(['40.0 mo (18 mo)', '75.0 mo (60 mo)', '35.0 mo']);
    expect(g.baseText).toBe('base 54.0 mo');
  });
  it('keeps a shorter same-side segment on top of the longer one', () => {
    const same = tornadoGeometry([{ label: 'x', low: 60, high: 70, lowLabel: 'a', highLabel: 'b' }], { base: BASE, unit: 'mo' });
    const [first, second] = same.rows[0].segments;
    expect(first.w).toBeGreaterThan(second.w);
    // Both bars point right; the shorter one's label moves to the empty left of the base.
    expect(first.anchor).toBe('start');
    expect(second.anchor).toBe('end');
    expect(second.textX).toBeLessThan(same.baseX);
  });
  it('joins two value labels that would overlap into one, "low – high", inside the plot', () => {
    // A zero-swing bar at the base in a narrow chart, its labels long (money with what it is per).
    const narrow = tornadoGeometry(
      [
        { label: 'Big', low: 0, high: 100, lowLabel: 'x', highLabel: 'y' },
        { label: 'Rent', low: 90, high: 90, lowLabel: '$101.9/kW-month', highLabel: '$158.7/kW-month' },
      ],
      { base: 90, unit: 'NPV', width: 300 },
    );
    const rent = narrow.rows.find((r) => r.label === 'Rent')!;
    const shown = rent.segments.filter((sg) => sg.text !== '');
    expect(shown).toHaveLength(1);
    expect(shown[0].text).toBe('$101.9 – $158.7/kW-month');
    const w = textWidth(shown[0].text);
    const [x0, x1] = shown[0].anchor === 'start' ? [shown[0].textX, shown[0].textX + w] : [shown[0].textX - w, shown[0].textX];
    expect(x0).toBeGreaterThanOrEqual(narrow.plot.left);
    expect(x1).toBeLessThanOrEqual(narrow.plot.right);
    // Labels with room keep their own places.
    expect(narrow.rows.find((r) => r.label === 'Big')!.segments.every((sg) => sg.text.length === 1)).toBe(true);
  });
  it("cuts an input's name that would run past the chart's left edge, and only that one", () => {
    const narrow = tornadoGeometry(
      [
        { label: 'GPU-hour price median change a year', low: 0, high: 100, lowLabel: 'x', highLabel: 'y' },
        { label: 'PUE', low: 40, high: 60, lowLabel: 'x', highLabel: 'y' },
      ],
      { base: 50, unit: 'NPV', width: 340 },
    );
    const [long, short] = narrow.yAxis!.ticks.map((t) => t.label);
    expect(long.endsWith('…')).toBe(true);
    expect(textWidth(long)).toBeLessThanOrEqual(narrow.plot.left - 10);
    expect(short).toBe('PUE');
    // The key table keeps the whole name.
    expect(narrow.table.rows.map((r) => r.label)).toContain('GPU-hour price median change a year');
  });
  it('writes a unit both ends share once, never splitting a number', () => {
    expect(joinRange('$101.9/kW-month', '$158.7/kW-month')).toBe('$101.9 – $158.7/kW-month');
    expect(joinRange('−6 months', '6 months')).toBe('−6 – 6 months');
    expect(joinRange('$1.50', '$2.50')).toBe('$1.50 – $2.50');
    expect(joinRange('50%', '65%')).toBe('50 – 65%');
    expect(joinRange('a', 'b')).toBe('a – b');
    expect(joinRange('no', 'no')).toBe('no – no');
  });
  it('drops NaN bars with a note, clamps Infinity to the edge, never emits NaN', () => {
    const bad = tornadoGeometry(
      [...bars, { label: 'Broken', low: NaN, high: 3, lowLabel: '?', highLabel: '?' }, { label: 'Never', low: 50, high: Infinity, lowLabel: 'a', highLabel: 'b' }],
      { base: BASE, unit: 'mo' },
    );
    expect(bad.rows.map((r) => r.label)).not.toContain('Broken');
    expect(bad.rows[0].label).toBe('Never');
    expect(bad.notes[0]).toContain('1 input(s)');
    const never = bad.rows[0].segments.find((s) => s.side === 'high')!;
    expect(never.x + never.w).toBeCloseTo(bad.plot.right, 0);
    expect(nonFinitePaths(bad)).toEqual([]);
    expect(nonFinitePaths(tornadoGeometry([], { base: NaN, unit: 'mo' }))).toEqual([]);
  });
  it('sortBySwing is stable for ties', () => {
    const tied = [{ low: 1, high: 2, id: 'a' }, { low: 5, high: 6, id: 'b' }, { low: 0, high: 3, id: 'c' }];
    expect(sortBySwing(tied).map((b) => b.id)).toEqual(['c', 'a', 'b']);
  });
});
