import { ACTOR_HOMEPAGE, type XapiAgent } from '@satchel/core';

// Who vouches for a stored statement (xAPI `authority`). The LRS always sets it
// from how the request authenticated, never from what the client sent.

/** Home page of the agents that stand for LRS credentials and for Satchel itself. */
export const CREDENTIAL_HOMEPAGE = 'https://satchel.invalid/lrs-credentials';
export const SYSTEM_HOMEPAGE = 'https://satchel.invalid/system';

export type StatementAuthority =
  /** Satchel's own server code, e.g. the quiz grader. */
  | { kind: 'system' }
  /** A script or tool holding LRS credentials (HTTP Basic). */
  | { kind: 'credential'; key: string; name: string }
  /** A signed-in learner's own device (session cookie); may only write about themselves. */
  | { kind: 'learner'; userId: string };

export function authorityAgent(authority: StatementAuthority): XapiAgent {
  switch (authority.kind) {
    case 'system':
      return {
        objectType: 'Agent',
        name: 'Satchel',
        account: { homePage: SYSTEM_HOMEPAGE, name: 'satchel' },
      };
    case 'credential':
      return {
        objectType: 'Agent',
        name: authority.name,
        account: { homePage: CREDENTIAL_HOMEPAGE, name: authority.key },
      };
    case 'learner':
      return { objectType: 'Agent', account: { homePage: ACTOR_HOMEPAGE, name: authority.userId } };
  }
}
