/**
 * An id for this browser tab, so each tab autosaves into its own slot and two tabs never overwrite
 * each other's work. Kept in sessionStorage, so a reload finds its own slot again. A duplicated tab
 * copies sessionStorage; the Web Locks API tells the copy that the id is taken (the first tab holds
 * a lock named after it for its whole life), and the copy takes a new id.
 */
const KEY = 'power-shell-tab-id';

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Resolves this tab's id, holding its lock; without sessionStorage or Web Locks, a fresh id. */
export async function claimTabId(): Promise<string> {
  let id: string | null = null;
  try {
    id = sessionStorage.getItem(KEY);
  } catch {
    // storage disabled: every load is a new tab
  }
  const locks = globalThis.navigator?.locks;
  for (let attempt = 0; attempt < 3; attempt++) {
    const candidate = id ?? newId();
    if (!locks) return remember(candidate);
    const held = await new Promise<boolean>((resolve) => {
      void locks.request(`${KEY}:${candidate}`, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        // Held until the page goes away.
        return lock ? new Promise<void>(() => {}) : undefined;
      });
    });
    if (held) return remember(candidate);
    id = null;
  }
  return remember(newId());
}

function remember(id: string): string {
  try {
    sessionStorage.setItem(KEY, id);
  } catch {
    // not kept: the next load of this tab starts from the newest slot instead
  }
  return id;
}
