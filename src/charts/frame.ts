/**
 * Geometry shared by every chart: the plot box, SVG-safe numbers and paths, axes, the legend and the
 * key-number table. Everything here is plain data (observablehq/plot's split of transforms from
 * marks), so the Svelte components only draw it and the unit tests check it without a DOM.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { formatMonthDate, type MonthIndex } from './format';

/** Default viewBox size in SVG user units; the SVG scales to its container's width. */
export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 360;
/** The narrowest width a chart is drawn at, px: narrower boxes scroll sideways rather than shrink the text. */
export const MIN_CHART_WIDTH = 320;

/** The width to draw a chart at: the width it has on the page (whole px, at least MIN_CHART_WIDTH), else the asked or default one. */
export function fittedWidth(onPage: number, asked: number | undefined): number | undefined {
  return onPage > 0 ? Math.max(MIN_CHART_WIDTH, Math.floor(onPage)) : asked;
}

/** Font size of tick and legend text, user units (components use the same value). */
export const FONT_SIZE = 11;

/** Edges of the plot area in SVG user units (y grows downward). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** One axis tick: `pos` is the pixel position along the axis, `label` its text. */
export interface Tick {
  pos: number;
  label: string;
}

/** An axis: ticks in pixels and a title that carries the unit ("months from today"). */
export interface AxisGeometry {
  ticks: Tick[];
  title: string;
}

/** A legend entry placed at (x, y) = left end of its symbol, text baseline middle. */
export interface LegendItem {
  label: string;
  color: string;
  /** SVG stroke-dasharray, for line symbols */
  dash?: string;
  shape: 'line' | 'swatch' | 'dot';
  x: number;
  y: number;
}

/** The key numbers printed beside a chart: a small table of text. */
export interface KeyTable {
  columns: string[];
  rows: Array<{ label: string; color?: string; cells: string[] }>;
}

/** What every chart's geometry carries: the viewBox, plot box, axes, legend and the text beside it. */
export interface ChartGeometry {
  /** viewBox size, user units */
  width: number;
  height: number;
  plot: Box;
  xAxis: AxisGeometry;
  yAxis: AxisGeometry;
  legend: LegendItem[];
  /** plain-language notes shown under the chart (data beyond the range, dropped inputs, …) */
  notes: string[];
  /** key numbers printed beside the chart */
  table: KeyTable;
  /** the SVG's aria-label */
  ariaLabel: string;
}

/**
 * A coordinate rounded to 0.1 user unit. Non-finite values become 0 so no "NaN" can reach an SVG
 * attribute; geometry code filters bad data before this point, so this is only the last guard.
 */
export function px(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 10) / 10 : 0;
}

/**
 * An SVG path through the points; a non-finite coordinate breaks the line (a gap) instead of
 * poisoning the path with NaN. Returns '' when nothing is drawable.
 */
export function polylinePath(xs: ArrayLike<number>, ys: ArrayLike<number>): string {
  let d = '';
  let pen = false;
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${px(x)},${px(y)}`;
    pen = true;
  }
  return d;
}

/**
 * A closed band between an upper and a lower line (fan charts); split into separate polygons wherever
 * any of the three coordinates is missing.
 */
export function bandPath(xs: ArrayLike<number>, y0: ArrayLike<number>, y1: ArrayLike<number>): string {
  let d = '';
  let run: number[] = [];
  const flush = (): void => {
    if (run.length >= 2) {
      d += run.map((i, k) => `${k ? 'L' : 'M'}${px(xs[i])},${px(y1[i])}`).join('');
      for (let k = run.length - 1; k >= 0; k--) d += `L${px(xs[run[k]])},${px(y0[run[k]])}`;
      d += 'Z';
    }
    run = [];
  };
  for (let i = 0; i < xs.length; i++) {
    if (Number.isFinite(xs[i]) && Number.isFinite(y0[i]) && Number.isFinite(y1[i])) run.push(i);
    else flush();
  }
  flush();
  return d;
}

/** Rough rendered width of a label at FONT_SIZE; used to lay out legends and margins without a DOM. */
export function textWidth(s: string, fontSize = FONT_SIZE): number {
  return s.length * fontSize * 0.58;
}

/**
 * Place legend entries left to right from (x0, y0), wrapping at `maxX`. Returns the items and the
 * height the legend takes, so the plot box can start below it.
 */
export function layoutLegend(
  entries: ReadonlyArray<Omit<LegendItem, 'x' | 'y'>>,
  x0: number,
  y0: number,
  maxX: number,
): { items: LegendItem[]; height: number } {
  const rowH = FONT_SIZE + 6;
  const symbolW = 22;
  const gap = 14;
  let x = x0;
  let row = 0;
  const items: LegendItem[] = [];
  for (const e of entries) {
    const w = symbolW + textWidth(e.label);
    if (x > x0 && x + w > maxX) {
      row++;
      x = x0;
    }
    items.push({ ...e, x: px(x), y: px(y0 + row * rowH + rowH / 2) });
    x += w + gap;
  }
  return { items, height: entries.length ? (row + 1) * rowH : 0 };
}

/** A clamped linear scale: values outside the domain land on the plot edge, never off-canvas. */
export function linear(domain: [number, number], range: [number, number]): ScaleLinear<number, number> {
  const [d0, d1] = domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain;
  return scaleLinear().domain([d0, d1]).range(range).clamp(true);
}

/** Ticks of a linear scale, formatted by `fmt`, positioned in pixels. */
export function linearTicks(scale: ScaleLinear<number, number>, count: number, fmt: (v: number) => string): Tick[] {
  return spacedTicks(scale.ticks(count).map((v) => ({ pos: px(scale(v)), label: fmt(v) })));
}

/** Ticks of a vertical axis (labels stacked, so never thinned by their width). */
export function yTicks(scale: ScaleLinear<number, number>, count: number, fmt: (v: number) => string): Tick[] {
  return scale.ticks(count).map((v) => ({ pos: px(scale(v)), label: fmt(v) }));
}

/** Gap kept between two horizontal tick labels, user units. */
const TICK_GAP = 8;

/**
 * Horizontal tick labels thinned until none touches the next ("−$1.0B" sat on "−$500.0M" at phone
 * width): every other tick is dropped, then every third…, so the kept ones stay evenly spaced.
 * Vertical axes pass their ticks through unchanged when they already fit.
 */
export function spacedTicks(ticks: Tick[]): Tick[] {
  const fits = (ts: Tick[]) => ts.every((t, i) => i === 0 || Math.abs(t.pos - ts[i - 1].pos) >= (textWidth(t.label) + textWidth(ts[i - 1].label)) / 2 + TICK_GAP);
  for (let step = 1; step <= ticks.length; step++) {
    const kept = ticks.filter((_, i) => i % step === 0);
    if (fits(kept)) return kept;
  }
  return ticks.slice(0, 1);
}

/**
 * The left margin a plot needs for its y tick labels and the rotated y title beside them (Axes
 * draws the title 8 units left of the widest label), at least `min`.
 */
export function yAxisMargin(labels: readonly string[], min: number): number {
  return Math.max(min, Math.ceil(6 + Math.max(0, ...labels.map((l) => textWidth(l))) + 8 + FONT_SIZE + 2));
}

/** Time-axis ticks (below), thinned so their labels never touch at narrow widths. */
export function timeTicks(scale: ScaleLinear<number, number>, horizonMonths: number, start: MonthIndex | null): Tick[] {
  return spacedTicks(allTimeTicks(scale, horizonMonths, start));
}

/**
 * Ticks for a time axis in months from today. With a start month the ticks fall on calendar
 * boundaries (January of round years, or every 3/6 months for short horizons) and read as dates.
 */
function allTimeTicks(
  scale: ScaleLinear<number, number>,
  horizonMonths: number,
  start: MonthIndex | null,
): Tick[] {
  if (start === null) return linearTicks(scale, 8, (v) => String(v));
  const out: Tick[] = [];
  if (horizonMonths <= 36) {
    const step = horizonMonths <= 18 ? 3 : 6;
    const first = (step - (start % step)) % step;
    for (let m = first; m <= horizonMonths; m += step) out.push({ pos: px(scale(m)), label: formatMonthDate(start, m) });
    return out;
  }
  const years = horizonMonths / 12;
  const yearStep = [1, 2, 5, 10, 20, 50, 100].find((s) => years / s <= 8) ?? 100;
  const firstJan = (12 - (start % 12)) % 12;
  for (let m = firstJan; m <= horizonMonths; m += 12) {
    const year = Math.floor((start + m) / 12);
    if (year % yearStep === 0) out.push({ pos: px(scale(m)), label: String(year) });
  }
  return out;
}

/** Linear interpolation of y at x along points sorted by x; flat beyond the ends; NaN if empty. */
export function interpolateAt(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
  const n = xs.length;
  if (n === 0 || !Number.isFinite(x)) return NaN;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const span = xs[hi] - xs[lo];
  return span > 0 ? ys[lo] + ((ys[hi] - ys[lo]) * (x - xs[lo])) / span : ys[hi];
}
