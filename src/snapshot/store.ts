/**
 * Saved scenarios in IndexedDB (issue 5 item 6): save under a name, list, open, rename, delete,
 * and autosave slots for the working scenario so a reload or a crash loses nothing. Each browser
 * tab autosaves into its own slot (keyed by a tab id), so two open tabs never overwrite each
 * other's work; a new tab starts from the newest slot. Every write returns a Result: a full disk
 * (QuotaExceededError) or a closed database is reported, never swallowed.
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
/** The single slot of earlier versions, read as one more candidate for a new tab. */
const LEGACY_AUTOSAVE_KEY = 'current';
const TAB_SLOT_PREFIX = 'tab:';
/** Slots kept: the newest ones; older ones (closed tabs) are dropped when a tab saves. */
export const MAX_AUTOSAVE_SLOTS = 20;

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
  /** Overwrites this tab's autosave slot. */
  autosave(scenario: Scenario, tabId: string, savedAt?: number): Promise<Result<number>>;
  /**
   * This tab's autosaved scenario, else (a new tab) the newest slot of any tab; null when there is
   * none; errors when it no longer validates.
   */
  loadAutosave(tabId: string): Promise<Result<{ scenario: Scenario; savedAt: number }> | null>;
  close(): void;
}

export interface StoreOptions {
  /** clock for savedAt when a call gives none, ms since 1970 (default Date.now) */
  now?: () => number;
}

/** A failed IndexedDB write as a FieldError the panel can show (QuotaExceededError: the disk or quota is full). */
export function storageError(e: unknown, what: string): FieldError {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  const why = name === 'QuotaExceededError' ? "the browser's storage for this site is full" : String(e instanceof Error ? e.message : e);
  return { field: 'storage', message: `${what} failed: ${why}. Download the JSON file to keep your work.` };
}

async function attempt<T>(what: string, f: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    return { ok: false, errors: [storageError(e, what)] };
  }
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
      return attempt('Saving', () => db.add('saved', record));
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
      const put = await attempt('Renaming', async () => {
        await tx.store.put(renamed);
        await tx.done;
      });
      return put.ok ? { ok: true, value: info(renamed, null) } : put;
    },
    async remove(id) {
      await db.delete('saved', id);
    },
    async autosave(scenario, tabId, savedAt) {
      const at = savedAt ?? now();
      const r = await attempt('Autosave', () => db.put('autosave', { scenario, savedAt: at }, TAB_SLOT_PREFIX + tabId));
      if (r.ok) await attempt('Tidying old autosaves', () => pruneSlots(db, tabId));
      return r.ok ? { ok: true, value: at } : r;
    },
    async loadAutosave(tabId) {
      const mine = await db.get('autosave', TAB_SLOT_PREFIX + tabId);
      let slot = mine;
      if (!slot) {
        const keys = await db.getAllKeys('autosave');
        for (const k of keys) {
          if (k !== LEGACY_AUTOSAVE_KEY && !k.startsWith(TAB_SLOT_PREFIX)) continue;
          const s = await db.get('autosave', k);
          if (s && (!slot || s.savedAt > slot.savedAt)) slot = s;
        }
      }
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

/** Keeps the newest MAX_AUTOSAVE_SLOTS slots (always this tab's), so closed tabs do not pile up. */
async function pruneSlots(db: IDBPDatabase<Schema>, tabId: string): Promise<void> {
  const keys = await db.getAllKeys('autosave');
  if (keys.length <= MAX_AUTOSAVE_SLOTS) return;
  const slots: Array<{ key: string; at: number }> = [];
  for (const key of keys) slots.push({ key, at: (await db.get('autosave', key))?.savedAt ?? 0 });
  slots.sort((a, b) => b.at - a.at);
  for (const { key } of slots.slice(MAX_AUTOSAVE_SLOTS)) if (key !== TAB_SLOT_PREFIX + tabId) await db.delete('autosave', key);
}
