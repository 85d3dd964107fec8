import { syncOutbox } from './outbox.js';
import { registerAppKinds } from './statement-queue.js';

/**
 * For the service worker's `sync` event (tag SYNC_TAG in outbox.ts): sends what waits in the outbox.
 * Works without a page: IndexedDB, fetch and Web Locks only, and each learner's device token.
 */
export async function syncOutboxFromWorker(): Promise<void> {
  registerAppKinds();
  await syncOutbox({ fresh: true });
}
