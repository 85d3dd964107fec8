// Small promise wrappers over IndexedDB, shared by the offline parts of the app (downloads, the
// record queue) and by the service worker. No library: the whole of it is smaller than one.

/** What a database needs when it is created or upgraded: its stores, by version. */
export type Upgrade = (db: IDBDatabase, oldVersion: number, tx: IDBTransaction) => void;

/** Opens (and creates or upgrades) a database. Rejects when IndexedDB is unavailable or blocked. */
export function openDatabase(name: string, version: number, upgrade: Upgrade): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name, version);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    request.onupgradeneeded = (event) => {
      const tx = request.transaction;
      if (tx) upgrade(request.result, event.oldVersion, tx);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab (or the service worker) upgrading the schema must not wait for this connection.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error(`could not open ${name}`));
    request.onblocked = () => reject(new Error(`${name} is open in an older version elsewhere`));
  });
}

/** The result of one request, as a promise. */
export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Runs `work` in one transaction and resolves with its value once the transaction has committed (so a
 * QuotaExceededError raised at commit rejects here, and nothing of the transaction is kept).
 */
export function transact<T>(
  db: IDBDatabase,
  stores: string | readonly string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T> | T,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(typeof stores === 'string' ? stores : [...stores], mode);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let value: T;
    let failed: unknown = null;
    tx.oncomplete = () => (failed === null ? resolve(value) : reject(failed));
    tx.onabort = () => reject(failed ?? tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = (event) => {
      failed ??= tx.error ?? (event.target as IDBRequest | null)?.error ?? null;
    };
    Promise.resolve()
      .then(() => work(tx))
      .then(
        (result) => {
          value = result;
        },
        (error: unknown) => {
          failed = error;
          try {
            tx.abort();
          } catch {
            // Already finished: oncomplete or onabort reports it.
          }
        },
      );
  });
}
