/**
 * The last edit of a tab that IndexedDB has not confirmed yet, kept where a synchronous write
 * survives the page going away. An IndexedDB `put` started in `pagehide` is often still pending
 * when a reload unloads the page, and the browser then drops it: an edit made less than the
 * autosave delay before a reload was lost. `sessionStorage.setItem` returns only once the value
 * is stored, so the page writes its pending edit here first, and the next load of the same tab
 * replays it into IndexedDB.
 *
 * sessionStorage belongs to one tab, so another tab never sees this tab's journal; the entry is
 * also keyed by the tab id, so a duplicated tab (which copies sessionStorage but takes a new id)
 * does not take the original's edit either.
 */

/** The part of the Web Storage API the journal uses (sessionStorage in the app, a Map in tests). */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** One journaled edit: the scenario as JSON text and when it was made (ms since 1970, UTC). */
export interface JournalEntry {
  text: string;
  savedAt: number;
}

const PREFIX = 'power-shell-pending-edit:';

export interface EditJournal {
  /** Stores the edit synchronously; false when storage refused it (full or disabled). */
  write(tabId: string, entry: JournalEntry): boolean;
  /** This tab's journaled edit, or null (none, or unreadable). */
  read(tabId: string): JournalEntry | null;
  /** Drops this tab's edit once IndexedDB holds it, unless a newer edit replaced it meanwhile. */
  clear(tabId: string, savedText: string): void;
}

/** A journal over `storage`; with no storage (disabled in this browser) it keeps nothing. */
export function editJournal(storage: JournalStorage | null): EditJournal {
  const attempt = <T>(f: () => T, fallback: T): T => {
    if (!storage) return fallback;
    try {
      return f();
    } catch {
      // Storage can throw on every call (disabled, full): the IndexedDB autosave still runs.
      return fallback;
    }
  };
  const read = (tabId: string): JournalEntry | null =>
    attempt(() => {
      const raw = storage!.getItem(PREFIX + tabId);
      if (raw === null) return null;
      const entry = JSON.parse(raw) as Partial<JournalEntry>;
      return typeof entry?.text === 'string' && typeof entry.savedAt === 'number' ? { text: entry.text, savedAt: entry.savedAt } : null;
    }, null);
  return {
    write: (tabId, entry) =>
      attempt(() => {
        storage!.setItem(PREFIX + tabId, JSON.stringify(entry));
        return true;
      }, false),
    read,
    clear(tabId, savedText) {
      if (read(tabId)?.text === savedText) attempt(() => storage!.removeItem(PREFIX + tabId), undefined);
    },
  };
}

/** The browser's sessionStorage, or null where it is missing or disabled. */
export function sessionJournalStorage(): JournalStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}
