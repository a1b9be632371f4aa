/**
 * Geometry of a range chart: one row per option, a bar from its P10 to its P90 and a tick at its
 * P50, on a shared value axis (e.g. NPV in USD). Keyed numbers go beside it as a table.
 */
import { DEFAULT_WIDTH, linear, linearTicks, px, textWidth, type Box, type ChartGeometry, type KeyTable } from './frame';
import { formatValue, type ValueKind } from './format';

export interface RangeRow {
  label: string;
  p10: number;
  p50: number;
  p90: number;
  color: string;
}

export interface RangeOptions {
  /** axis title with unit */
  unit: string;
  valueKind?: ValueKind;
  width?: number;
}

export interface RangeBar {
  label: string;
  y: number;
  h: number;
  x10: number;
  x90: number;
  x50: number;
  color: string;
  text: string;
}

export interface RangeGeometry extends ChartGeometry {
  bars: RangeBar[];
  /** x of the value 0 when it is on the axis, else null */
  zeroX: number | null;
}

const ROW_H = 34;

export function rangeGeometry(rows: readonly RangeRow[], opts: RangeOptions): RangeGeometry {
  const kind = opts.valueKind ?? 'number';
  const fmt = (v: number) => formatValue(kind, v);
  const shown = rows.filter((r) => [r.p10, r.p50, r.p90].every(Number.isFinite));
  const notes = shown.length < rows.length ? [`${rows.length - shown.length} row(s) without a finite P10–P90 are left out.`] : [];
  const width = opts.width ?? DEFAULT_WIDTH;
  const height = 28 + Math.max(1, shown.length) * ROW_H + 42;
  const left = px(Math.min(width * 0.35, 12 + Math.max(40, ...shown.map((r) => textWidth(r.label)))));
  const plot: Box = { left, top: 20, right: width - 20, bottom: height - 42 };
  let lo = 0;
  let hi = 0;
  for (const r of shown) {
    lo = Math.min(lo, r.p10);
    hi = Math.max(hi, r.p90);
  }
  const x = linear([lo, hi || 1], [plot.left, plot.right]).nice(6);
  const step = (plot.bottom - plot.top) / Math.max(1, shown.length);
  const bars = shown.map((r, i) => ({
    label: r.label,
    y: px(plot.top + step * (i + 0.5)),
    h: px(Math.min(16, step * 0.5)),
    x10: px(x(r.p10)),
    x90: px(x(r.p90)),
    x50: px(x(r.p50)),
    color: r.color,
    text: `P50 ${fmt(r.p50)}`,
  }));
  const [d0, d1] = x.domain();
  const table: KeyTable = {
    columns: ['', 'P10', 'P50', 'P90'],
    rows: rows.map((r) => ({ label: r.label, color: r.color, cells: [fmt(r.p10), fmt(r.p50), fmt(r.p90)] })),
  };
  return {
    width,
    height,
    plot,
    xAxis: { ticks: linearTicks(x, 6, fmt), title: opts.unit },
    yAxis: { ticks: bars.map((b) => ({ pos: b.y, label: b.label })), title: '' },
    legend: [],
    bars,
    zeroX: d0 <= 0 && d1 >= 0 ? px(x(0)) : null,
    notes,
    table,
    ariaLabel: `${opts.unit}, P10 to P90 with the P50 marked: ${rows.map((r) => `${r.label} ${fmt(r.p10)} to ${fmt(r.p90)}, P50 ${fmt(r.p50)}`).join('; ')}.`,
  };
}
