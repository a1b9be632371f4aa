/**
 * Geometry of the histogram of a signed difference (e.g. build − buy months to power, per simulated
 * world): bars coloured by the side of zero, the zero line, the share on each side and P10/P50/P90.
 */
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, layoutLegend, linear, linearTicks, px, type Box, type ChartGeometry, type KeyTable, yAxisMargin, yTicks } from './frame';
import { formatPct, formatValue, formatWithSE, type ValueKind } from './format';
import { BUILD_COLOR, BUY_COLOR, safeColor } from './palette';

/** One histogram bin: trials whose difference fell in [x0, x1). Bins of one chart share a width. */
export interface DiffBin {
  x0: number;
  x1: number;
  count: number;
}

/**
 * A distribution of a signed difference. `below`/`above` count trials off the binned range (−∞ / +∞,
 * e.g. one option never powered within the horizon). Percentiles are computed from the bins when
 * not given.
 */
export interface DiffData {
  bins: DiffBin[];
  below?: number;
  above?: number;
  p10?: number;
  p50?: number;
  p90?: number;
  se10?: number;
  se50?: number;
  se90?: number;
}

export interface DiffOptions {
  width?: number;
  height?: number;
  /** x-axis title with its unit */
  xLabel?: string;
  /** what a negative / positive difference means, e.g. "build sooner" / "buy sooner" */
  negativeLabel?: string;
  positiveLabel?: string;
  negativeColor?: string;
  positiveColor?: string;
  /** how values print (default signed months) */
  valueKind?: ValueKind;
  /** axis ends at quartile ± fence × IQR when the data reach further (default 3, Tukey's far-out fence) */
  fence?: number;
}

/** Shares (fractions 0–1 of all trials) and percentiles of a difference distribution. */
export interface DiffStats {
  n: number;
  /** share below zero (a bin straddling zero is split in proportion to its width on each side) */
  shareNegative: number;
  /** share at or above zero */
  sharePositive: number;
  p10: number;
  p50: number;
  p90: number;
}

/**
 * Bin raw differences (e.g. per-trial rows) into bins of `binWidth` aligned on multiples of it;
 * +Infinity counts as `above`, −Infinity as `below`, NaN is dropped. The width doubles until there
 * are at most `maxBins` bins.
 */
export function binValues(values: ArrayLike<number>, binWidth = 1, maxBins = 400): DiffData {
  let lo = Infinity;
  let hi = -Infinity;
  let below = 0;
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === Infinity) above++;
    else if (v === -Infinity) below++;
    else if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) return { bins: [], below, above };
  let w = binWidth > 0 && Number.isFinite(binWidth) ? binWidth : 1;
  while (Math.floor(hi / w) - Math.floor(lo / w) + 1 > maxBins) w *= 2;
  const first = Math.floor(lo / w);
  const counts = new Float64Array(Math.floor(hi / w) - first + 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) counts[Math.floor(v / w) - first]++;
  }
  const bins = Array.from(counts, (count, k) => ({ x0: (first + k) * w, x1: (first + k + 1) * w, count }));
  return { bins, below, above };
}

function validBins(bins: readonly DiffBin[]): DiffBin[] {
  return bins
    .filter((b) => Number.isFinite(b.x0) && Number.isFinite(b.x1) && b.x1 >= b.x0 && Number.isFinite(b.count) && b.count >= 0)
    .sort((a, b) => a.x0 - b.x0);
}

/** The p-quantile, linear within a bin; −Infinity / +Infinity when it falls in below / above. */
export function diffQuantile(d: DiffData, p: number): number {
  const bins = validBins(d.bins);
  const below = d.below ?? 0;
  const n = below + (d.above ?? 0) + bins.reduce((s, b) => s + b.count, 0);
  if (!(n > 0)) return NaN;
  const target = p * n;
  if (below > 0 && below >= target) return -Infinity;
  let cum = below;
  for (const b of bins) {
    if (b.count > 0 && cum + b.count >= target) return b.x0 + ((target - cum) / b.count) * (b.x1 - b.x0);
    cum += b.count;
  }
  return Infinity;
}

/** Shares on each side of zero and P10/P50/P90 (given percentiles win over computed ones). */
export function diffStats(d: DiffData): DiffStats {
  const bins = validBins(d.bins);
  const below = d.below ?? 0;
  let neg = below;
  let n = below + (d.above ?? 0);
  for (const b of bins) {
    n += b.count;
    if (b.x1 <= 0 && b.x0 < 0) neg += b.count;
    else if (b.x0 < 0 && b.x1 > 0) neg += (b.count * -b.x0) / (b.x1 - b.x0);
  }
  const pick = (given: number | undefined, p: number): number =>
    given !== undefined && !Number.isNaN(given) ? given : diffQuantile(d, p);
  return {
    n,
    shareNegative: n > 0 ? neg / n : NaN,
    sharePositive: n > 0 ? 1 - neg / n : NaN,
    p10: pick(d.p10, 0.1),
    p50: pick(d.p50, 0.5),
    p90: pick(d.p90, 0.9),
  };
}

/** A bar (or one half of a bar split at zero) in pixels. */
export interface DiffBar {
  x: number;
  y: number;
  w: number;
  h: number;
  side: 'negative' | 'positive';
}

export interface DiffGeometry extends ChartGeometry {
  bars: DiffBar[];
  colors: { negative: string; positive: string };
  zeroX: number;
  /** percentile guides (only those inside the drawn range) */
  percentiles: Array<{ key: 'P10' | 'P50' | 'P90'; value: number; x: number; row: 0 | 1 }>;
  stats: DiffStats;
}

// Tick labels carry no unit (the axis title has it) but keep the sign, which is the point of the chart.
function signedTick(v: number): string {
  return v === 0 ? '0' : `${v > 0 ? '+' : '\u2212'}${Math.abs(v)}`;
}

/** Compute everything the difference histogram draws. */
export function diffGeometry(d: DiffData, opts: DiffOptions = {}): DiffGeometry {
  const width = opts.width ?? DEFAULT_WIDTH;
  const height = opts.height ?? DEFAULT_HEIGHT;
  const kind = opts.valueKind ?? 'signed-months';
  const fmt = (v: number): string => formatValue(kind, v);
  const negLabel = opts.negativeLabel ?? 'build sooner';
  const posLabel = opts.positiveLabel ?? 'buy sooner';
  const colors = { negative: safeColor(opts.negativeColor, BUILD_COLOR), positive: safeColor(opts.positiveColor, BUY_COLOR) };
  const bins = validBins(d.bins);
  const stats = diffStats(d);
  const notes: string[] = [];

  // The axis ends at Tukey's far-out fences (quartile ± 3 × IQR) or the data, whichever is nearer, and
  // always shows zero: a long tail would squash the body, yet a small tail across zero stays in view.
  // Bins past the axis ends are counted in a note instead of drawn.
  const fence = opts.fence ?? 3;
  const nonEmpty = bins.filter((b) => b.count > 0);
  const q25 = diffQuantile(d, 0.25);
  const q75 = diffQuantile(d, 0.75);
  const iqr = q75 - q25;
  const dataLo = nonEmpty[0]?.x0 ?? 0;
  const dataHi = nonEmpty[nonEmpty.length - 1]?.x1 ?? 0;
  let x0 = Math.min(0, Number.isFinite(iqr) ? Math.max(dataLo, q25 - fence * iqr) : dataLo);
  let x1 = Math.max(0, Number.isFinite(iqr) ? Math.min(dataHi, q75 + fence * iqr) : dataHi);
  if (x0 === x1) [x0, x1] = [-1, 1];

  // Room for the widest share label ("100%", or "4.5%" on a flat histogram) and the y title beside it.
  const left = yAxisMargin(['100%', '10.0%'], 52);
  // The legend doubles as the share on each side of zero.
  const legend = layoutLegend(
    [
      { label: `${negLabel}: ${formatPct(stats.shareNegative)}`, color: colors.negative, shape: 'swatch' },
      { label: `${posLabel}: ${formatPct(stats.sharePositive)}`, color: colors.positive, shape: 'swatch' },
    ],
    left,
    4,
    width - 16,
  );
  const plot: Box = { left, top: legend.height + 30, right: width - 16, bottom: height - 42 };
  const x = linear([x0, x1], [plot.left, plot.right]).nice(8);
  const [dx0, dx1] = x.domain();
  let hiddenLeft = d.below ?? 0;
  let hiddenRight = d.above ?? 0;
  let maxShare = 0;
  const shown: DiffBin[] = [];
  for (const b of nonEmpty) {
    if (b.x1 <= dx0) hiddenLeft += b.count;
    else if (b.x0 >= dx1) hiddenRight += b.count;
    else {
      shown.push(b);
      maxShare = Math.max(maxShare, b.count / stats.n);
    }
  }
  const y = linear([0, maxShare > 0 ? maxShare : 0.01], [plot.bottom, plot.top]).nice(5);

  // Bar height is the bin's share of all trials (bins of one chart share a width).
  const bars: DiffBar[] = [];
  const push = (a: number, b: number, share: number, side: DiffBar['side']): void => {
    if (!(share > 0) || !(b > a)) return;
    const xa = x(a);
    const top = y(share);
    // A hairline gap keeps neighbouring bars apart; never thinner than 0.5 units.
    bars.push({ x: px(xa), y: px(top), w: px(Math.max(0.5, x(b) - xa - 0.5)), h: px(plot.bottom - top), side });
  };
  for (const b of shown) {
    const share = b.count / stats.n;
    if (b.x0 < 0 && b.x1 > 0) {
      // Split at zero: same height, each side in its own colour.
      push(b.x0, 0, share, 'negative');
      push(0, b.x1, share, 'positive');
    } else push(b.x0, b.x1, share, b.x0 < 0 ? 'negative' : 'positive');
  }

  if (stats.n > 0 && hiddenLeft > 0) notes.push(`${formatPct(hiddenLeft / stats.n)} of simulated worlds lie beyond the left end of the chart.`);
  if (stats.n > 0 && hiddenRight > 0) notes.push(`${formatPct(hiddenRight / stats.n)} of simulated worlds lie beyond the right end of the chart.`);
  if (!(stats.n > 0)) notes.push('No data to draw.');

  const percentiles: DiffGeometry['percentiles'] = [];
  for (const [key, v] of [['P10', stats.p10], ['P50', stats.p50], ['P90', stats.p90]] as const) {
    if (!(Number.isFinite(v) && v >= dx0 && v <= dx1)) continue;
    const prev = percentiles[percentiles.length - 1];
    // Close guides would print their labels over each other: lift every other one a line.
    const row = prev && x(v) - prev.x < 24 && prev.row === 0 ? 1 : 0;
    percentiles.push({ key, value: v, x: px(x(v)), row });
  }

  const xTitle = opts.xLabel ?? 'build − buy, months (positive = buy sooner)';
  const table: KeyTable = {
    columns: ['', xTitle],
    rows: [
      { label: 'P10', cells: [formatWithSE(stats.p10, d.se10, kind)] },
      { label: 'P50', cells: [formatWithSE(stats.p50, d.se50, kind)] },
      { label: 'P90', cells: [formatWithSE(stats.p90, d.se90, kind)] },
      { label: negLabel, color: colors.negative, cells: [formatPct(stats.shareNegative)] },
      { label: posLabel, color: colors.positive, cells: [formatPct(stats.sharePositive)] },
    ],
  };
  return {
    width,
    height,
    plot,
    xAxis: { ticks: linearTicks(x, 8, kind === 'signed-months' || kind === 'months' ? signedTick : fmt), title: xTitle },
    yAxis: { ticks: yTicks(y, 5, (v) => formatPct(v, y.domain()[1] < 0.05 ? 1 : 0)), title: '% of simulated worlds' },
    legend: legend.items,
    bars,
    colors,
    zeroX: px(x(0)),
    percentiles,
    stats,
    notes,
    table,
    ariaLabel: `Histogram of ${xTitle}: ${formatPct(stats.shareNegative)} ${negLabel}, ${formatPct(stats.sharePositive)} ${posLabel}; median ${fmt(stats.p50)}.`,
  };
}
