import {
  isIri,
  isXapiUuid,
  STATEMENT_FORMATS,
  timestampInstant,
  XapiActor,
  type StatementFormat,
} from '@satchel/core';
import { AppError } from '../http/errors.js';
import { actorKeyOf } from './lrs.ingest.js';
import type { StatementFilter } from './lrs.repo.js';

// The GET /xapi/statements parameters (xAPI 1.0.3 Communication 2.1.3). Parameters
// this LRS does not implement yet are refused rather than silently ignored, so a
// client never mistakes an unfiltered answer for a filtered one.

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

const SUPPORTED = new Set([
  'statementId',
  'voidedStatementId',
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'ascending',
  'cursor',
  'format',
  'attachments',
]);

/** How statements are returned: format (Communication 2.1.3) and whether attachments come along. */
export interface StatementsOutput {
  format: StatementFormat;
  attachments: boolean;
}

export type StatementsRequest =
  | { kind: 'one'; id: string; voided: boolean; output: StatementsOutput }
  | { kind: 'many'; filter: StatementFilter; params: Record<string, string>; output: StatementsOutput };

type Query = Record<string, string | string[] | undefined>;

function fail(param: string, message: string): AppError {
  return new AppError(400, 'validation_failed', `The ${param} parameter is not valid: ${message}`, {
    where: 'query',
    issues: [{ path: param, message }],
  });
}

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw fail(name, 'is given more than once');
  return value;
}

function timestampParam(query: Query, name: string): string | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const instant = timestampInstant(value);
  if (instant === null) throw fail(name, 'must be an ISO 8601 timestamp with a time zone');
  return instant;
}

function booleanParam(query: Query, name: string): boolean | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw fail(name, 'must be true or false');
  return value === 'true';
}

export function encodeCursor(after: { stored: string; id: string }): string {
  return Buffer.from(JSON.stringify([after.stored, after.id])).toString('base64url');
}

function decodeCursor(text: string): { stored: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    ) {
      return { stored: value[0], id: value[1] };
    }
  } catch {
    // reported below
  }
  throw fail('cursor', 'is not a cursor this LRS issued; follow the "more" link as given');
}

/** Reads the query of GET /xapi/statements. */
export function parseStatementsQuery(query: Query): StatementsRequest {
  for (const name of Object.keys(query)) {
    if (!SUPPORTED.has(name))
      throw fail(name, 'is not a parameter of GET /xapi/statements (or not supported yet)');
  }
  const format = single(query, 'format') ?? 'exact';
  if (!(STATEMENT_FORMATS as readonly string[]).includes(format))
    throw fail('format', 'must be "ids", "exact" or "canonical"');
  const output: StatementsOutput = {
    format: format as StatementFormat,
    attachments: booleanParam(query, 'attachments') ?? false,
  };
  const statementId = single(query, 'statementId');
  const voidedStatementId = single(query, 'voidedStatementId');
  if (statementId !== undefined || voidedStatementId !== undefined) {
    const others = Object.keys(query).filter(
      (k) => !['statementId', 'voidedStatementId', 'format', 'attachments'].includes(k),
    );
    if ((statementId !== undefined && voidedStatementId !== undefined) || others.length > 0) {
      throw fail(
        statementId !== undefined ? 'statementId' : 'voidedStatementId',
        `cannot be combined with ${others.join(', ') || 'each other'}`,
      );
    }
    const id = (statementId ?? voidedStatementId)!;
    if (!isXapiUuid(id))
      throw fail(statementId !== undefined ? 'statementId' : 'voidedStatementId', 'must be a UUID');
    return { kind: 'one', id: id.toLowerCase(), voided: voidedStatementId !== undefined, output };
  }

  const filter: StatementFilter = { ascending: false, limit: DEFAULT_LIMIT };
  const params: Record<string, string> = {};
  const agent = single(query, 'agent');
  if (agent !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(agent);
    } catch {
      throw fail('agent', 'must be an Agent or identified Group as JSON');
    }
    const actor = XapiActor.safeParse(parsed);
    if (!actor.success)
      throw fail('agent', 'must be an Agent or identified Group with exactly one identifier');
    filter.agentKey = actorKeyOf(actor.data);
    params.agent = agent;
  }
  for (const [name, key] of [
    ['verb', 'verbId'],
    ['activity', 'activityId'],
  ] as const) {
    const value = single(query, name);
    if (value === undefined) continue;
    if (!isIri(value)) throw fail(name, 'must be an IRI');
    filter[key] = value;
    params[name] = value;
  }
  const registration = single(query, 'registration');
  if (registration !== undefined) {
    if (!isXapiUuid(registration)) throw fail('registration', 'must be a UUID');
    filter.registration = registration.toLowerCase();
    params.registration = registration;
  }
  const since = timestampParam(query, 'since');
  const until = timestampParam(query, 'until');
  if (since !== undefined) filter.since = since;
  if (until !== undefined) filter.until = until;
  for (const name of ['since', 'until'] as const) {
    const raw = single(query, name);
    if (raw !== undefined) params[name] = raw;
  }
  const limit = single(query, 'limit');
  if (limit !== undefined) {
    if (!/^\d+$/.test(limit)) throw fail('limit', 'must be a whole number (0 for the server maximum)');
    const n = Number(limit);
    filter.limit = n === 0 ? MAX_LIMIT : Math.min(n, MAX_LIMIT);
    params.limit = limit;
  }
  const ascending = booleanParam(query, 'ascending');
  if (ascending !== undefined) {
    filter.ascending = ascending;
    params.ascending = String(ascending);
  }
  const relatedAgents = booleanParam(query, 'related_agents');
  if (relatedAgents !== undefined) {
    filter.relatedAgents = relatedAgents;
    params.related_agents = String(relatedAgents);
  }
  const relatedActivities = booleanParam(query, 'related_activities');
  if (relatedActivities !== undefined) {
    filter.relatedActivities = relatedActivities;
    params.related_activities = String(relatedActivities);
  }
  if (output.format !== 'exact') params.format = output.format;
  if (output.attachments) params.attachments = 'true';
  const cursor = single(query, 'cursor');
  if (cursor !== undefined) filter.after = decodeCursor(cursor);
  return { kind: 'many', filter, params, output };
}

/** The relative IRL of the next page: the same filters, continued after the last statement returned. */
export function moreLink(
  params: Record<string, string>,
  after: { stored: string; id: string } | null,
): string {
  if (after === null) return '';
  const search = new URLSearchParams({ ...params, cursor: encodeCursor(after) });
  return `/xapi/statements?${search.toString()}`;
}
