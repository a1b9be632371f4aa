/**
 * Geometry of fan charts: a P10–P90 band and a median line per series over time (e.g. market vacancy,
 * pre-leased share of capacity under construction), with an optional reported reference band (the
 * 74–84% pre-leasing range) and a vertical marker (e.g. "your building delivered").
 */
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, bandPath, interpolateAt, layoutLegend, linear, polylinePath, px, timeTicks, type Box, type ChartGeometry, type KeyTable, type LegendItem, yAxisMargin, yTicks } from './frame';
import { formatMW, formatMonthDate, formatMonths, formatNumber, formatPct, formatUSD, parseYearMonth, type MonthIndex } from './format';
import { OKABE_ITO, REFERENCE_COLOR, safeColor, seriesColor } from './palette';

/**
 * One banded time series. `x` is months from today (or calendar years with `xUnit: 'years'`);
 * p10/p50/p90 are in `unit`. Unit '%' means the values are fractions 0–1 shown as percentages.
 * NaN entries leave a gap.
 */
export interface FanSeries {
  id?: string;
  label: string;
  color?: string;
  x: ArrayLike<number>;
  p10: ArrayLike<number>;
  p50: ArrayLike<number>;
  p90: ArrayLike<number>;
  /** '%' (fractions 0–1), 'MW', 'months', 'USD', or any other unit name */
  unit: string;
}

/** A reported range drawn behind the data, in the series' unit (fractions for '%'). */
export interface FanReferenceBand {
  from: number;
  to: number;
  label: string;
}

/** Observed points drawn as dots over the bands (e.g. published queue sizes), x and y as the series. */
export interface FanPoints {
  label: string;
  data: ReadonlyArray<readonly [number, number]>;
  color?: string;
}

/** A vertical marker at an x value (same unit as the series' x). */
export interface FanMarker {
  x: number;
  label: string;
}

export interface FanOptions {
  width?: number;
  height?: number;
  /** 'months' (default) or 'years' (calendar years) */
  xUnit?: 'months' | 'years';
  /** x-axis title; defaults to "months from today" / "year" / a date title with startDate */
  xLabel?: string;
  /** y-axis title; defaults to the unit */
  yLabel?: string;
  /** 'YYYY-MM' of month 0 (months only): ticks read as dates */
  startDate?: string;
  referenceBand?: FanReferenceBand;
  marker?: FanMarker;
  /** published or observed values as dots; each also gets a row in the key numbers */
  points?: FanPoints;
  /** keep 0 on the y axis when all values are non-negative (default true) */
  includeZero?: boolean;
}

export interface FanSeriesGeometry {
  label: string;
  color: string;
  /** P10–P90 band, closed path ('' when nothing drawable) */
  band: string;
  /** median line */
  median: string;
}

export interface FanGeometry extends ChartGeometry {
  series: FanSeriesGeometry[];
  reference?: { y0: number; y1: number; label: string };
  marker?: { x: number; label: string; anchor: 'start' | 'end' };
  /** the `points` option's dots, in SVG units */
  dots?: { label: string; color: string; at: Array<{ x: number; y: number }> };
}

/** Format a value in a fan chart's unit ('%' = fraction shown as percent, one decimal). */
export function formatInUnit(unit: string, v: number): string {
  switch (unit) {
    case '%':
      return formatPct(v, 1);
    case 'MW':
      return formatMW(v);
    case 'months':
      return formatMonths(v);
    case 'USD':
    case '$':
      return formatUSD(v);
    default:
      return Number.isFinite(v) ? `${formatNumber(v)} ${unit}`.trim() : formatNumber(v);
  }
}

function extent(arrays: ReadonlyArray<ArrayLike<number>>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return [lo, hi];
}

/** Compute everything the fan chart draws. */
export function fanGeometry(series: readonly FanSeries[], opts: FanOptions = {}): FanGeometry {
  const width = opts.width ?? DEFAULT_WIDTH;
  const height = opts.height ?? DEFAULT_HEIGHT;
  const notes: string[] = [];
  const unit = series[0]?.unit ?? '';
  if (series.some((s) => s.unit !== unit)) notes.push(`The series have different units; the axis uses "${unit}".`);
  const fmt = (v: number): string => formatInUnit(unit, v);
  const xUnit = opts.xUnit ?? 'months';
  let start: MonthIndex | null = null;
  if (opts.startDate !== undefined && xUnit === 'months') {
    start = parseYearMonth(opts.startDate);
    if (start === null) notes.push('The start date is not in YYYY-MM form, so the axis shows months from today.');
  }
  const fmtX = (v: number): string =>
    xUnit === 'years' ? (Number.isFinite(v) ? String(Math.round(v * 10) / 10) : '—') : start !== null ? formatMonthDate(start, v) : formatMonths(v);

  const pts = (opts.points?.data ?? []).filter(([px_, py]) => Number.isFinite(px_) && Number.isFinite(py));
  let [x0, x1] = extent([...series.map((s) => s.x), pts.map((p) => p[0])]);
  if (!(x0 <= x1)) {
    notes.push('No data to draw.');
    [x0, x1] = [0, 1];
  }
  const ref = opts.referenceBand;
  const refOk = ref !== undefined && Number.isFinite(ref.from) && Number.isFinite(ref.to);
  const yArrays: Array<ArrayLike<number>> = series.flatMap((s) => [s.p10, s.p50, s.p90]);
  if (refOk) yArrays.push([ref.from, ref.to]);
  if (pts.length) yArrays.push(pts.map((p) => p[1]));
  let [y0, y1] = extent(yArrays);
  if (!(y0 <= y1)) [y0, y1] = [0, 1];
  if ((opts.includeZero ?? true) && y0 >= 0) y0 = 0;

  const colors = series.map((s, i) => safeColor(s.color, seriesColor(i)));
  const entries: Array<Omit<LegendItem, 'x' | 'y'>> = [];
  series.forEach((s, i) => {
    entries.push({ label: `${s.label}: median`, color: colors[i], shape: 'line' });
    entries.push({ label: `${s.label}: P10–P90`, color: colors[i], shape: 'swatch' });
  });
  if (refOk) entries.push({ label: ref.label, color: REFERENCE_COLOR, shape: 'swatch' });
  const dotColor = safeColor(opts.points?.color, OKABE_ITO.black);
  if (pts.length && opts.points) entries.push({ label: opts.points.label, color: dotColor, shape: 'dot' });
  // Tick labels depend on the value range only, so the margin for them is known before the plot box.
  const yPre = linear([y0, y1], [1, 0]).nice(5);
  const preFormat = unit === '%' ? yPre.tickFormat(5, '%') : yPre.tickFormat(5, ',~f');
  const margin = { left: yAxisMargin(yPre.ticks(5).map(preFormat), 56), right: 16, bottom: 42 };
  const legend = layoutLegend(entries, margin.left, 4, width - margin.right);
  const plot: Box = { left: margin.left, top: legend.height + 14, right: width - margin.right, bottom: height - margin.bottom };
  const x = linear([x0, x1], [plot.left, plot.right]);
  const y = linear([y0, y1], [plot.bottom, plot.top]).nice(5);

  const geoms: FanSeriesGeometry[] = series.map((s, i) => {
    const n = s.x.length;
    if ([s.p10, s.p50, s.p90].some((a) => a.length !== n)) notes.push(`${s.label}: x and percentile arrays differ in length.`);
    const xs = Array.from({ length: n }, (_, k) => (Number.isFinite(s.x[k]) ? x(s.x[k]) : NaN));
    const map = (a: ArrayLike<number>): number[] => Array.from({ length: n }, (_, k) => (Number.isFinite(a[k]) ? y(a[k]) : NaN));
    return { label: s.label, color: colors[i], band: bandPath(xs, map(s.p10), map(s.p90)), median: polylinePath(xs, map(s.p50)) };
  });

  // ',~f': grouped digits, never an exponent (d3's plain ',' writes 250,000 as "2.5e+5").
  const tickFormat = unit === '%' ? y.tickFormat(5, '%') : y.tickFormat(5, ',~f');
  const xTicks =
    xUnit === 'years'
      ? x.ticks(Math.min(8, Math.max(1, Math.round(x1 - x0)))).filter((v) => Number.isInteger(v)).map((v) => ({ pos: px(x(v)), label: String(v) }))
      : timeTicks(x, x1, start).filter((t) => t.pos >= plot.left);
  const unitTitle = unit === '%' ? '%' : unit;
  const yTitle = opts.yLabel ?? (series.length === 1 ? `${series[0].label} (${unitTitle})` : unitTitle);
  const xTitle =
    opts.xLabel ?? (xUnit === 'years' ? 'year' : start !== null ? `date (today = ${formatMonthDate(start, 0)})` : 'months from today');

  let marker: FanGeometry['marker'];
  const mk = opts.marker;
  if (mk && Number.isFinite(mk.x)) {
    const mx = px(x(mk.x));
    marker = { x: mx, label: mk.label, anchor: mx > (plot.left + plot.right) / 2 ? 'end' : 'start' };
    if (mk.x < x0 || mk.x > x1) notes.push(`${mk.label} (${fmtX(mk.x)}) is outside the chart's time range.`);
  }

  // Key numbers: each series at its last time point, and at the marker when there is one.
  const rows: KeyTable['rows'] = [];
  series.forEach((s, i) => {
    const at = (xv: number, label: string): void => {
      const xs = Array.from(s.x);
      rows.push({
        label: `${s.label}, ${label}`,
        color: colors[i],
        cells: [fmtX(xv), fmt(interpolateAt(xs, Array.from(s.p10), xv)), fmt(interpolateAt(xs, Array.from(s.p50), xv)), fmt(interpolateAt(xs, Array.from(s.p90), xv))],
      });
    };
    if (mk && Number.isFinite(mk.x)) at(mk.x, mk.label);
    let last = NaN;
    for (let k = s.x.length - 1; k >= 0; k--) if (Number.isFinite(s.x[k]) && Number.isFinite(s.p50[k])) { last = s.x[k]; break; }
    if (Number.isFinite(last)) at(last, 'end');
  });
  // Each dot: its value and the simulated band at the same time, so the comparison reads as text.
  const s0 = series[0];
  for (const [xv, yv] of pts) {
    const band = s0 ? [s0.p10, s0.p50, s0.p90].map((a) => fmt(interpolateAt(Array.from(s0.x), Array.from(a), xv))) : ['—', '—', '—'];
    rows.push({ label: `${opts.points?.label ?? 'points'}: ${fmt(yv)}`, color: dotColor, cells: [fmtX(xv), ...band] });
  }
  if (refOk) notes.push(`${ref.label}: ${fmt(Math.min(ref.from, ref.to))} to ${fmt(Math.max(ref.from, ref.to))} (reference band).`);

  return {
    width,
    height,
    plot,
    xAxis: { ticks: xTicks, title: xTitle },
    yAxis: { ticks: y.ticks(5).map((v) => ({ pos: px(y(v)), label: tickFormat(v) })), title: yTitle },
    legend: legend.items,
    series: geoms,
    reference: refOk ? { y0: px(y(Math.max(ref.from, ref.to))), y1: px(y(Math.min(ref.from, ref.to))), label: ref.label } : undefined,
    marker,
    dots: pts.length && opts.points ? { label: opts.points.label, color: dotColor, at: pts.map(([xv, yv]) => ({ x: px(x(xv)), y: px(y(yv)) })) } : undefined,
    notes,
    table: { columns: ['', xUnit === 'years' ? 'year' : start !== null ? 'date' : 'month', 'P10', 'P50', 'P90'], rows },
    ariaLabel: `Fan chart of ${series.map((s) => s.label).join(', ') || 'no series'} (median and P10–P90 band) against ${xTitle}.`,
  };
}
