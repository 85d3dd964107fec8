import type { RecordSessionRequest } from '@satchel/core';
import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';

// Session logs are written on this device before anything is sent, and stay until the server
// has them: a laptop whose hub stopped, or a browser on a facilitator's phone far from any
// network, keeps them through restarts.

export interface SavedLog {
  readonly log: RecordSessionRequest;
  /** Why the server refused it, once it has; refused logs stay visible until deleted. */
  readonly refused: string | null;
}

export interface LogStore {
  read(): SavedLog[];
  write(logs: readonly SavedLog[]): void;
}

export function localLogStore(slug: string, storage: Storage = window.localStorage): LogStore {
  const key = `satchel:cinema:pending:${slug}`;
  return {
    read() {
      try {
        const value = JSON.parse(storage.getItem(key) ?? '[]') as unknown;
        return Array.isArray(value) ? (value as SavedLog[]) : [];
      } catch {
        return [];
      }
    },
    write(logs) {
      storage.setItem(key, JSON.stringify(logs));
    },
  };
}

export function keepLog(store: LogStore, log: RecordSessionRequest): void {
  const logs = store.read().filter((saved) => saved.log.id !== log.id);
  store.write([...logs, { log, refused: null }]);
}

export function dropLog(store: LogStore, id: string): void {
  store.write(store.read().filter((saved) => saved.log.id !== id));
}

const retryLater = (error: unknown): boolean =>
  !(error instanceof ApiError) ||
  error.isNetworkFailure ||
  error.status >= 500 ||
  [401, 408, 429].includes(error.status);

export interface FlushResult {
  readonly sent: number;
  readonly waiting: number;
  readonly refused: number;
}

/**
 * Sends the waiting logs in the order they were written. The server stores each id once, so a
 * log sent again after a lost answer is harmless. A log the server refuses is kept, marked,
 * so a facilitator can read why; a network failure stops the round and keeps the rest.
 */
export async function flushLogs(api: ApiClient, store: LogStore): Promise<FlushResult> {
  let sent = 0;
  for (const saved of store.read()) {
    if (saved.refused !== null) continue;
    try {
      await api.put(`/cinema/sessions/${encodeURIComponent(saved.log.id)}`, saved.log);
      dropLog(store, saved.log.id);
      sent += 1;
    } catch (error) {
      if (retryLater(error)) break;
      const reason = error instanceof ApiError ? error.message : String(error);
      store.write(store.read().map((s) => (s.log.id === saved.log.id ? { ...s, refused: reason } : s)));
    }
  }
  const left = store.read();
  return {
    sent,
    waiting: left.filter((saved) => saved.refused === null).length,
    refused: left.filter((saved) => saved.refused !== null).length,
  };
}
