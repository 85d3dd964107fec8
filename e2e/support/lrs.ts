import { ACTOR_HOMEPAGE } from '@satchel/core';
import { addLrsCredential } from '../../packages/server/src/test-support/learning-fixtures.js';
import type { DemoSlug, SeededApp } from './app.js';

/** What the tests read of a stored statement. */
export interface StoredStatement {
  id: string;
  verb: { id: string };
  object: { id: string };
  result?: { success?: boolean; completion?: boolean; score?: { scaled?: number } };
  context?: { contextActivities?: { grouping?: { id: string }[] } };
}

export type StatementReader = (userId: string) => Promise<StoredStatement[]>;

/**
 * Reads every statement the LRS holds about one learner the way an outside tool does:
 * GET /xapi/statements with LRS credentials an admin made for the platform.
 */
export async function lrsReader(app: SeededApp, slug: DemoSlug): Promise<StatementReader> {
  const credential = await addLrsCredential(app.server.services, app.tenantId(slug), 'e2e check');
  return (userId) => statementsAbout(app, credential.authorization, userId);
}

async function statementsAbout(
  app: SeededApp,
  authorization: string,
  userId: string,
): Promise<StoredStatement[]> {
  const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: ACTOR_HOMEPAGE, name: userId } });
  const response = await fetch(
    `${app.server.url}/xapi/statements?limit=500&agent=${encodeURIComponent(agent)}`,
    {
      headers: { authorization, 'x-experience-api-version': '1.0.3' },
    },
  );
  if (response.status !== 200)
    throw new Error(`GET /xapi/statements answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { statements: StoredStatement[] };
  return body.statements;
}
