import type { XapiActivity } from './activity.schema.js';
import type { XapiActor, XapiAgent, XapiGroup } from './actor.schema.js';
import { ACTOR_HOMEPAGE } from './iri.js';
import { VOIDED_VERB_ID } from './statement.schema.js';
import type {
  Statement,
  StatementObject,
  StatementWire,
  SubStatementWire,
  XapiContext,
  XapiContextWire,
  XapiResult,
  XapiVerb,
} from './statement.schema.js';
import { timestampInstant } from './validators.js';

// How the app writes statements, and how the LRS keys and compares them.

/** The xAPI actor for a Satchel user: an account on Satchel whose name is the user's id. */
export function learnerAgent(userId: string, displayName?: string): XapiAgent {
  const agent: XapiAgent = { objectType: 'Agent', account: { homePage: ACTOR_HOMEPAGE, name: userId } };
  if (displayName !== undefined) agent.name = displayName;
  return agent;
}

export interface StatementParts {
  /** A new UUIDv7 (`uuidv7()` from ids/uuid), made where the statement is made. */
  id: string;
  actor: XapiActor;
  verb: XapiVerb;
  object: StatementObject;
  result?: XapiResult | undefined;
  context?: XapiContext | undefined;
  /** When the experience happened, ISO 8601 with a time zone; the caller owns the clock. */
  timestamp: string;
}

/**
 * A statement from its parts, with an Activity object's `objectType` spelled out
 * (Data 2.4.4.s2 recommends it). Pure: it neither validates nor reads a clock.
 */
export function buildStatement(parts: StatementParts): Statement {
  const { id, actor, verb, object, result, context, timestamp } = parts;
  const statement: Statement = {
    id,
    actor,
    verb,
    object: object.objectType === undefined ? { objectType: 'Activity', ...object } : object,
    timestamp,
  };
  if (result !== undefined) statement.result = result;
  if (context !== undefined) statement.context = context;
  return statement;
}

/** The id of the statement this one voids, or null when it is not a voiding statement (Data 2.3.2). */
export function voidedStatementId(statement: Pick<StatementWire, 'verb' | 'object'>): string | null {
  const { verb, object } = statement;
  return verb.id === VOIDED_VERB_ID && object.objectType === 'StatementRef' ? object.id : null;
}

// The domain of an email address is case-insensitive (Data 2.3.1.b7), the local part is not.
function normaliseMbox(mbox: string): string {
  const at = mbox.lastIndexOf('@');
  return at < 0 ? mbox : mbox.slice(0, at + 1) + mbox.slice(at + 1).toLowerCase();
}

/**
 * A stable key for an Agent or identified Group, from its one IFI, for indexing:
 * `mbox:mailto:ann@example.com`, `mbox_sha1sum:<hex>`, `openid:<iri>` or
 * `account:<homePage>|<name>` (an IRI cannot contain `|`, so the split is unambiguous).
 * An anonymous Group has no identity, hence null.
 */
export function agentKey(agent: XapiAgent): string;
export function agentKey(agent: XapiAgent | XapiGroup): string | null;
export function agentKey(agent: XapiAgent | XapiGroup): string | null {
  if (agent.mbox !== undefined) return `mbox:${normaliseMbox(agent.mbox)}`;
  if (agent.mbox_sha1sum !== undefined) return `mbox_sha1sum:${agent.mbox_sha1sum.toLowerCase()}`;
  if (agent.openid !== undefined) return `openid:${agent.openid}`;
  if (agent.account !== undefined) return `account:${agent.account.homePage}|${agent.account.name}`;
  return null;
}

// --- Signature: the parts of a statement that must never change (Data 2.3.1) ---

/** JSON with object keys sorted at every depth; undefined properties are left out. */
function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => stableStringify(item)).join(',')}]`;
  const entries: string[] = [];
  for (const [key, item] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (item !== undefined) entries.push(`${JSON.stringify(key)}:${stableStringify(item)}`);
  }
  return `{${entries.join(',')}}`;
}

function agentForm(agent: XapiAgent | XapiGroup): Record<string, unknown> {
  const form: Record<string, unknown> = {
    objectType: agent.objectType ?? 'Agent',
    name: agent.name,
    mbox: agent.mbox === undefined ? undefined : normaliseMbox(agent.mbox),
    mbox_sha1sum: agent.mbox_sha1sum?.toLowerCase(),
    openid: agent.openid,
    account: agent.account,
  };
  // Group members are an unordered list (Data 2.3.1.b5).
  if (agent.objectType === 'Group' && agent.member !== undefined) {
    form.member = agent.member.map((m) => stableStringify(agentForm(m))).sort();
  }
  return form;
}

// Activity definitions are not part of the statement (Data 2.3.1.b2): only the id counts.
function activityForm(activity: XapiActivity): Record<string, unknown> {
  return { objectType: 'Activity', id: activity.id };
}

function activityListForm(list: XapiActivity | XapiActivity[] | undefined): unknown {
  if (list === undefined) return undefined;
  return (Array.isArray(list) ? list : [list]).map(activityForm);
}

function contextForm(context: XapiContext | XapiContextWire): Record<string, unknown> {
  const activities = context.contextActivities;
  return {
    ...context,
    registration: context.registration?.toLowerCase(),
    instructor: context.instructor && agentForm(context.instructor),
    team: context.team && agentForm(context.team),
    statement: context.statement && { objectType: 'StatementRef', id: context.statement.id.toLowerCase() },
    contextActivities: activities && {
      parent: activityListForm(activities.parent),
      grouping: activityListForm(activities.grouping),
      category: activityListForm(activities.category),
      other: activityListForm(activities.other),
    },
  };
}

// Durations compare as strings, but not beyond 0.01 s (Data 2.3.1.b8, 4.6.s1.b5).
const DURATION_EXCESS_PRECISION_RE = /(\d[.,]\d{2})\d+S$/;

function resultForm(result: XapiResult): Record<string, unknown> {
  return { ...result, duration: result.duration?.replace(DURATION_EXCESS_PRECISION_RE, '$1S') };
}

function objectForm(object: StatementWire['object']): Record<string, unknown> {
  switch (object.objectType) {
    case undefined:
    case 'Activity':
      return activityForm(object);
    case 'Agent':
    case 'Group':
      return agentForm(object);
    case 'StatementRef':
      return { objectType: 'StatementRef', id: object.id.toLowerCase() };
    case 'SubStatement':
      return { objectType: 'SubStatement', ...coreForm(object) };
  }
}

function coreForm(statement: StatementWire | SubStatementWire): Record<string, unknown> {
  const { timestamp, result, context } = statement;
  return {
    actor: agentForm(statement.actor),
    // The verb's display is not part of the statement (Data 2.3.1.b3).
    verb: { id: statement.verb.id },
    object: objectForm(statement.object),
    result: result && resultForm(result),
    context: context && contextForm(context),
    // Timestamps compare as instants, whatever their time zone (Data 2.3.1.b4).
    timestamp: timestamp === undefined ? undefined : (timestampInstant(timestamp) ?? timestamp),
  };
}

/**
 * A canonical JSON string of what makes a statement that statement, for the
 * immutability check: a statement re-sent with an id the LRS already holds is a
 * duplicate when the signatures match, and a conflict when they differ.
 * Ignores what Data 2.3.1 exempts: stored, authority, version, attachments,
 * verb display, Activity definitions, key order, Group member order, the case
 * of UUIDs and email domains, a single context Activity versus an array of one,
 * timestamp time zones (compared as instants) and duration digits beyond 0.01 s.
 */
export function statementSignature(statement: StatementWire): string {
  return stableStringify({ id: statement.id?.toLowerCase(), ...coreForm(statement) });
}
