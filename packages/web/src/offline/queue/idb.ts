// A few lines over IndexedDB for the outbox and the device profiles (one database, device-wide; H1's
// course downloads keep their own). Works in pages and in the service worker alike.

const DB_NAME = 'satchel-records';
const DB_VERSION = 1;

export const OUTBOX = 'outbox';
export const PROFILES = 'profiles';

let opening: Promise<IDBDatabase> | null = null;

export const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

export function openRecordsDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(OUTBOX)) {
        const outbox = db.createObjectStore(OUTBOX, { keyPath: 'seq', autoIncrement: true });
        outbox.createIndex('identity', ['owner', 'kind', 'key'], { unique: true });
        outbox.createIndex('owner', ['owner', 'seq']);
      }
      if (!db.objectStoreNames.contains(PROFILES)) db.createObjectStore(PROFILES, { keyPath: 'id' });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema: step aside so it can, and reopen next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not open'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

/**
 * Runs `work` in one transaction and resolves with its value once the transaction has committed
 * (strict durability where the browser supports it: the data is on disk, not only in a cache).
 */
export async function transact<T>(
  storeName: string,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => Promise<T> | T,
): Promise<T> {
  const db = await openRecordsDb();
  const tx = db.transaction(storeName, mode, { durability: 'strict' });
  const committed = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
  let value: T;
  try {
    value = await work(tx.objectStore(storeName));
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished.
    }
    await committed.catch(() => undefined);
    throw error;
  }
  await committed;
  return value;
}
