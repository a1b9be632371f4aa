/**
 * The app's state classes in Node, over the shipped data, with a scripted pool and an in-memory
 * store: the run lifecycle, scenarios and autosave can be tested without a browser.
 */
import { readFileSync } from 'node:fs';
import { loadData } from '../../src/data/load';
import type { Progress, Result } from '../../src/sim/contract';
import { abortError } from '../../src/sim/in-thread';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import type { Scenario, ScenarioStore } from '../../src/snapshot';
import type { JournalStorage } from '../../src/snapshot/edit-journal';
import { ScenarioState } from '../../src/state/scenario-state.svelte';
import { PoolHolder } from '../../src/state/sim-pool';
import { GridState } from '../../src/state/grid-state.svelte';
import { checkGridLayerFile } from '../../src/geo/grid-layer';
import { SiteState } from '../../src/state/site-state.svelte';
import type { SimPool } from '../../workers/pool';

const json = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as unknown;

/** One call to the scripted pool, settled by the test. */
export interface PendingRun {
  model: string;
  request: { trials: number };
  opts: { onProgress?: (p: Progress) => void; onPreview?: (s: unknown, n: number) => void; signal?: AbortSignal };
  resolve(summary: unknown): void;
  reject(e: unknown): void;
}

/** A pool whose runs wait for the test; like the real pool, a newer run supersedes the older one. */
export function scriptedPool(): { pool: SimPool; runs: PendingRun[] } {
  const runs: PendingRun[] = [];
  let current: PendingRun | null = null;
  const pool = {
    size: 2,
    run(model: string, request: { trials: number }, opts: PendingRun['opts'] = {}) {
      return new Promise((resolve, reject) => {
        current?.reject(abortError('Superseded by a newer run'));
        const r: PendingRun = { model, request, opts, resolve, reject };
        opts.signal?.addEventListener('abort', () => reject(abortError('Simulation cancelled')), { once: true });
        current = r;
        runs.push(r);
      });
    },
    warm: async () => {},
    cancel: () => current?.reject(abortError('Simulation cancelled')),
    destroy: () => {},
  } as unknown as SimPool;
  return { pool, runs };
}

/** An in-memory ScenarioStore; `failAutosave` makes autosave fail as a full disk does. */
export function memoryStore(opts: { failAutosave?: boolean } = {}): ScenarioStore & { slots: Map<string, Scenario> } {
  const slots = new Map<string, Scenario>();
  const quota = (): Result<number> => ({ ok: false, errors: [{ field: 'storage', message: "Autosave failed: the browser's storage for this site is full. Download the JSON file to keep your work." }] });
  return {
    slots,
    save: async () => ({ ok: true, value: 1 }),
    list: async () => [],
    get: async () => ({ ok: false, errors: [{ field: 'id', message: 'none' }] }),
    rename: async () => ({ ok: false, errors: [{ field: 'id', message: 'none' }] }),
    remove: async () => {},
    autosave: async (scenario, tabId, at) => {
      if (opts.failAutosave) return quota();
      slots.set(tabId, structuredClone(scenario));
      return { ok: true, value: at ?? 1 };
    },
    loadAutosave: async (tabId) => {
      const s = slots.get(tabId);
      return s ? { ok: true, value: { scenario: s, savedAt: 1 } } : null;
    },
    close: () => {},
  };
}

/** The app's states over the shipped data, as App.svelte builds them. */
export async function appState(opts: { store?: ScenarioStore; tabId?: string; grid?: GridState; journal?: JournalStorage } = {}) {
  const { pool, runs } = scriptedPool();
  const sites = new SiteState();
  const regions = json('data/regions.json');
  const data = loadData({ sites: json('data/sites.geojson'), hubs: json('data/hubs.geojson'), regions });
  sites.sites = data.sites;
  const store = opts.store ?? memoryStore();
  const scn = new ScenarioState(sites, new PoolHolder(() => pool), { openStore: async () => ({ ok: true, value: store }), tabId: async () => opts.tabId ?? 'tab-1', grid: opts.grid, journal: opts.journal ?? null });
  scn.queue.presets = loadQueuePresets(regions).presets;
  await scn.ready();
  return { scn, sites, runs, store };
}

/** The shipped Texas grid layer (public/grid/texas.json), ready, as if fetched after the first paint. */
export function texasGrid(): GridState {
  const grid = new GridState();
  grid.files = [checkGridLayerFile(json('public/grid/texas.json'), 'texas.json')];
  grid.status = 'ready';
  grid.load = async () => {};
  return grid;
}

/** A Web Storage stand-in (sessionStorage's synchronous API over a Map). */
export function memoryStorage(): JournalStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
  };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise<void>((r) => setTimeout(r, 0));
