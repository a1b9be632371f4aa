/**
 * Pure steps between the buy-vs-build / absorption engines and the panels: chart inputs read off
 * a summary (time-to-power curves, the difference histogram, tornado bars).
 */
// Geometry modules, not the charts' index: that pulls in .svelte components, and tests import this file in Node.
import type { CdfSeries } from '../charts/cdf-geometry';
import { binValues, type DiffData } from '../charts/diff-geometry';
import { BUILD_COLOR, BUY_COLOR } from '../charts/palette';
import type { TornadoBar as ChartTornadoBar } from '../charts/tornado-geometry';
import type { BuyVsBuildSummary } from '../sim/buy-vs-build/runner';
import { INPUT_INFO, type TornadoBar, type TornadoResult } from '../sim/buy-vs-build/tornado';

/** The four time-to-power curves: buy blue, build vermillion, full MW dashed. */
export function timeToPowerSeries(s: BuyVsBuildSummary): CdfSeries[] {
  const arm = (id: 'buy' | 'build', out: 'firstMW' | 'fullMW'): CdfSeries => {
    const a = s[id];
    return {
      id: `${id}-${out}`,
      label: `${id === 'buy' ? 'Buy power shell' : 'Build greenfield'}, ${out === 'firstMW' ? 'first MW' : `full ${Math.round(s.itMW)} MW`}`,
      color: id === 'buy' ? BUY_COLOR : BUILD_COLOR,
      dash: out === 'fullMW' ? '7 4' : undefined,
      points: a.curves[out],
      ...a[out],
    };
  };
  const c = s.curtailment;
  if (c) {
    // Curtailment accepted: build's first MW are curtailable; its first firm MW get a curve of their own (dotted).
    const first = { ...arm('build', 'firstMW'), label: 'Build greenfield, first MW (curtailable)' };
    const firm: CdfSeries = { id: 'build-firm', label: 'Build greenfield, first firm MW', color: BUILD_COLOR, dash: '2 3', points: c.curve, ...c.buildFirmFirstMW };
    return [arm('buy', 'firstMW'), arm('buy', 'fullMW'), first, firm, arm('build', 'fullMW')];
  }
  return [arm('buy', 'firstMW'), arm('buy', 'fullMW'), arm('build', 'firstMW'), arm('build', 'fullMW')];
}

/** x-axis end: a year past the latest finite P90 (×1.15), whole years, at most the horizon. */
export function chartEndMonths(series: readonly CdfSeries[], horizon: number): number {
  let end = 0;
  for (const s of series) {
    if (!Number.isFinite(s.p90)) return horizon;
    end = Math.max(end, s.p90);
  }
  return Math.min(horizon, Math.max(24, Math.ceil((end * 1.15) / 12) * 12));
}

/** build − buy per trial (positive = buying is faster), binned by month; both-never trials drop out. */
export function differenceData(s: BuyVsBuildSummary, out: 'firstMW' | 'fullMW' = 'firstMW'): DiffData {
  const rows = s.perTrial;
  const buy = out === 'firstMW' ? rows.buyFirst : rows.buyFull;
  const build = out === 'firstMW' ? rows.buildFirst : rows.buildFull;
  const d = new Float64Array(rows.count);
  for (let i = 0; i < rows.count; i++) d[i] = build[i] - buy[i];
  const data = binValues(d, 1);
  const q = s[out];
  return { ...data, p10: q.p10, p50: q.p50, p90: q.p90 };
}

function pinnedText(b: TornadoBar, value: number): string {
  if (b.unit === 'yes/no') return value ? 'yes' : 'no';
  return `${value.toFixed(1)} mo`;
}

/** Chart bars for one arm's P50: inputs that move it, widest first, at most `max`. */
export function tornadoChartBars(t: TornadoResult, arm: 'buy' | 'build', max = 10): ChartTornadoBar[] {
  return t.bars
    .filter((b) => b.atLow[arm] !== b.atHigh[arm])
    .map((b) => ({
      label: INPUT_INFO[b.input].label,
      low: b.atLow[arm],
      high: b.atHigh[arm],
      lowLabel: pinnedText(b, b.lowValue),
      highLabel: pinnedText(b, b.highValue),
    }))
    .sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low) || 0)
    .slice(0, max);
}
