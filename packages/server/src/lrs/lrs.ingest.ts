import {
  ACTOR_HOMEPAGE,
  EXT_COURSE_VERSION,
  parseSatchelActivityId,
  timestampInstant,
  uuidv7,
  voidedStatementId,
  type Statement,
  type XapiActor,
  type XapiAgent,
} from '@satchel/core';

import { actorKeyOf, relatedOf } from './lrs.related.js';

export { actorKeyOf };

// Turning validated statements into rows: the pure part of ingest, so the
// service only orchestrates (validate → prepare → one INSERT → compare → void).

/** Satchel's player names the course version a statement was made in (defined in core). */
export { EXT_COURSE_VERSION };

/** The xAPI version the LRS speaks, and the default for statements sent without one (Data 2.4.10). */
export const XAPI_VERSION = '1.0.3';
const DEFAULT_STATEMENT_VERSION = '1.0.0';

export interface PreparedStatement {
  id: string;
  /** The statement as stored and returned: id, timestamp, stored, authority and version filled in. */
  statement: Statement & { id: string; timestamp: string; stored: string };
  /** Whether the client sent a timestamp (a re-sent statement without one may differ only there). */
  hadTimestamp: boolean;
  actorKey: string;
  /** The Satchel user the actor names, when it is a Satchel account (checked against the tenant later). */
  accountName: string | null;
  verbId: string;
  objectId: string;
  registration: string | null;
  timestamp: string;
  voidedTarget: string | null;
  courseId: string | null;
  /** The course version named by the extension, when no course activity was in the context. */
  courseVersionId: string | null;
  /** "\n"-delimited related activity ids and agent keys (lrs.related.ts). */
  relatedActivities: string | null;
  relatedAgents: string | null;
}

/** The Satchel user id an actor names, or null when it is not a Satchel account. */
export function satchelAccountName(actor: XapiActor): string | null {
  if (actor.objectType === 'Group') return null;
  return actor.account?.homePage === ACTOR_HOMEPAGE ? actor.account.name : null;
}

function objectIdOf(statement: Statement): string {
  const object = statement.object;
  switch (object.objectType) {
    case undefined:
    case 'Activity':
      return object.id;
    case 'Agent':
    case 'Group':
      return actorKeyOf(object);
    case 'StatementRef':
      return object.id.toLowerCase();
    // Not the object's own id: the activity filter and progress are about the statement's object only.
    case 'SubStatement':
      return '';
  }
}

function courseIn(activities: readonly { id: string }[] | undefined): string | null {
  if (activities === undefined) return null;
  for (const activity of activities) {
    const parsed = parseSatchelActivityId(activity.id);
    if (parsed?.kind === 'course') return parsed.id;
  }
  return null;
}

function courseOf(statement: Statement): { courseId: string | null; versionId: string | null } {
  const activities = statement.context?.contextActivities;
  const courseId = courseIn(activities?.grouping) ?? courseIn(activities?.parent);
  if (courseId !== null) return { courseId, versionId: null };
  const version = statement.context?.extensions?.[EXT_COURSE_VERSION];
  return { courseId: null, versionId: typeof version === 'string' && version !== '' ? version : null };
}

// What toISOString() writes: already the canonical UTC instant, the common case.
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function instantOf(timestamp: string): string {
  return CANONICAL_UTC.test(timestamp) ? timestamp : (timestampInstant(timestamp) ?? timestamp);
}

/** Fills in what the LRS assigns and extracts the indexed columns. */
export function prepareStatement(
  statement: Statement,
  stored: string,
  authority: XapiAgent,
  defaultVersion: string = DEFAULT_STATEMENT_VERSION,
): PreparedStatement {
  const id = (statement.id ?? uuidv7()).toLowerCase();
  const timestamp = statement.timestamp ?? stored;
  const full = {
    ...statement,
    id,
    timestamp,
    stored,
    authority,
    version: statement.version ?? defaultVersion,
  };
  const { courseId, versionId } = courseOf(statement);
  const related = relatedOf(statement, authority);
  return {
    id,
    statement: full,
    hadTimestamp: statement.timestamp !== undefined,
    actorKey: actorKeyOf(statement.actor),
    accountName: satchelAccountName(statement.actor),
    verbId: statement.verb.id,
    objectId: objectIdOf(statement),
    registration: statement.context?.registration?.toLowerCase() ?? null,
    // Compared as text by since/until on stored only; kept as a UTC instant for ordering by time.
    timestamp: instantOf(timestamp),
    voidedTarget: voidedStatementId(statement)?.toLowerCase() ?? null,
    courseId,
    courseVersionId: versionId,
    relatedActivities: related.activities,
    relatedAgents: related.agents,
  };
}
