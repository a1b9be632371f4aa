/**
 * What the one-page brief (PDF) says, from a scenario and its results: the title, the sites and the
 * date, the time-to-power curve (chart geometry, drawn as vector paths and text) with P10/P50/P90 as
 * months and calendar dates, the buy-vs-build and economics headlines ("not run" when there are none),
 * the assumptions that moved P50 most (the buy-vs-build tornado), the sources, and the scenario's link
 * and hash. Pure: plain data in, text blocks out; brief-pdf.ts lays them on the page.
 */
import { cdfGeometry, type CdfGeometry } from '../charts/cdf-geometry';
import { formatMonthDate, formatMonths, formatPct, parseYearMonth, withMonthDate } from '../charts/format';
import type { SummaryRow } from '../snapshot';
import type { CurtailableQueueSummary } from '../sim/curtailment/runner';
import type { TornadoResult } from '../sim/buy-vs-build/tornado';
import { tornadoChartBars } from './bvb-derive';
import { buildSlides, formatByUnits, type SlideInput } from './presenter-slides';
import { timeToPowerSeries } from './queue-charts';

/** A headed block of lines of plain text. */
export interface BriefSection {
  heading: string;
  lines: string[];
}

export interface Brief {
  title: string;
  /** "Sites: … · made 4 Dec 2026" */
  subtitle: string;
  /** the time-to-power chart's geometry (null: the grid queue was not run) */
  curve: CdfGeometry | null;
  /** one line under the chart: what month 0 is */
  curveNote: string;
  sections: BriefSection[];
  sources: string[];
  link: string;
  hash: string;
}

export interface BriefInput extends SlideInput {
  /** the scenario's display name */
  title: string;
  /** the day the brief is made, 'YYYY-MM-DD' */
  madeOn: string;
  /** 'YYYY-MM' of today: month 0 of buy vs build and economics */
  todayMonth: string;
  /** the finished Grid queue run shown in the panel, and the site it ran for (display name) */
  queue?: { summary: CurtailableQueueSummary; siteName: string } | null;
  /** the buy-vs-build tornado and the arm it is shown for */
  tornado?: { result: TornadoResult; arm: 'buy' | 'build' } | null;
  /** the scenario link and the hash of the scenario it encodes */
  link: string;
  hash: string;
}

/** Chart size on the page, in PDF points (user units of the geometry). */
export const BRIEF_CHART = { width: 300, height: 200 } as const;

const NOT_RUN = 'not run';

/** "38.2 mo (Aug 2028)": months from `start` and the calendar month they reach. */
export function monthsAndDate(m: number, start: string, horizonMonths?: number): string {
  return withMonthDate(formatMonths(m, horizonMonths), m, start, horizonMonths);
}

function monthYear(day: string): string {
  const s = parseYearMonth(day.slice(0, 7));
  const d = Number(day.slice(8, 10));
  return s === null ? day : `${d > 0 ? `${d} ` : ''}${formatMonthDate(s, 0)}`;
}

function rowsOf(rows: readonly SummaryRow[], prefix: string): SummaryRow[] {
  return rows.filter((r) => r.option.startsWith(`${prefix} · `));
}

/** One summary row as a line: "buy · first MW: P10 … · P50 … · P90 …", months with their dates. */
function rowLine(r: SummaryRow, start: string, multiSite: boolean): string {
  const f = (v: number) => (r.units === 'months' ? monthsAndDate(v, start) : formatByUnits(r.units, v));
  const name = r.option.slice(r.option.indexOf(' · ') + 3);
  return `${multiSite ? `${r.site}, ` : ''}${name}: P10 ${f(r.p10)} · P50 ${f(r.p50)} · P90 ${f(r.p90)}`;
}

function queueSection(input: BriefInput): { section: BriefSection; curve: CdfGeometry | null; note: string } {
  const q = input.queue;
  if (!q) return { section: { heading: 'Time to power (grid queue)', lines: [NOT_RUN] }, curve: null, note: '' };
  const s = q.summary;
  const start = s.asOf ? s.asOf.slice(0, 7) : input.todayMonth;
  const t = s.timeToPower;
  const origin = s.asOf ? `month 0 = ${s.asOf}, the queue's as-of date, when the request is filed` : `month 0 = ${input.todayMonth}, today`;
  const curve = cdfGeometry(timeToPowerSeries(s, q.siteName), { ...BRIEF_CHART, horizonMonths: s.horizonMonths, startDate: start, xLabel: `date (${origin})` });
  const lines = [
    `${q.siteName}, ${s.projectMW.toLocaleString('en-US')} MW request`,
    `P10 ${monthsAndDate(t.p10, start, s.horizonMonths)}`,
    `P50 ${monthsAndDate(t.p50, start, s.horizonMonths)}`,
    `P90 ${monthsAndDate(t.p90, start, s.horizonMonths)}`,
    `Never within ${s.horizonMonths} months: ${formatPct(t.neverShare, 1)}`,
    `${s.trials.toLocaleString('en-US')} trials`,
  ];
  return { section: { heading: 'Time to power (grid queue)', lines }, curve, note: `Months count from ${origin}.` };
}

function tornadoLines(input: BriefInput): string[] {
  const t = input.tornado;
  if (!t) return [NOT_RUN];
  const bars = tornadoChartBars(t.result, t.arm, 3);
  if (!bars.length) return ['no input moved P50'];
  const arm = t.arm === 'buy' ? 'buy a mine' : 'build greenfield';
  return [
    `P50 of ${arm}: ${formatMonths(t.result.base[t.arm])} with every input drawn as usual`,
    ...bars.map((b) => `${b.label}: P50 ${formatMonths(b.low)} to ${formatMonths(b.high)} (input ${b.lowLabel} to ${b.highLabel})`),
  ];
}

/** The brief's text blocks and chart geometry. */
export function buildBrief(input: BriefInput): Brief {
  const rows = input.results?.summary ?? [];
  const slides = buildSlides(input);
  const assumptions = slides.find((s) => s.kind === 'assumptions');
  const sitesRow = assumptions?.rows.find((r) => r.label === 'Sites');
  const multiSite = new Set(rows.map((r) => r.site)).size > 1;
  const bvb = [...rowsOf(rows, 'buy'), ...rowsOf(rows, 'build')];
  const econ = rowsOf(rows, 'economics');
  const q = queueSection(input);
  const sources = [...new Set((assumptions?.rows ?? []).filter((r) => r.label !== 'Trials and seed').map((r) => `${r.label}: ${r.value}. Source: ${r.source}`))];
  return {
    title: input.title,
    subtitle: `Sites: ${sitesRow?.value ?? 'none selected'} · made ${monthYear(input.madeOn)}`,
    curve: q.curve,
    curveNote: q.note,
    sections: [
      q.section,
      { heading: 'Buy a mine vs build greenfield (months from today)', lines: bvb.length ? bvb.map((r) => rowLine(r, input.todayMonth, multiSite)) : [NOT_RUN] },
      { heading: 'Economics', lines: econ.length ? econ.map((r) => rowLine(r, input.todayMonth, multiSite)) : [NOT_RUN] },
      { heading: 'Assumptions that moved P50 most (tornado)', lines: tornadoLines(input) },
    ],
    sources,
    link: input.link,
    hash: input.hash,
  };
}
