import type { AttemptResult } from '@satchel/core';
import { enqueue, subscribeOutbox } from './outbox.js';
import type { OutboxOwner } from './outbox-store.js';
import { QUIZ_ATTEMPT_KIND, type QuizAttemptPayload } from './senders.js';
import { registerAppKinds } from './statement-queue.js';

/** Queues a quiz attempt taken offline, keyed by its attempt id (the server's POST is idempotent by it). */
export async function enqueueQuizAttempt(owner: OutboxOwner, payload: QuizAttemptPayload): Promise<void> {
  registerAppKinds();
  await enqueue(QUIZ_ATTEMPT_KIND, payload.request.attemptId, payload, owner);
}

/** Calls back once with the server's result of this attempt, when the queued attempt has been sent. */
export function onAttemptGraded(attemptId: string, callback: (result: AttemptResult) => void): () => void {
  return subscribeOutbox((event) => {
    if (
      event.type === 'sent' &&
      event.kind === QUIZ_ATTEMPT_KIND &&
      event.key === attemptId &&
      event.result
    ) {
      callback(event.result as AttemptResult);
    }
  });
}
