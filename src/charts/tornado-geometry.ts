/**
 * Geometry of the tornado chart: for each input, the output (e.g. P50 months to power) with the input
 * at its low and at its high value, drawn as bars from the base value and sorted by swing, widest on top.
 */
import {
  DEFAULT_WIDTH,
  layoutLegend,
  linear,
  linearTicks,
  px,
  textWidth,
  type Box,
  type ChartGeometry,
  type KeyTable,
} from './frame';
import { formatValue, type ValueKind } from './format';
import { OKABE_ITO } from './palette';

/**
 * One input's effect: the output with the input at its low (e.g. P10) and high (e.g. P90) value.
 * `lowLabel`/`highLabel` say what the input was, e.g. "permits 6 mo" / "permits 30 mo".
 */
export interface TornadoBar {
  label: string;
  low: number;
  high: number;
  lowLabel: string;
  highLabel: string;
}

export interface TornadoOptions {
  /** the output with every input at its base value */
  base: number;
  /** axis title with unit, e.g. "P50 months to power" */
  unit: string;
  /** how output values print (default months) */
  valueKind?: ValueKind;
  /** legend text for the two bar colours */
  lowLegend?: string;
  highLegend?: string;
  width?: number;
  /** default: grows with the number of bars */
  height?: number;
}

/** `s` cut with "…" to fit `room` px (an input's name beside a narrow chart; the key table below has it whole). */
export function fitText(s: string, room: number): string {
  if (textWidth(s) <= room) return s;
  let n = Math.max(1, Math.floor(room / textWidth('x')) - 1);
  while (n > 1 && textWidth(`${s.slice(0, n).trimEnd()}…`) > room) n--;
  return `${s.slice(0, n).trimEnd()}…`;
}

/**
 * "a – b" with a unit both share written once: "$101.9/kW-month" and "$158.7/kW-month" give
 * "$101.9 – $158.7/kW-month". The shared tail never starts inside a number.
 */
export function joinRange(a: string, b: string): string {
  let k = 0;
  while (k < a.length && k < b.length && a[a.length - 1 - k] === b[b.length - 1 - k]) k++;
  let tail = a.slice(a.length - k);
  while (tail && /^[\d.,]/.test(tail)) tail = tail.slice(1);
  if (!tail || tail.length === a.length || tail.length === b.length) return `${a} – ${b}`;
  return `${a.slice(0, a.length - tail.length)} – ${b}`;
}

/** A drawn bar: one rect per side of the base, with the input label at its outer end. */
export interface TornadoRow {
  label: string;
  /** vertical centre and thickness */
  y: number;
  h: number;
  segments: Array<{ side: 'low' | 'high'; x: number; w: number; text: string; textX: number; anchor: 'start' | 'end'; color: string }>;
  swing: number;
}

export interface TornadoGeometry extends ChartGeometry {
  rows: TornadoRow[];
  baseX: number;
  baseText: string;
}

export const LOW_COLOR = OKABE_ITO.skyBlue;
export const HIGH_COLOR = OKABE_ITO.orange;
const ROW_H = 26;

/** |high − low|; an infinite end counts as the largest swing, a NaN one as none. */
export function swing(b: Pick<TornadoBar, 'low' | 'high'>): number {
  const s = Math.abs(b.high - b.low);
  return Number.isNaN(s) ? -1 : s;
}

/** Bars sorted by swing, widest first; ties keep their input order. Bars with a NaN end are dropped. */
export function sortBySwing<T extends Pick<TornadoBar, 'low' | 'high'>>(bars: readonly T[]): T[] {
  return bars
    .map((b, i) => ({ b, i, s: swing(b) }))
    .filter((r) => r.s >= 0)
    .sort((p, q) => q.s - p.s || p.i - q.i)
    .map((r) => r.b);
}

/** Compute everything the tornado chart draws. */
export function tornadoGeometry(input: readonly TornadoBar[], opts: TornadoOptions): TornadoGeometry {
  const kind = opts.valueKind ?? 'months';
  const fmt = (v: number): string => formatValue(kind, v);
  const notes: string[] = [];
  const bars = sortBySwing(input);
  if (bars.length < input.length) notes.push(`${input.length - bars.length} input(s) without a result are left out.`);
  const base = opts.base;
  if (!Number.isFinite(base)) notes.push('The base value is missing, so bars start at the axis minimum.');

  const width = opts.width ?? DEFAULT_WIDTH;
  const lowLegend = opts.lowLegend ?? 'input at its low value (P10)';
  const highLegend = opts.highLegend ?? 'input at its high value (P90)';
  const legend = layoutLegend(
    [
      { label: lowLegend, color: LOW_COLOR, shape: 'swatch' },
      { label: highLegend, color: HIGH_COLOR, shape: 'swatch' },
    ],
    8,
    4,
    width - 8,
  );
  const height = opts.height ?? legend.height + 36 + Math.max(1, bars.length) * ROW_H + 42;
  // Room for the longest input name, but never more than 40% of the width.
  const left = px(Math.min(width * 0.4, 12 + Math.max(40, ...bars.map((b) => textWidth(b.label)))));
  const plot: Box = { left, top: legend.height + 36, right: width - 16, bottom: height - 42 };

  let lo = Number.isFinite(base) ? base : Infinity;
  let hi = Number.isFinite(base) ? base : -Infinity;
  for (const b of bars) {
    for (const v of [b.low, b.high]) {
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  if (!(lo <= hi)) [lo, hi] = [0, 1];
  // Extra room at both ends for the input labels printed beyond the bar tips.
  const pad = (hi - lo) * 0.25 || Math.abs(hi) * 0.1 || 1;
  const x = linear([lo - pad, hi + pad], [plot.left, plot.right]).nice(6);
  const baseX = px(x(Number.isFinite(base) ? base : x.domain()[0]));
  const step = bars.length ? (plot.bottom - plot.top) / bars.length : ROW_H;

  const rows: TornadoRow[] = bars.map((b, i) => {
    const yc = px(plot.top + step * (i + 0.5));
    const segments: TornadoRow['segments'] = [];
    for (const [side, v, text, color] of [
      ['low', b.low, b.lowLabel, LOW_COLOR],
      ['high', b.high, b.highLabel, HIGH_COLOR],
    ] as const) {
      // Infinity (e.g. P50 beyond the horizon) is drawn to the plot edge by the clamped scale.
      const xv = x(v);
      const right = xv >= baseX;
      segments.push({
        side,
        x: px(Math.min(xv, baseX)),
        w: px(Math.abs(xv - baseX)),
        text,
        textX: px(right ? xv + 4 : xv - 4),
        anchor: right ? 'start' : 'end',
        color,
      });
    }
    // The longer segment first, so when both sides fall on the same side of the base the shorter stays visible;
    // its label then goes on the empty side of the base instead of over the longer bar's.
    segments.sort((a, c) => c.w - a.w);
    if (segments[0].anchor === segments[1].anchor) {
      const inner = segments[1];
      inner.anchor = inner.anchor === 'start' ? 'end' : 'start';
      inner.textX = px(inner.anchor === 'start' ? baseX + 4 : baseX - 4);
    }
    // A value label stays inside the plot: past its left edge it would sit on the input's name.
    const clamp = (sg: (typeof segments)[number]) => {
      const w = textWidth(sg.text);
      if (sg.anchor === 'end') sg.textX = px(Math.max(sg.textX, plot.left + w + 2));
      else sg.textX = px(Math.min(sg.textX, plot.right - w - 2));
    };
    segments.forEach(clamp);
    // Two labels pushed onto each other (short bars near an edge of a narrow chart) become one,
    // "low – high", on the side of the base with more room.
    const span = (sg: (typeof segments)[number]) => (sg.anchor === 'start' ? [sg.textX, sg.textX + textWidth(sg.text)] : [sg.textX - textWidth(sg.text), sg.textX]);
    const [a, c] = segments.map(span);
    if (a[0] < c[1] + 2 && c[0] < a[1] + 2) {
      const [first, second] = segments[0].side === 'low' ? segments : [segments[1], segments[0]];
      const both = first;
      both.text = joinRange(first.text, second.text);
      second.text = '';
      both.anchor = plot.right - baseX >= baseX - plot.left ? 'start' : 'end';
      both.textX = px(both.anchor === 'start' ? baseX + 4 : baseX - 4);
      clamp(both);
    }
    return { label: b.label, y: yc, h: px(Math.min(18, step * 0.7)), segments, swing: swing(b) };
  });

  const table: KeyTable = {
    columns: ['input', 'low', 'high', 'swing'],
    rows: bars.map((b) => ({
      label: b.label,
      cells: [`${fmt(b.low)} (${b.lowLabel})`, `${fmt(b.high)} (${b.highLabel})`, fmt(Math.abs(b.high - b.low))],
    })),
  };
  const baseText = `base ${fmt(base)}`;
  return {
    width,
    height,
    plot,
    xAxis: { ticks: linearTicks(x, 6, (v) => (kind === 'months' ? String(v) : fmt(v))), title: opts.unit },
    yAxis: { ticks: rows.map((r) => ({ pos: r.y, label: fitText(r.label, plot.left - 10) })), title: '' },
    legend: legend.items,
    rows,
    baseX,
    baseText,
    notes,
    table,
    ariaLabel: `Tornado chart of ${opts.unit} for ${bars.length} inputs around a ${baseText}; widest swing: ${bars[0]?.label ?? 'none'}.`,
  };
}
