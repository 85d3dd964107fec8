import { done, OUTBOX, transact } from './idb.js';
import type { OutboxRecord, OutboxStore } from './outbox-store.js';

/** The outbox in IndexedDB: each method is one transaction, resolved only once it has committed. */
export function idbOutboxStore(): OutboxStore {
  return {
    add: (record) =>
      transact(OUTBOX, 'readwrite', async (store) => {
        const existing = await done(store.index('identity').getKey([record.owner, record.kind, record.key]));
        if (existing !== undefined) return false;
        const row: Omit<OutboxRecord, 'seq'> = { ...record, state: 'pending', tries: 0, error: null };
        await done(store.add(row));
        return true;
      }),
    pending: (owner, limit) =>
      transact(OUTBOX, 'readonly', async (store) => {
        const range = IDBKeyRange.bound([owner, 0], [owner, Number.MAX_SAFE_INTEGER]);
        const out: OutboxRecord[] = [];
        const cursor = store.index('owner').openCursor(range);
        await new Promise<void>((resolve, reject) => {
          cursor.onerror = () => reject(cursor.error ?? new Error('IndexedDB cursor failed'));
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at || out.length >= limit) {
              resolve();
              return;
            }
            const record = at.value as OutboxRecord;
            if (record.state === 'pending') out.push(record);
            at.continue();
          };
        });
        return out;
      }),
    owners: () =>
      transact(OUTBOX, 'readonly', async (store) => {
        const rows = (await done(store.getAll())) as OutboxRecord[];
        return [...new Set(rows.filter((r) => r.state === 'pending').map((r) => r.owner))];
      }),
    all: (owner) =>
      transact(OUTBOX, 'readonly', async (store) => {
        const rows = (await done(store.getAll())) as OutboxRecord[];
        return rows.filter((r) => owner === undefined || r.owner === owner);
      }),
    remove: (seqs) =>
      transact(OUTBOX, 'readwrite', async (store) => {
        for (const seq of seqs) await done(store.delete(seq));
      }),
    update: (seq, change) =>
      transact(OUTBOX, 'readwrite', async (store) => {
        const found = (await done(store.get(seq))) as OutboxRecord | undefined;
        if (found) await done(store.put({ ...found, ...change }));
      }),
  };
}
