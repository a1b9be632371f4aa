/**
 * Large user layers live in IndexedDB by reference (issue 9 part 4): the scenario records the id
 * and says `storage: "indexeddb"`, the text stays on this device. A database of its own, so the
 * saved-scenarios store keeps its schema version. Nothing here is ever sent anywhere.
 */
import { openDB, type IDBPDatabase } from 'idb';

const DB_NAME = 'power-shell-user-layers';
let db: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> {
  db ??= openDB(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('layers');
    },
  });
  return db;
}

export async function saveLayerText(id: string, text: string): Promise<void> {
  await (await open()).put('layers', text, id);
}

/** The stored text, or null when this device does not have it (e.g. a scenario opened elsewhere). */
export async function loadLayerText(id: string): Promise<string | null> {
  const v = (await (await open()).get('layers', id)) as unknown;
  return typeof v === 'string' ? v : null;
}

export async function deleteLayerText(id: string): Promise<void> {
  await (await open()).delete('layers', id);
}
