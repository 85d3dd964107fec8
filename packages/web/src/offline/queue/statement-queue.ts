import type { Statement } from '@satchel/core';
import { enqueue, registerOutboxKind } from './outbox.js';
import { quizAttemptSender, statementSender, STATEMENT_KIND, QUIZ_ATTEMPT_KIND } from './senders.js';

/** Registers the kinds this app queues (statements, quiz attempts); safe to call again. */
export function registerAppKinds(): void {
  registerOutboxKind(STATEMENT_KIND, statementSender);
  registerOutboxKind(QUIZ_ATTEMPT_KIND, quizAttemptSender);
}

/** Queues a player statement for its own learner (the statement's actor), keyed by its id. */
export async function enqueueStatement(slug: string, statement: Statement): Promise<void> {
  const userId = statement.actor.account?.name;
  if (!userId || !statement.id) throw new Error('A player statement names its learner and has an id');
  registerAppKinds();
  await enqueue(STATEMENT_KIND, statement.id, statement, { slug, userId });
}
