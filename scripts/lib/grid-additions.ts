/**
 * Transmission built after a grid extract's snapshot, documented by the TSO or its contractors
 * (scripts/data/grid-additions.json): checked here and turned into the same rows the extract gives,
 * so `npm run data:grid` adds them reproducibly. Each row carries its own short source label (the
 * extract's rows take the layer's), so a distance to an added station says where it comes from.
 */
import type { GridLayerFile, GridSource } from '../../src/geo/grid-layer';

type SubRow = GridLayerFile['substations']['rows'][number];
type LineRow = GridLayerFile['lines']['rows'][number];

interface Citation {
  title: string;
  url: string;
  date: string;
}

/** The checked additions of one region. */
export interface RegionAdditions {
  substations: SubRow[];
  lines: LineRow[];
  /** one layer source per cited TSO/contractor page set, for the attribution and the panels */
  source: GridSource | null;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** "2022-09" → "2022"; the short label reads like the extract's ("OSM 2017"). */
const year = (d: string) => d.slice(0, 4);

/**
 * Reads the additions file's parsed JSON. Throws an Error naming the item and field on bad input
 * (the build script prints it and stops: a half-applied addition would make the rebuild lie).
 */
export function parseGridAdditions(json: unknown, dp: { sub: number; line: number }): Map<string, RegionAdditions> {
  const where = 'grid additions';
  if (!isObj(json)) throw new Error(`${where}: not a JSON object`);
  const sources = json.sources;
  if (!isObj(sources)) throw new Error(`${where}: "sources" must be an object of citations by key`);
  const cites = new Map<string, Citation>();
  for (const [key, c] of Object.entries(sources)) {
    if (!isObj(c) || typeof c.title !== 'string' || !c.title || typeof c.url !== 'string' || !/^https?:\/\//.test(c.url) || typeof c.date !== 'string' || !DATE.test(c.date)) {
      throw new Error(`${where}: source "${key}" needs a title, an http(s) url and a date YYYY[-MM[-DD]]`);
    }
    cites.set(key, { title: c.title, url: c.url, date: c.date });
  }
  const round = (v: number, n: number) => Math.round(v * 10 ** n) / 10 ** n;
  const out = new Map<string, RegionAdditions>();
  const regionOf = (r: string) => {
    let a = out.get(r);
    if (!a) out.set(r, (a = { substations: [], lines: [], source: null }));
    return a;
  };
  const used = new Map<string, Set<string>>();
  const common = (item: unknown, label: string) => {
    if (!isObj(item)) throw new Error(`${where}: ${label} is not an object`);
    const name = typeof item.name === 'string' && item.name ? item.name : null;
    if (!name) throw new Error(`${where}: ${label} has no name`);
    const at = `${label} "${name}"`;
    if (typeof item.region !== 'string' || !item.region) throw new Error(`${where}: ${at} has no region`);
    if (typeof item.inService !== 'string' || !DATE.test(item.inService)) throw new Error(`${where}: ${at}: inService must be a date YYYY[-MM[-DD]]`);
    const keys = item.sources;
    if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${where}: ${at} cites no source`);
    for (const k of keys) if (typeof k !== 'string' || !cites.has(k)) throw new Error(`${where}: ${at} cites unknown source ${JSON.stringify(k)}`);
    let u = used.get(item.region);
    if (!u) used.set(item.region, (u = new Set()));
    for (const k of keys as string[]) u.add(k);
    return { name, at, region: item.region, label: `${typeof item.operator === 'string' && item.operator ? item.operator : 'TSO'} ${year(item.inService)}` };
  };
  const subs = json.substations ?? [];
  if (!Array.isArray(subs)) throw new Error(`${where}: "substations" must be a list`);
  subs.forEach((s: unknown, i) => {
    const { name, at, region, label } = common(s, `substation ${i + 1}`);
    const item = s as Record<string, unknown>;
    if (!finite(item.lon) || !finite(item.lat) || Math.abs(item.lon) > 180 || Math.abs(item.lat) > 90) throw new Error(`${where}: ${at}: lon/lat must be degrees`);
    const kv = item.kv;
    if (!Array.isArray(kv) || kv.length === 0 || !kv.every((k) => finite(k) && k > 0)) throw new Error(`${where}: ${at}: kv must be a list of kV > 0`);
    const operator = typeof item.operator === 'string' ? item.operator : '';
    regionOf(region).substations.push([round(item.lon, dp.sub), round(item.lat, dp.sub), [...(kv as number[])].sort((a, b) => b - a), name, operator, 'source', label]);
  });
  const lines = json.lines ?? [];
  if (!Array.isArray(lines)) throw new Error(`${where}: "lines" must be a list`);
  lines.forEach((l: unknown, i) => {
    const { at, region } = common(l, `line ${i + 1}`);
    const item = l as Record<string, unknown>;
    if (!finite(item.kv) || item.kv <= 0) throw new Error(`${where}: ${at}: kv must be a number of kV > 0`);
    const coords = item.coords;
    if (!Array.isArray(coords) || coords.length < 2 || !coords.every((c) => Array.isArray(c) && c.length === 2 && c.every(finite))) throw new Error(`${where}: ${at}: coords must list at least two [lon, lat] points`);
    const label = `${typeof item.operator === 'string' && item.operator ? item.operator : 'TSO'} ${year(item.inService as string)}`;
    regionOf(region).lines.push([item.kv, (coords as number[][]).flatMap(([x, y]) => [round(x, dp.line), round(y, dp.line)]), label]);
  });
  for (const [region, a] of out) {
    const operators = [...new Set([...a.substations.map((r) => r[4]), ...a.lines.map((r) => (r[2] ?? '').replace(/ \d{4}$/, ''))].filter(Boolean))].sort();
    const cited = [...(used.get(region) ?? [])].map((k) => cites.get(k)!);
    const dates = cited.map((c) => c.date).sort();
    a.source = {
      layers: ['substations', 'lines'],
      name: `Transmission built since the extract, from the operator's and its contractors' project pages: ${cited.map((c) => `${c.title} (${c.url}, ${c.date})`).join('; ')}`,
      attribution: `${operators.join(', ')} and contractors' project pages`,
      licence: 'facts cited from public pages',
      licenceUrl: cited[0].url,
      url: cited[0].url,
      dataDate: dates[dates.length - 1],
      short: `${operators.join(', ')} ${year(dates[0])}–${year(dates[dates.length - 1])}`,
    };
  }
  return out;
}
