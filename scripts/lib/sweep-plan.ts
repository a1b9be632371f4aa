/**
 * A sweep spec file → a validated plan against this checkout's data/, with the two fingerprints
 * partial files carry: the plan hash (the spec and every cell's request, seed aside: so a change in
 * the spec or in data/ shows) and the engine version (a hash of the simulation core's source).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadData, type LoadedData } from '../../src/data/load';
import { formatErrors } from '../../src/sim/contract';
import { loadQueuePresets, type QueuePresetDoc } from '../../src/sim/queue/presets';
import { planSweep, type SweepPlan } from '../../src/sim/sweep/spec';
import { jsonDepthProblem } from '../../src/snapshot/json-syntax';
import { CliError } from './cli-args';

const dataCache = new Map<string, { sites: LoadedData['sites']; presets: Record<string, QueuePresetDoc> }>();

/** The sweep's data: sites and queue presets read from `root`/data (once per process: a worker reuses it for every job). */
export function sweepData(root: string) {
  const cached = dataCache.get(root);
  if (cached) return cached;
  const read = (f: string) => JSON.parse(readFileSync(resolve(root, f), 'utf8')) as unknown;
  const regions = read('data/regions.json');
  const data = loadData({ sites: read('data/sites.geojson'), hubs: read('data/hubs.geojson'), regions });
  const out = { sites: data.sites, presets: loadQueuePresets(regions).presets };
  dataCache.set(root, out);
  return out;
}

/** Plans an already-parsed spec; problems become one error naming `where` and each field. */
export function planFromSpec(spec: unknown, root: string, where: string): SweepPlan {
  const { sites, presets } = sweepData(root);
  const r = planSweep(spec, sites, presets);
  if (!r.ok) throw new SpecError(where, formatErrors(r.errors.map((e) => ({ ...e, field: `${where} › ${e.field}` }))));
  return r.value;
}

/** A spec that cannot be run: the CLI prints it and exits with code 2. */
export class SpecError extends CliError {}

/** Reads and plans `--spec <file>`. */
export function planFromFile(path: string, root: string): SweepPlan {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (e) {
    throw new CliError('--spec', `cannot read ${path} (${e instanceof Error ? e.message : String(e)})`);
  }
  const tooDeep = jsonDepthProblem(text);
  if (tooDeep) throw new SpecError(path, tooDeep);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SpecError(path, `is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return planFromSpec(json, root, path);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Object keys sorted at every level, so equal values hash equal whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** The plan's fingerprint without its seed (partials compare the seed on its own, for a clearer refusal). */
export function planHash(plan: SweepPlan): string {
  const { seed: _seed, ...spec } = plan.spec;
  const cells = plan.cells.map((c) => {
    const { seed: _s, ...req } = c.request;
    return [c.key, req];
  });
  const portfolios = plan.portfolioCells.map((c) => {
    const { seed: _s, ...req } = c.request;
    return [c.key, req];
  });
  return `sha256:${sha256(canonical(portfolios.length ? { spec, cells, portfolios } : { spec, cells })).slice(0, 32)}`;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

let engineVersionCache: string | null = null;

/**
 * The version of the simulation core: a hash of every source file under src/sim (line endings
 * normalized). Any change there may change numbers, so partials from different code never merge.
 */
export function engineVersion(root: string): string {
  if (engineVersionCache) return engineVersionCache;
  const dir = resolve(root, 'src/sim');
  const h = createHash('sha256');
  for (const f of tsFiles(dir).sort()) {
    h.update(relative(dir, f).split('\\').join('/'));
    h.update('\u0000');
    h.update(readFileSync(f, 'utf8').replace(/\r\n/g, '\n'));
    h.update('\u0000');
  }
  engineVersionCache = `src-sim:${h.digest('hex').slice(0, 16)}`;
  return engineVersionCache;
}
