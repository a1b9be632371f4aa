/**
 * Large user files live in IndexedDB by reference, on this device only: a user layer's text under
 * its id (the scenario says `storage: "indexeddb"`), and a queue file's bytes under their content
 * hash (the scenario's `queueFile.hash`). A database of its own, so the saved-scenarios store keeps
 * its schema version. Nothing here is ever sent anywhere.
 */
import { openDB, type IDBPDatabase } from 'idb';

const DB_NAME = 'power-shell-user-layers';
let db: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> {
  // Version 2 adds the queue files; an older database keeps its layers.
  db ??= openDB(DB_NAME, 2, {
    upgrade(d) {
      if (!d.objectStoreNames.contains('layers')) d.createObjectStore('layers');
      if (!d.objectStoreNames.contains('queue-files')) d.createObjectStore('queue-files');
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

/** A queue file as kept: its bytes (a Blob, stored without copying through the page) and its name. */
export interface StoredQueueFile {
  name: string;
  blob: Blob;
}

/** Keeps a queue file's bytes under their SHA-256 (hex). */
export async function saveQueueFileBlob(hash: string, file: StoredQueueFile): Promise<void> {
  await (await open()).put('queue-files', file, hash);
}

/** The queue file with this content hash, or null when this device does not have it. */
export async function loadQueueFileBlob(hash: string): Promise<StoredQueueFile | null> {
  const v = (await (await open()).get('queue-files', hash)) as Partial<StoredQueueFile> | undefined;
  return v && v.blob instanceof Blob && typeof v.name === 'string' ? { name: v.name, blob: v.blob } : null;
}
