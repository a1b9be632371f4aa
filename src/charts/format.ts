/**
 * Number formatting for chart labels and the key-number tables beside each chart.
 *
 * Every formatter accepts any number, including NaN and ±Infinity, and returns readable text, so a
 * missing or "beyond the horizon" value can never print as "NaN" or "Infinity".
 * Probabilities and shares are fractions in [0, 1] everywhere in the charts.
 */

/** Shown for a value that is missing or undefined (NaN). */
export const MISSING = '—';
/** Unicode minus: lines up with digits in tabular figures, unlike the hyphen. */
const MINUS = '\u2212';

function trimInt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/**
 * Months with one decimal: `38.2 mo`. Infinity means "not within the simulated horizon" and reads
 * `> 240 mo (horizon)` when the horizon is known, `> horizon` otherwise.
 */
export function formatMonths(m: number, horizonMonths?: number): string {
  if (Number.isNaN(m)) return MISSING;
  if (m === Infinity) {
    return horizonMonths !== undefined && Number.isFinite(horizonMonths)
      ? `> ${trimInt(horizonMonths)} mo (horizon)`
      : '> horizon';
  }
  if (m === -Infinity) return `< ${MINUS}horizon`;
  return `${signed(m.toFixed(1))} mo`;
}

/** A signed month difference, `+24.0 mo` / `−3.5 mo`; infinities read as beyond the range. */
export function formatSignedMonths(d: number): string {
  if (Number.isNaN(d)) return MISSING;
  if (d === Infinity) return '> range';
  if (d === -Infinity) return '< range';
  const s = Math.abs(d).toFixed(1);
  if (s === '0.0') return '0.0 mo';
  return `${d > 0 ? '+' : MINUS}${s} mo`;
}

/**
 * A probability or share (fraction 0–1) as a percentage: `63%`. Values strictly between 0 and 1 never
 * round to the certain-looking `0%` or `100%`: they read `<1%` / `>99%` (at 0 digits).
 */
export function formatPct(p: number, digits = 0): string {
  if (!Number.isFinite(p)) return MISSING;
  const pct = p * 100;
  const step = 10 ** -digits;
  const text = pct.toFixed(digits);
  // Compare the rounded text, not the value: toFixed rounds 99.5 up to "100".
  if (pct > 0 && Number(text) === 0) return `<${step.toFixed(digits)}%`;
  if (pct < 100 && Number(text) >= 100) return `>${(100 - step).toFixed(digits)}%`;
  return `${signed(text)}%`;
}

/** US dollars, compact: `$950`, `$12.3k`, `$1.2M`, `$3.4B`, `−$1.2M`. */
export function formatUSD(x: number): string {
  if (!Number.isFinite(x)) return MISSING;
  const a = Math.abs(x);
  const sign = x < 0 ? MINUS : '';
  let body: string;
  if (a >= 1e9) body = `${(a / 1e9).toFixed(1)}B`;
  else if (a >= 1e6) body = `${(a / 1e6).toFixed(1)}M`;
  else if (a >= 1e3) body = `${(a / 1e3).toFixed(1)}k`;
  else body = a.toFixed(0);
  return body === '0' ? '$0' : `${sign}$${body}`;
}

/** Megawatts: `2.5 MW` below 10 MW, `120 MW` below 1 GW, `1.2 GW` above. */
export function formatMW(x: number): string {
  if (!Number.isFinite(x)) return MISSING;
  const a = Math.abs(x);
  if (a >= 1000) return `${signed((x / 1000).toFixed(1))} GW`;
  return `${signed(a < 10 ? x.toFixed(1) : x.toFixed(0))} MW`;
}

/** What a chart's values mean, which picks their formatter. */
export type ValueKind = 'months' | 'signed-months' | 'pct' | 'usd' | 'mw' | 'number';

/** Format a value of the given kind (`number` = plain, up to 3 significant figures). */
export function formatValue(kind: ValueKind, v: number): string {
  switch (kind) {
    case 'months':
      return formatMonths(v);
    case 'signed-months':
      return formatSignedMonths(v);
    case 'pct':
      return formatPct(v);
    case 'usd':
      return formatUSD(v);
    case 'mw':
      return formatMW(v);
    default:
      return formatNumber(v);
  }
}

// One formatter, built once: toLocaleString with options builds a new one on every call, which
// is slow in a table redrawn as results arrive.
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole number, thousands separated: `1,630`, `33`. */
export function formatWhole(v: number): string {
  return Number.isFinite(v) ? WHOLE.format(v) : MISSING;
}

/** A plain number with at most 3 significant figures, thousands separated. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return MISSING;
  const a = Math.abs(v);
  const s = a >= 1000 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(3)));
  return signed(s);
}

/**
 * A value with its Monte Carlo standard error: `38.2 ± 1.1 mo`. The ± part is left out when the SE is
 * missing, zero or the value is not finite (an SE of "> horizon" means nothing).
 */
export function formatWithSE(v: number, se: number | undefined, kind: ValueKind, horizonMonths?: number): string {
  const main = kind === 'months' ? formatMonths(v, horizonMonths) : formatValue(kind, v);
  if (!Number.isFinite(v) || se === undefined || !(se > 0) || !Number.isFinite(se)) return main;
  // An SE that rounds to zero reads "< 0.1", not a false "± 0.0".
  const seText =
    kind === 'pct' ? formatPct(se, 1) : kind === 'months' || kind === 'signed-months' ? (se < 0.05 ? '<0.1' : se.toFixed(1)) : formatValue(kind, se);
  if (kind === 'months' || kind === 'signed-months') {
    // "38.2 mo" -> "38.2 ± 1.1 mo": the unit once, at the end.
    return main.replace(/ mo$/, ` ± ${seText} mo`);
  }
  return `${main} ± ${seText}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar month as an index: year * 12 + (month − 1). */
export type MonthIndex = number;

/** Parse `'YYYY-MM'` to a month index; null when malformed. */
export function parseYearMonth(s: string | undefined): MonthIndex | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return Number(m[1]) * 12 + month - 1;
}

/**
 * The calendar month reached `months` after the start month: `Aug 2028`. Fractions count as the month
 * they fall in (38.2 months after June 2025 is within August 2028).
 */
export function formatMonthDate(start: MonthIndex, months: number): string {
  if (!Number.isFinite(months)) return MISSING;
  const idx = start + Math.floor(months);
  return `${MONTHS[((idx % 12) + 12) % 12]} ${Math.floor(idx / 12)}`;
}

/**
 * A month count with the calendar month it reaches from `start` ('YYYY-MM'): `38.2 ± 1.1 mo (Aug 2028)`.
 * `text` is the count as already formatted (with or without its SE); no date is added for a value
 * past the horizon or not finite, or when `start` is malformed.
 */
export function withMonthDate(text: string, months: number, start: string | MonthIndex, horizonMonths?: number): string {
  const s = typeof start === 'number' ? start : parseYearMonth(start);
  const inRange = Number.isFinite(months) && (horizonMonths === undefined || months <= horizonMonths);
  return s !== null && inRange ? `${text} (${formatMonthDate(s, months)})` : text;
}

/**
 * The one line a panel shows when another tab counts its months from another origin (the Grid queue
 * from its queue's as-of date, Buy vs build and Economics from today), or null when both start in the
 * same month. `here` / `there` are 'YYYY-MM…' strings; `otherTab` names the other tab.
 */
export function originNote(here: { start: string; what: string }, there: { start: string; what: string; tab: string }): string | null {
  const a = parseYearMonth(here.start.slice(0, 7));
  const b = parseYearMonth(there.start.slice(0, 7));
  if (a === null || b === null || a === b) return null;
  const gap = Math.abs(a - b);
  return `Months here count from ${here.what} (${formatMonthDate(a, 0)}); ${there.tab} counts from ${there.what} (${formatMonthDate(b, 0)}), ${gap} month${gap === 1 ? '' : 's'} ${b < a ? 'earlier' : 'later'}, so the same wait reads ${gap} month${gap === 1 ? '' : 's'} ${b < a ? 'longer' : 'shorter'} there.`;
}

// toFixed gives "-0.0" for tiny negatives; show a clean zero and a proper minus sign.
function signed(s: string): string {
  if (/^-0(\.0+)?$/.test(s)) return s.slice(1);
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}
