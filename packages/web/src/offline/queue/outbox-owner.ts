import type { OutboxOwner } from './outbox-store.js';

// Who is signed in on this page, for records queued without naming their learner. Kept apart from the
// outbox so the header can set it at first paint without loading IndexedDB code.

let current: OutboxOwner | null = null;

export function setOutboxOwner(owner: OutboxOwner | null): void {
  current = owner;
}

export function currentOutboxOwner(): OutboxOwner | null {
  return current;
}
