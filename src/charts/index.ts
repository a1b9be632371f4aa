/** The charts' public surface: components that draw, and the pure geometry and formatting behind them. */
export { default as CdfChart } from './CdfChart.svelte';
export { default as FanChart } from './FanChart.svelte';
export { default as DiffHistogram } from './DiffHistogram.svelte';
export { default as TornadoChart } from './TornadoChart.svelte';
export type { CdfSeries, CdfOptions } from './cdf-geometry';
export { probabilityAt } from './cdf-geometry';
export type { FanSeries, FanReferenceBand, FanMarker } from './fan-geometry';
export type { DiffBin, DiffData, DiffStats } from './diff-geometry';
export { binValues, diffStats } from './diff-geometry';
export type { TornadoBar } from './tornado-geometry';
export { formatMonths, formatSignedMonths, formatPct, formatUSD, formatMW, formatNumber, formatValue, formatWhole, formatWithSE, originNote, withMonthDate, type ValueKind } from './format';
export { BUY_COLOR, BUILD_COLOR, OKABE_ITO } from './palette';
export { svgToDataUrl, svgToPngBlob, svgToPngDataUrl } from './svg-to-png';
