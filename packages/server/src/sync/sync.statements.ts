import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Statement, XapiAgent } from '@satchel/core';
import { prepareStatement } from '../lrs/lrs.ingest.js';
import type { StatementInsert } from '../lrs/lrs.repo.js';

/** Statement columns that travel (tenant_id is the receiver's; voided is recomputed there). */
export const STATEMENT_COLUMNS = [
  'id',
  'actor_key',
  'user_id',
  'verb_id',
  'object_id',
  'registration',
  'timestamp',
  'stored',
  'voided_target',
  'statement',
  'course_id',
  'result',
  'authority_kind',
  'related_activities',
  'related_agents',
] as const;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * From this protocol on, a receiver derives a statement's indexed columns from its JSON (so a
 * statement record may carry only `COMPACT_COLUMNS`) and reads request bodies in brotli. A hub
 * uses both only once its upstream has answered with this protocol or a later one.
 */
export const COMPACT_PROTOCOL = 2;

/** What a compact statement body keeps: the statement, and what its JSON alone does not tell. */
const COMPACT_COLUMNS = ['id', 'statement', 'user_id', 'course_id', 'authority_kind'] as const;

/**
 * A statement record's body without the columns the receiver can derive (actor, verb, object,
 * timestamps, voiding target, related activities and agents, result): they repeat the statement
 * in another form, and made a push about twice the size of the statements gzipped.
 */
export function compactStatementBody(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(COMPACT_COLUMNS.map((c) => [c, body[c] ?? null]));
}

/**
 * The row to store for a received statement body, full (every column sent, protocol 1) or
 * compact (indexed columns derived here as the LRS derives them at ingest); null when the body
 * is not a statement row.
 */
export function statementRow(
  tenantId: string,
  id: string,
  body: Record<string, unknown>,
): StatementInsert | null {
  if (body.id !== id || typeof body.statement !== 'string') return null;
  if (typeof body.actor_key === 'string') {
    const row = Object.fromEntries(
      STATEMENT_COLUMNS.map((c) => [c, body[c] ?? null]),
    ) as unknown as StatementInsert;
    return { ...row, tenant_id: tenantId, voided: 0 };
  }
  let statement: Statement & { stored?: unknown; authority?: unknown; version?: unknown };
  try {
    statement = JSON.parse(body.statement) as typeof statement;
  } catch {
    return null;
  }
  if (
    typeof statement !== 'object' ||
    statement === null ||
    statement.id !== id ||
    typeof statement.stored !== 'string' ||
    typeof statement.authority !== 'object' ||
    typeof statement.actor !== 'object' ||
    typeof statement.verb?.id !== 'string' ||
    typeof statement.object !== 'object'
  )
    return null;
  // Stored statements are complete (id, timestamp, stored, authority, version filled in), so
  // preparing one again changes nothing in it and yields the columns its sender stored.
  const p = prepareStatement(
    statement,
    statement.stored,
    statement.authority as XapiAgent,
    typeof statement.version === 'string' ? statement.version : undefined,
  );
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    tenant_id: tenantId,
    id,
    actor_key: p.actorKey,
    user_id: text(body.user_id),
    verb_id: p.verbId,
    object_id: p.objectId,
    registration: p.registration,
    timestamp: p.timestamp,
    stored: statement.stored,
    voided: 0,
    voided_target: p.voidedTarget,
    statement: body.statement,
    course_id: text(body.course_id),
    result: p.statement.result === undefined ? null : JSON.stringify(p.statement.result),
    authority_kind: text(body.authority_kind),
    related_activities: p.relatedActivities,
    related_agents: p.relatedAgents,
  };
}

/**
 * A request body compressed for the wire: brotli (quality 5, a window as large as the page) for
 * an upstream that reads it — a page of records repeats itself across many records, further
 * apart than gzip's 32 KB window reaches — and gzip for older ones.
 */
export async function encodeBody(
  text: string,
  brotli: boolean,
): Promise<{ body: Buffer<ArrayBuffer>; encoding: 'br' | 'gzip' }> {
  const raw = Buffer.from(text);
  // zlib's output is a fresh buffer of its own (not a view of shared memory): what fetch's body takes.
  if (!brotli) return { body: (await gzipAsync(raw)) as Buffer<ArrayBuffer>, encoding: 'gzip' };
  const body = await brotliAsync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
  return { body: body as Buffer<ArrayBuffer>, encoding: 'br' };
}
