/**
 * The slides of presenter mode, from a scenario and its results summary (the working scenario or a
 * saved one): a map framed on the scenario's sites coloured by P50, one chart per tab with its key
 * numbers, and the assumptions with their sources. Every number is formatted by its unit ($, MW,
 * months, %); sites and models are named by their display names, never their ids.
 */
import type { RegionInfo } from '../data/schema';
import type { Scenario, ScenarioResults, SummaryRow } from '../snapshot';
import type { QueuePresetDoc } from '../sim/queue/presets';
import { formatMonths, formatValue, type ValueKind } from '../charts/format';
import type { KeyTable } from '../charts/frame';
import type { RangeRow } from '../charts/range-geometry';
import type { MapSiteInput } from '../charts/site-map-geometry';
import { seriesColor } from '../charts/palette';
import { P50_CLASSES, P50_NONE_COLOR } from '../map/site-layers';
import { describeQueueParam } from './queue-fields';

/** A site as the slides need it. */
export interface SlideSite {
  id: string;
  name: string;
  lon: number;
  lat: number;
  /** the grid queue model that applies there (null: none) */
  queuePreset?: string | null;
}

export interface SlideInput {
  scenario: Scenario;
  results?: ScenarioResults;
  /** the bundled sites (the scenario's own sites come from the scenario) */
  sites: readonly SlideSite[];
  /** P50 months by site id from "Run all sites" (working scenario only) */
  p50ById?: Readonly<Record<string, number | null>>;
  preset: (id: string | null) => QueuePresetDoc | undefined;
  regions: readonly RegionInfo[];
}

export interface MapSlide {
  kind: 'map';
  heading: string;
  sites: MapSiteInput[];
  table: KeyTable;
}

export interface ChartPart {
  /** axis title with unit */
  unit: string;
  valueKind: ValueKind;
  rows: RangeRow[];
  caption: string;
}

export interface ChartSlide {
  kind: 'chart';
  heading: string;
  charts: ChartPart[];
}

export interface AssumptionsSlide {
  kind: 'assumptions';
  heading: string;
  rows: Array<{ label: string; value: string; source: string }>;
}

export type Slide = MapSlide | ChartSlide | AssumptionsSlide;

/** The formatter a summary row's unit calls for. */
export function valueKindOfUnits(units: string): ValueKind {
  if (units === 'USD') return 'usd';
  if (units === 'months') return 'months';
  if (units === 'MW') return 'mw';
  if (/share|fraction|probability/i.test(units)) return 'pct';
  return 'number';
}

/** A summary value as text in its unit: `$1.2M`, `38.2 mo`, `12%`. */
export function formatByUnits(units: string, v: number): string {
  return formatValue(valueKindOfUnits(units), v);
}

/** The colour of a P50 (months to power) on the map; grey when not simulated. */
export function p50Color(p50: number | null | undefined): string {
  if (p50 === undefined) return P50_NONE_COLOR;
  const m = p50 === null || !Number.isFinite(p50) ? Infinity : p50;
  return (P50_CLASSES.find((c) => m <= c.upTo) ?? P50_CLASSES[P50_CLASSES.length - 1]).color;
}

const TAB_OF_PREFIX: ReadonlyMap<string, string> = new Map([
  ['queue', 'Grid queue'],
  ['buy', 'Buy vs build'],
  ['build', 'Buy vs build'],
  ['economics', 'Economics'],
]);

const AXIS_TITLE: ReadonlyMap<ValueKind, string> = new Map([
  ['months', 'months from the start of the run'],
  ['usd', 'US dollars'],
  ['pct', 'share, %'],
  ['mw', 'MW'],
]);

function tabOf(row: SummaryRow): { tab: string; option: string } {
  const i = row.option.indexOf(' · ');
  const prefix = i > 0 ? row.option.slice(0, i) : '';
  const tab = TAB_OF_PREFIX.get(prefix);
  return tab ? { tab, option: row.option.slice(i + 3) } : { tab: 'Results', option: row.option };
}

/** The name of a site id: the scenario's own sites, then the bundled ones; never the id itself. */
function siteNamer(input: SlideInput): (id: string) => string {
  const names = new Map<string, string>(input.sites.map((s) => [s.id, s.name]));
  for (const c of input.scenario.customSites) names.set(c.id, c.name);
  return (id) => names.get(id) ?? 'a site not in this app’s data';
}

function isTimeToPower(r: SummaryRow): boolean {
  return r.option.startsWith('queue · time to power');
}

function mapSlide(input: SlideInput): MapSlide {
  const s = input.scenario;
  const all: SlideSite[] = [...input.sites.filter((b) => !s.customSites.some((c) => c.id === b.id)), ...s.customSites];
  const p50 = new Map<string, number | null>();
  for (const [id, v] of Object.entries(input.p50ById ?? {})) p50.set(id, v);
  const rows = input.results?.summary ?? [];
  for (const r of rows.filter(isTimeToPower)) {
    const site = all.find((x) => x.name === r.site);
    if (site) p50.set(site.id, Number.isFinite(r.p50) ? r.p50 : null);
  }
  const named = new Set([...s.selectedSiteIds, ...s.customSites.map((c) => c.id), ...p50.keys()]);
  // The selected sites first: labels are placed in order, so theirs are never the ones left out.
  const selected = new Set(s.selectedSiteIds);
  const ordered = [...all.filter((x) => selected.has(x.id)), ...all.filter((x) => !selected.has(x.id))];
  const sites: MapSiteInput[] = ordered.map((x) => ({
    name: x.name,
    lon: x.lon,
    lat: x.lat,
    color: p50Color(p50.has(x.id) ? p50.get(x.id) : undefined),
    emphasis: named.has(x.id),
  }));
  const tableRows = ordered
    .filter((x) => named.has(x.id))
    .map((x) => ({ label: x.name, color: p50Color(p50.has(x.id) ? p50.get(x.id) : undefined), cells: [p50.has(x.id) ? formatMonths(p50.get(x.id) ?? Infinity) : 'not simulated'] }));
  return { kind: 'map', heading: 'Where: the scenario’s sites, coloured by P50 months to power', sites, table: { columns: ['Site', 'P50 months to power'], rows: tableRows } };
}

function chartSlides(results: ScenarioResults | undefined): ChartSlide[] {
  const rows = results?.summary ?? [];
  const multiSite = new Set(rows.map((r) => r.site)).size > 1;
  const byTab = new Map<string, Map<string, SummaryRow[]>>();
  for (const r of rows) {
    const { tab } = tabOf(r);
    const units = byTab.get(tab) ?? new Map<string, SummaryRow[]>();
    units.set(r.units, [...(units.get(r.units) ?? []), r]);
    byTab.set(tab, units);
  }
  return [...byTab].map(([tab, units]) => ({
    kind: 'chart' as const,
    heading: `${tab}: P10 to P90, P50 marked`,
    charts: [...units].map(([u, rs]) => {
      const valueKind = valueKindOfUnits(u);
      return {
        unit: AXIS_TITLE.get(valueKind) ?? u,
        valueKind,
        caption: `${tab}, ${u === 'USD' ? 'money (US dollars)' : u}: the bar runs from P10 to P90, the tick is the P50.`,
        rows: rs.map((r, i) => ({
          label: multiSite ? `${r.site} · ${tabOf(r).option}` : tabOf(r).option,
          p10: r.p10,
          p50: r.p50,
          p90: r.p90,
          color: seriesColor(i),
        })),
      };
    }),
  }));
}

function assumptionsSlide(input: SlideInput): AssumptionsSlide {
  const s = input.scenario;
  const name = siteNamer(input);
  const rows: AssumptionsSlide['rows'] = [
    { label: 'Sites', value: s.selectedSiteIds.map(name).join(', ') || 'none selected', source: 'Site facts: bundled site data, each number with its source' },
    { label: 'Trials and seed', value: `${s.settings.trials.toLocaleString('en-US')} trials, seed ${s.settings.seed}`, source: 'Run settings' },
  ];
  const presetIds = new Set<string>();
  for (const id of s.selectedSiteIds) {
    const custom = s.customSites.find((c) => c.id === id);
    const presetId = custom ? custom.queuePreset : (input.sites.find((x) => x.id === id)?.queuePreset ?? null);
    if (presetId) presetIds.add(presetId);
  }
  for (const id of Object.keys(s.queueOverrides)) presetIds.add(id);
  for (const id of presetIds) {
    const doc = input.preset(id);
    const region = input.regions.find((r) => r.id === id);
    const sources = region?.sources.map((x) => `${x.title} (${x.date})`).join('; ');
    rows.push({ label: 'Grid queue model', value: doc?.name ?? region?.name ?? 'a model not in this app’s data', source: sources || 'Method, grid queue' });
    const overrides = Object.hasOwn(s.queueOverrides, id) ? s.queueOverrides[id] : {};
    for (const [path, v] of Object.entries(overrides)) {
      const d = doc ? describeQueueParam(doc, path) : null;
      const unit = d && d.unit !== '—' ? ` ${d.unit}` : '';
      rows.push({ label: `Changed: ${d?.label ?? 'a queue parameter'}`, value: `${typeof v === 'number' ? v.toLocaleString('en-US') : v}${unit}`, source: d?.source ?? 'your edit' });
    }
  }
  if (s.customSites.length) rows.push({ label: 'Your own sites', value: s.customSites.map((c) => c.name).join(', '), source: 'entered by you' });
  return { kind: 'assumptions', heading: 'Assumptions and their sources', rows };
}

/** Every slide of one scenario, in presenting order. */
export function buildSlides(input: SlideInput): Slide[] {
  return [mapSlide(input), ...chartSlides(input.results), assumptionsSlide(input)];
}
