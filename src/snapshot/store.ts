/**
 * Saved scenarios in IndexedDB (issue 5 item 6): save under a name, list, open, rename, delete,
 * and an autosave slot for the working scenario so a reload or a crash loses nothing.
 *
 * Records are re-validated (and migrated) on the way out, so a scenario saved by an older app
 * version opens like an old link does. Values must be plain data: pass `$state.snapshot(x)`,
 * never a Svelte proxy (IndexedDB's structured clone refuses proxies).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FieldError, Result } from '../sim/contract';
import { MAX_NAME_CHARS, parseScenario, type Scenario } from './scenario';
import type { ScenarioResults } from './results';

export const DEFAULT_DB_NAME = 'power-shell-scenarios';
const DB_VERSION = 1;
const AUTOSAVE_KEY = 'current';

/** A line of the saved-scenarios list. `savedAt` in ms since 1970 (UTC). */
export interface SavedScenarioInfo {
  id: number;
  name: string;
  savedAt: number;
  trials: number;
  seed: number;
}

/** A saved scenario with its results summary, if it had one. */
export interface SavedScenario extends SavedScenarioInfo {
  scenario: Scenario;
  results?: ScenarioResults;
}

interface StoredRecord {
  id?: number;
  name: string;
  savedAt: number;
  scenario: unknown;
  results?: ScenarioResults;
}

interface Schema extends DBSchema {
  saved: { key: number; value: StoredRecord };
  autosave: { key: string; value: { scenario: unknown; savedAt: number } };
}

export interface ScenarioStore {
  /** Saves a copy named `name` (the copy's scenario.name becomes `name` too); returns its id. */
  save(name: string, scenario: Scenario, results?: ScenarioResults, savedAt?: number): Promise<Result<number>>;
  /** All saved scenarios, newest first. */
  list(): Promise<SavedScenarioInfo[]>;
  get(id: number): Promise<Result<SavedScenario>>;
  rename(id: number, name: string): Promise<Result<SavedScenarioInfo>>;
  /** Deleting an id that does not exist is not an error. */
  remove(id: number): Promise<void>;
  /** Overwrites the single autosave slot. */
  autosave(scenario: Scenario, savedAt?: number): Promise<void>;
  /** The autosaved scenario; null when there is none; errors when it no longer validates. */
  loadAutosave(): Promise<Result<{ scenario: Scenario; savedAt: number }> | null>;
  close(): void;
}

export interface StoreOptions {
  /** clock for savedAt when a call gives none, ms since 1970 (default Date.now) */
  now?: () => number;
}

function checkName(name: string): FieldError[] {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!trimmed) return [{ field: 'name', message: 'must not be empty' }];
  if (trimmed.length > MAX_NAME_CHARS) return [{ field: 'name', message: `must be at most ${MAX_NAME_CHARS} characters long` }];
  return [];
}

function info(r: StoredRecord & { id: number }, s: Scenario | null): SavedScenarioInfo {
  const settings = s?.settings ?? (r.scenario as { settings?: { trials?: number; seed?: number } })?.settings;
  return { id: r.id, name: r.name, savedAt: r.savedAt, trials: settings?.trials ?? NaN, seed: settings?.seed ?? NaN };
}

/** Opens (creating if needed) the saved-scenario database. Fails with a message when IndexedDB is unavailable. */
export async function openScenarioStore(dbName = DEFAULT_DB_NAME, options: StoreOptions = {}): Promise<Result<ScenarioStore>> {
  const now = options.now ?? (() => Date.now());
  let db: IDBPDatabase<Schema>;
  try {
    db = await openDB<Schema>(dbName, DB_VERSION, {
      upgrade(database) {
        database.createObjectStore('saved', { keyPath: 'id', autoIncrement: true });
        database.createObjectStore('autosave');
      },
    });
  } catch (e) {
    return {
      ok: false,
      errors: [{ field: 'storage', message: `saved scenarios are not available in this browser (${String(e)}); use the JSON file instead` }],
    };
  }

  const store: ScenarioStore = {
    async save(name, scenario, results, savedAt) {
      const problems = checkName(name);
      if (problems.length) return { ok: false, errors: problems };
      const record: StoredRecord = { name: name.trim(), savedAt: savedAt ?? now(), scenario: { ...scenario, name: name.trim() } };
      if (results !== undefined) record.results = results;
      const id = await db.add('saved', record);
      return { ok: true, value: id };
    },
    async list() {
      const all = (await db.getAll('saved')) as Array<StoredRecord & { id: number }>;
      return all.map((r) => info(r, null)).sort((a, b) => b.savedAt - a.savedAt || b.id - a.id);
    },
    async get(id) {
      const r = (await db.get('saved', id)) as (StoredRecord & { id: number }) | undefined;
      if (!r) return { ok: false, errors: [{ field: 'id', message: `no saved scenario has id ${id} (was it deleted?)` }] };
      const parsed = parseScenario(r.scenario, `saved scenario "${r.name}"`);
      if (!parsed.ok) return parsed;
      const value: SavedScenario = { ...info(r, parsed.value), scenario: parsed.value };
      if (r.results !== undefined) value.results = r.results;
      return { ok: true, value };
    },
    async rename(id, name) {
      const problems = checkName(name);
      if (problems.length) return { ok: false, errors: problems };
      const tx = db.transaction('saved', 'readwrite');
      const r = (await tx.store.get(id)) as (StoredRecord & { id: number }) | undefined;
      if (!r) {
        await tx.done;
        return { ok: false, errors: [{ field: 'id', message: `no saved scenario has id ${id} (was it deleted?)` }] };
      }
      const renamed = { ...r, name: name.trim(), scenario: { ...(r.scenario as object), name: name.trim() } };
      await tx.store.put(renamed);
      await tx.done;
      return { ok: true, value: info(renamed, null) };
    },
    async remove(id) {
      await db.delete('saved', id);
    },
    async autosave(scenario, savedAt) {
      await db.put('autosave', { scenario, savedAt: savedAt ?? now() }, AUTOSAVE_KEY);
    },
    async loadAutosave() {
      const slot = await db.get('autosave', AUTOSAVE_KEY);
      if (!slot) return null;
      const parsed = parseScenario(slot.scenario, 'autosaved scenario');
      return parsed.ok ? { ok: true, value: { scenario: parsed.value, savedAt: slot.savedAt } } : parsed;
    },
    close() {
      db.close();
    },
  };
  return { ok: true, value: store };
}
