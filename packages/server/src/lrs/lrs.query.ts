import { isIri, isXapiUuid, timestampInstant, XapiActor } from '@satchel/core';
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
  'since',
  'until',
  'limit',
  'ascending',
  'cursor',
  'format',
  'attachments',
]);

export type StatementsRequest =
  | { kind: 'one'; id: string; voided: boolean }
  | { kind: 'many'; filter: StatementFilter; params: Record<string, string> };

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
  const format = single(query, 'format');
  // "canonical" asks for one language per language map; returning them whole is the permitted fallback.
  if (format !== undefined && format !== 'exact' && format !== 'canonical')
    throw fail('format', 'only "exact" and "canonical" are supported so far');
  if (single(query, 'attachments') === 'true') throw fail('attachments', 'attachments are not supported yet');
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
    return { kind: 'one', id: id.toLowerCase(), voided: voidedStatementId !== undefined };
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
  const ascending = single(query, 'ascending');
  if (ascending !== undefined) {
    if (ascending !== 'true' && ascending !== 'false') throw fail('ascending', 'must be true or false');
    filter.ascending = ascending === 'true';
    params.ascending = ascending;
  }
  const cursor = single(query, 'cursor');
  if (cursor !== undefined) filter.after = decodeCursor(cursor);
  return { kind: 'many', filter, params };
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
