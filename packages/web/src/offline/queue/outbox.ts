import { Outbox, type OutboxEvent, type OutboxSender, type SyncOptions } from './outbox-engine.js';
import { idbOutboxStore } from './outbox-idb.js';
import { currentOutboxOwner } from './outbox-owner.js';
import type { OutboxOwner, OutboxStore } from './outbox-store.js';

export type { OutboxSender, SendOutcome, OutboxEvent } from './outbox-engine.js';
export type { OutboxOwner, OutboxRecord } from './outbox-store.js';

/**
 * The record outbox of this device (see docs/architecture.md, "offline/queue"). Players queue idempotent
 * writes here; they are in IndexedDB when `enqueue` resolves and go to the server in order, per learner,
 * when it can be reached: at start, on the `online` event, from the service worker's Background Sync
 * (`syncOutbox`), and after backoff. Other players add their own kinds:
 *
 *   registerOutboxKind('scorm-commit', { batchSize: 1, send: async (owner, records) => ({ kind: 'sent' }) });
 *   await enqueue('scorm-commit', commitId, body);
 */

const LOCK = 'satchel-outbox';
const CHANNEL = 'satchel-outbox';
export const SYNC_TAG = 'satchel-outbox';

let instance: Outbox | null = null;
let channel: BroadcastChannel | null = null;
const kinds = new Map<string, OutboxSender>();

function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request(LOCK, work) as Promise<T>) : work();
}

/** The device's outbox (IndexedDB), made on first use; `store` replaces the store (tests). */
export function outbox(store?: OutboxStore): Outbox {
  if (instance && !store) return instance;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const made = new Outbox({
    store: store ?? idbOutboxStore(),
    exclusive,
    later: (ms) => {
      clearTimeout(timer);
      timer = setTimeout(() => void made.sync().catch(() => undefined), ms);
    },
  });
  for (const [kind, sender] of kinds) made.register(kind, sender);
  if (typeof BroadcastChannel !== 'undefined') {
    channel ??= new BroadcastChannel(CHANNEL);
    // Other tabs and the service worker say what they changed or sent (a quiz waiting for its final
    // grade may be open in another tab than the one that synced it).
    channel.onmessage = (message: MessageEvent<OutboxEvent>) => {
      const event = message.data;
      if (event?.type === 'changed' || event?.type === 'sent') made.relay(event);
    };
    made.subscribe((event) => {
      if (!made.notifying) channel?.postMessage(event);
    });
  }
  instance = made;
  return made;
}

/** Adds a kind of record and how to send it (one sender per kind; registering again replaces it). */
export function registerOutboxKind(kind: string, sender: OutboxSender): void {
  kinds.set(kind, sender);
  instance?.register(kind, sender);
}

/**
 * Queues a write, stamped with its learner (the one signed in now, unless given). Resolves once it is
 * stored on the device; sending starts at once when the browser thinks it is online.
 */
export async function enqueue(
  kind: string,
  key: string,
  payload: unknown,
  owner: OutboxOwner | null = currentOutboxOwner(),
): Promise<void> {
  if (!owner) throw new Error('Nobody is signed in: there is no learner to queue this record for');
  const box = outbox();
  await box.enqueue(owner, kind, key, payload);
  askForBackgroundSync();
  if (typeof navigator === 'undefined' || navigator.onLine !== false) void box.sync().catch(() => undefined);
}

/** Sends what waits. The service worker calls this from its `sync` event (tag SYNC_TAG). */
export function syncOutbox(options: SyncOptions = {}): Promise<void> {
  return outbox().sync(options);
}

export function subscribeOutbox(listener: (event: OutboxEvent) => void): () => void {
  return outbox().subscribe(listener);
}

/** Where the browser has Background Sync, the service worker is woken to sync once a network returns. */
function askForBackgroundSync(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.ready
    .then((registration) => {
      const sync = (
        registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }
      ).sync;
      return sync?.register(SYNC_TAG);
    })
    .catch(() => undefined);
}
