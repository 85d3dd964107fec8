import type { ApiClient } from '../../api/client.js';
import type { Session } from '../../app/context.js';
import { reconnect } from '../profiles/reconnect.js';
import { outbox, subscribeOutbox, syncOutbox } from './outbox.js';
import { ownerKey, type OutboxOwner } from './outbox-store.js';
import { registerAppKinds } from './statement-queue.js';

/** Message a service worker may post to its pages to make them sync (where Background Sync is missing). */
export const SYNC_MESSAGE = 'satchel-outbox-sync';

export interface OutboxCounts {
  /** Records of this learner waiting to be sent. */
  readonly waiting: number;
  /** Records of this learner the server refused, kept aside. */
  readonly setAside: number;
}

export async function countsFor(owner: OutboxOwner): Promise<OutboxCounts> {
  const records = await outbox().store.all(ownerKey(owner));
  const setAside = records.filter((r) => r.state === 'dead').length;
  return { waiting: records.length - setAside, setAside };
}

export interface OutboxAppOptions {
  readonly slug: string;
  readonly api: ApiClient;
  readonly session: Session;
  readonly onCounts: (counts: OutboxCounts) => void;
}

/**
 * Starts the outbox on a page: registers this app's kinds, re-opens the learner's server session when
 * it lapsed (device token), sends what waits at start and whenever the network returns, and reports
 * the signed-in learner's counts for the header. Returns what stops it.
 */
export function startOutboxApp(options: OutboxAppOptions): () => void {
  registerAppKinds();
  const { slug, api, session } = options;
  const user = session.user;
  const owner = user ? { slug, userId: user.id } : null;
  let stopped = false;

  const report = () => {
    if (!owner || stopped) return;
    void countsFor(owner)
      .then((counts) => {
        if (!stopped) options.onCounts(counts);
      })
      .catch(() => undefined);
  };
  const online = async () => {
    if (user) await reconnect(api, session, slug, user).catch(() => undefined);
    await syncOutbox({ fresh: true }).catch(() => undefined);
  };
  const onOnline = () => void online();
  const onMessage = (event: MessageEvent) => {
    if (event.data === SYNC_MESSAGE) void syncOutbox({ fresh: true }).catch(() => undefined);
  };

  const unsubscribe = subscribeOutbox(report);
  window.addEventListener('online', onOnline);
  navigator.serviceWorker?.addEventListener('message', onMessage);
  report();
  if (navigator.onLine !== false) void online();

  return () => {
    stopped = true;
    unsubscribe();
    window.removeEventListener('online', onOnline);
    navigator.serviceWorker?.removeEventListener('message', onMessage);
  };
}
