/**
 * Geometry of the time-to-power CDF chart: 1–4 cumulative curves ("share of simulated worlds energized
 * by month t"), their P10/P50/P90 markers with ± SE whiskers, an optional target month and the key
 * numbers table. Pure: numbers in, plain data out.
 */
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, FONT_SIZE, interpolateAt, layoutLegend, linear, linearTicks, polylinePath, px, textWidth, timeTicks, type Box, type ChartGeometry, type KeyTable, yAxisMargin, yTicks } from './frame';
import { formatMonthDate, formatMonths, formatPct, formatWithSE, parseYearMonth, withMonthDate, type MonthIndex } from './format';
import { safeColor, safeDash, seriesColor } from './palette';

/** One cumulative curve. Months are months from today; probabilities are fractions 0–1. */
export interface CdfSeries {
  id: string;
  label: string;
  /** hex colour; defaults to the palette order (buy blue, build vermillion, …) */
  color?: string;
  /** SVG stroke-dasharray, e.g. "6 3" */
  dash?: string;
  /** [months, P(energized by then)] pairs, e.g. from `cdfCurve()` */
  points: ReadonlyArray<readonly [number, number]>;
  /** percentiles in months; Infinity = not reached within the horizon */
  p10: number;
  p50: number;
  p90: number;
  /** Monte Carlo standard errors of the percentiles, months */
  se10?: number;
  se50?: number;
  se90?: number;
  /** share of simulated worlds never energized within the horizon, 0–1 */
  neverShare: number;
}

export interface CdfOptions {
  /** viewBox size, user units */
  width?: number;
  height?: number;
  /** x-axis end in months; defaults to the last curve point */
  horizonMonths?: number;
  /** 'YYYY-MM' of month 0: the x axis then reads as calendar dates */
  startDate?: string;
  /** a target month, drawn as a vertical line with P(energized by target) */
  targetMonths?: number;
  /** x-axis title; defaults to "months from today" / "date (today = …)" */
  xLabel?: string;
}

export type PercentileKey = 'P10' | 'P50' | 'P90';

/** A percentile marker: on the curve at (x, y); `beyond` = past the horizon, drawn at the right edge. */
export interface CdfMarker {
  key: PercentileKey;
  months: number;
  x: number;
  y: number;
  beyond: boolean;
  /** ± SE whisker ends in pixels, when the SE is known */
  whisker?: { x0: number; x1: number };
  /** where its "P50" text goes (baseline point and anchor); null when it would overlap another label */
  label?: { x: number; y: number; anchor: 'start' | 'end' } | null;
}

export interface CdfSeriesGeometry {
  id: string;
  label: string;
  color: string;
  dash?: string;
  /** SVG path of the curve ('' when the series has no drawable point) */
  path: string;
  markers: CdfMarker[];
  /** P(energized by target), fraction 0–1, when a target is set */
  pAtTarget?: number;
}

export interface CdfGeometry extends ChartGeometry {
  series: CdfSeriesGeometry[];
  target?: { months: number; x: number; lines: Array<{ text: string; color?: string }>; anchor: 'start' | 'end' };
  /** x-scale domain and range, to turn a click position back into months */
  xDomain: [number, number];
  xRange: [number, number];
}

const LEVELS: ReadonlyArray<[PercentileKey, number, 'p10' | 'p50' | 'p90', 'se10' | 'se50' | 'se90']> = [
  ['P10', 0.1, 'p10', 'se10'],
  ['P50', 0.5, 'p50', 'se50'],
  ['P90', 0.9, 'p90', 'se90'],
];

/** The usable curve: finite, non-negative months sorted ascending, probabilities clamped to [0, 1]. */
export function cleanCurve(points: CdfSeries['points']): { xs: Float64Array; ps: Float64Array } {
  const ok = points.filter((p) => Array.isArray(p) && Number.isFinite(p[0]) && p[0] >= 0 && Number.isFinite(p[1]));
  ok.sort((a, b) => a[0] - b[0]);
  const xs = new Float64Array(ok.length);
  const ps = new Float64Array(ok.length);
  ok.forEach((p, i) => {
    xs[i] = p[0];
    ps[i] = Math.min(1, Math.max(0, p[1]));
  });
  return { xs, ps };
}

/** P(energized by `months`) read off a curve, by linear interpolation (flat past its last point). */
export function probabilityAt(points: CdfSeries['points'], months: number): number {
  const { xs, ps } = cleanCurve(points);
  return interpolateAt(xs, ps, months);
}

/** Months from an x pixel position (the inverse of the x scale), for click-to-set-target. */
export function monthsAtX(g: Pick<CdfGeometry, 'xDomain' | 'xRange'>, x: number): number {
  const [d0, d1] = g.xDomain;
  const [r0, r1] = g.xRange;
  const t = Math.min(1, Math.max(0, (x - r0) / (r1 - r0)));
  return d0 + t * (d1 - d0);
}

function defaultHorizon(series: readonly CdfSeries[]): number {
  let h = 0;
  for (const s of series) {
    for (const p of s.points) if (Number.isFinite(p[0]) && p[0] > h) h = p[0];
    if (h === 0) for (const v of [s.p10, s.p50, s.p90]) if (Number.isFinite(v) && v * 1.2 > h) h = v * 1.2;
  }
  return h > 0 ? h : 120;
}

/** Compute everything the CDF chart draws. At most 4 series are drawn; extra ones are noted and dropped. */
export function cdfGeometry(input: readonly CdfSeries[], opts: CdfOptions = {}): CdfGeometry {
  const width = opts.width ?? DEFAULT_WIDTH;
  const height = opts.height ?? DEFAULT_HEIGHT;
  const notes: string[] = [];
  const series = input.slice(0, 4);
  if (input.length > 4) notes.push(`Only the first 4 of ${input.length} curves are drawn.`);

  const horizon =
    opts.horizonMonths !== undefined && Number.isFinite(opts.horizonMonths) && opts.horizonMonths > 0
      ? opts.horizonMonths
      : defaultHorizon(series);
  let start: MonthIndex | null = null;
  if (opts.startDate !== undefined) {
    start = parseYearMonth(opts.startDate);
    if (start === null) notes.push('The start date is not in YYYY-MM form, so the axis shows months from today.');
  }
  const when = (m: number): string =>
    start === null ? formatMonths(m, horizon) : withMonthDate(formatMonths(m, horizon), m, start);

  const colors = series.map((s, i) => safeColor(s.color, seriesColor(i)));
  const margin = { left: yAxisMargin(['100%'], 48), right: 16, bottom: 42 };
  const legend = layoutLegend(
    series.map((s, i) => ({ label: s.label, color: colors[i], dash: safeDash(s.dash), shape: 'line' as const })),
    margin.left,
    4,
    width - margin.right,
  );
  const plot: Box = { left: margin.left, top: legend.height + 14, right: width - margin.right, bottom: height - margin.bottom };
  const x = linear([0, horizon], [plot.left, plot.right]);
  const y = linear([0, 1], [plot.bottom, plot.top]);

  const target =
    opts.targetMonths !== undefined && Number.isFinite(opts.targetMonths) && opts.targetMonths >= 0
      ? opts.targetMonths
      : undefined;

  // Percentiles past the horizon all land on the right edge at their nominal level: stack them so each stays readable.
  const beyondCount = { P10: 0, P50: 0, P90: 0 };
  const geoms: CdfSeriesGeometry[] = series.map((s, i) => {
    const { xs, ps } = cleanCurve(s.points ?? []);
    const path = polylinePath(
      Array.from(xs, (v) => x(Math.min(v, horizon))),
      Array.from(ps, (p) => y(p)),
    );
    if (!xs.length) notes.push(`${s.label}: no curve to draw.`);
    const markers: CdfMarker[] = [];
    for (const [key, level, pk, sek] of LEVELS) {
      const months = s[pk];
      if (Number.isNaN(months) || months === undefined) continue;
      const beyond = !(months <= horizon);
      // On the drawn curve at that month, so the dot sits on the line even though the curve is sampled
      // monthly; fall back to the nominal level when there is no curve or the percentile is off-chart.
      const onCurve = beyond || !xs.length ? level : interpolateAt(xs, ps, months);
      const stack = beyond ? beyondCount[key]++ * 12 : 0;
      const m: CdfMarker = { key, months, x: px(x(beyond ? horizon : months)), y: px(y(onCurve) + stack), beyond };
      const se = s[sek];
      if (!beyond && se !== undefined && Number.isFinite(se) && se > 0) {
        m.whisker = { x0: px(x(months - se)), x1: px(x(months + se)) };
      }
      markers.push(m);
      if (beyond) {
        notes.push(
          `${s.label}: ${key} is beyond the ${formatMonths(horizon)} horizon` +
            (Number.isFinite(s.neverShare) ? `; ${formatPct(s.neverShare)} of simulated worlds are not energized by then.` : '.'),
        );
      }
    }
    const g: CdfSeriesGeometry = { id: s.id, label: s.label, color: colors[i], dash: safeDash(s.dash), path, markers };
    if (target !== undefined) g.pAtTarget = xs.length ? interpolateAt(xs, ps, target) : NaN;
    return g;
  });

  placeMarkerLabels(geoms);

  let targetGeom: CdfGeometry['target'];
  if (target !== undefined) {
    const tx = px(x(Math.min(target, horizon)));
    const lines: Array<{ text: string; color?: string }> = [{ text: `target ${when(target)}` }];
    if (geoms.length === 1) lines.push({ text: `P(energized by target) = ${formatPct(geoms[0].pAtTarget ?? NaN)}`, color: geoms[0].color });
    else {
      lines.push({ text: 'P(energized by target):' });
      for (const g of geoms) lines.push({ text: `${g.label}: ${formatPct(g.pAtTarget ?? NaN)}`, color: g.color });
    }
    // Text goes on the side of the line with more room.
    targetGeom = { months: target, x: tx, lines, anchor: tx > (plot.left + plot.right) / 2 ? 'end' : 'start' };
    if (target > horizon) notes.push(`The target ${formatMonths(target)} is past the chart's horizon.`);
  }

  const columns = ['', 'P10', 'P50', 'P90', 'not energized by horizon'];
  if (target !== undefined) columns.push('P(by target)');
  const table: KeyTable = {
    columns,
    rows: series.map((s, i) => {
      const cells = [
        percentileCell(s, 'p10', 'se10'),
        percentileCell(s, 'p50', 'se50'),
        percentileCell(s, 'p90', 'se90'),
        formatPct(s.neverShare),
      ];
      if (target !== undefined) cells.push(formatPct(geoms[i].pAtTarget ?? NaN));
      return { label: s.label, color: colors[i], cells };
    }),
  };
  function percentileCell(s: CdfSeries, k: 'p10' | 'p50' | 'p90', se: 'se10' | 'se50' | 'se90'): string {
    const base = formatWithSE(s[k], s[se], 'months', horizon);
    return start !== null ? withMonthDate(base, s[k], start, horizon) : base;
  }

  const xTitle = opts.xLabel ?? (start === null ? 'months from today' : `date (today = ${formatMonthDate(start, 0)})`);
  return {
    width,
    height,
    plot,
    xAxis: { ticks: timeTicks(x, horizon, start), title: xTitle },
    yAxis: { ticks: yTicks(y, 5, (v) => formatPct(v)), title: 'energized, % of simulated worlds' },
    legend: legend.items,
    series: geoms,
    target: targetGeom,
    notes,
    table,
    ariaLabel: `Cumulative probability of being energized against ${xTitle}, for ${series.map((s) => s.label).join(', ') || 'no series'}.`,
    xDomain: [0, horizon],
    xRange: [plot.left, plot.right],
  };
}

type Rect = [number, number, number, number];
const overlaps = (a: Rect, b: Rect) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * Places each on-chart marker's "P10/P50/P90" text beside its dot. Where two curves run close (the
 * firm and the curtailable curve, buy against build) the labels of one percentile would print on top
 * of each other, so the leftmost curve's label goes above-left of its dot and the others' below-right,
 * away from each other; a label that still overlaps one already placed is left out (the dot stays,
 * and the key numbers beside the chart carry every value).
 */
export function placeMarkerLabels(series: CdfSeriesGeometry[], fontSize = FONT_SIZE - 1): void {
  const w = textWidth('P50', fontSize);
  const h = fontSize;
  const gap = 5;
  const leftmost = new Map<PercentileKey, number>();
  for (const s of series) for (const m of s.markers) if (!m.beyond) leftmost.set(m.key, Math.min(leftmost.get(m.key) ?? Infinity, m.x));
  const placed: Rect[] = [];
  for (const s of series) {
    for (const m of s.markers) {
      if (m.beyond) continue;
      const upperLeft = { x: px(m.x - gap), y: px(m.y - gap), anchor: 'end' as const, box: [m.x - gap - w, m.y - gap - h, m.x - gap, m.y - gap] as Rect };
      const lowerRight = { x: px(m.x + gap), y: px(m.y + gap + h), anchor: 'start' as const, box: [m.x + gap, m.y + gap, m.x + gap + w, m.y + gap + h] as Rect };
      const order = m.x <= (leftmost.get(m.key) ?? m.x) ? [upperLeft, lowerRight] : [lowerRight, upperLeft];
      const spot = order.find((o) => !placed.some((r) => overlaps(r, o.box)));
      m.label = spot ? { x: spot.x, y: spot.y, anchor: spot.anchor } : null;
      if (spot) placed.push(spot.box);
    }
  }
}
