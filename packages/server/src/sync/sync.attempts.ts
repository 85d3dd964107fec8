// Quiz attempts in record sync (protocol 2; decision 0006, addendum). A submitted attempt never
// changes, and a learner's device may submit the same attempt to a hub and to the national
// server: a union by id, like statements, so it is stored once everywhere. Best scores need
// nothing here: they are projections of the attempt's statements, which travel too.
import { mergeImmutable, type SyncRecord } from '@satchel/core';
import type { Db, Tx } from '../db/database.js';
import type { ApplyOutcome } from './sync.apply.js';
import { stableJson } from './sync.kinds.js';

/** The columns that travel (tenant_id is the receiver's). */
export const QUIZ_ATTEMPT_COLUMNS = [
  'id',
  'user_id',
  'course_id',
  'lesson_id',
  'version_id',
  'statement_id',
  'submitted_at',
  'responses',
  'score',
  'max_score',
  'scaled',
  'passed',
] as const;

const TEXT = [
  'id',
  'user_id',
  'course_id',
  'lesson_id',
  'version_id',
  'statement_id',
  'submitted_at',
  'responses',
];
const NUMBER = ['score', 'max_score', 'scaled', 'passed'];

/** The bodies of some attempts, for a feed page. */
export async function quizAttemptBodies(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('quiz_attempts')
    .select([...QUIZ_ATTEMPT_COLUMNS])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute();
  for (const r of rows) out.set(r.id, r as Record<string, unknown>);
  return out;
}

type AttemptBody = Record<(typeof QUIZ_ATTEMPT_COLUMNS)[number], string | number>;

function wellFormed(record: SyncRecord): AttemptBody | null {
  const b = record.body ?? {};
  if (b.id !== record.id) return null;
  if (TEXT.some((k) => typeof b[k] !== 'string') || NUMBER.some((k) => typeof b[k] !== 'number')) return null;
  return Object.fromEntries(QUIZ_ATTEMPT_COLUMNS.map((c) => [c, b[c]])) as AttemptBody;
}

/**
 * Stores a received attempt unless held (union by id). Two different bodies under one id (a
 * buggy client) never flip-flop: the smaller canonical text is kept, as for statements.
 */
export async function applyQuizAttempt(
  tx: Tx,
  tenantId: string,
  record: SyncRecord,
  outcome: ApplyOutcome,
  now: string,
): Promise<void> {
  const body = wellFormed(record);
  if (!body) {
    outcome.refused.push({ kind: 'quiz_attempt', id: record.id, reason: 'malformed quiz attempt' });
    return;
  }
  const row = { ...body, tenant_id: tenantId, stored_at: now } as never;
  // DO NOTHING on any key: the id, and the outcome statement's id (unique per attempt).
  const inserted = await tx
    .insertInto('quiz_attempts')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    const held = await tx
      .selectFrom('quiz_attempts')
      .select([...QUIZ_ATTEMPT_COLUMNS])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', record.id)
      .executeTakeFirst();
    if (!held) {
      outcome.refused.push({
        kind: 'quiz_attempt',
        id: record.id,
        reason: `another attempt here has outcome statement ${String(body.statement_id)}`,
      });
      return;
    }
    const merged = mergeImmutable<Record<string, unknown>>(held, body, stableJson);
    if (merged.rejected) {
      outcome.refused.push({ kind: 'quiz_attempt', id: record.id, reason: 'two bodies under one id' });
      if (merged.kept === body) {
        const { id: _id, ...changes } = body;
        await tx
          .updateTable('quiz_attempts')
          .set(changes as never)
          .where('tenant_id', '=', tenantId)
          .where('id', '=', record.id)
          .execute();
      }
    }
  }
  await tx
    .insertInto('sync_records')
    .values({
      tenant_id: tenantId,
      kind: 'quiz_attempt',
      record_id: record.id,
      instance_id: record.i,
      counter: record.n,
      row_version: null,
      fields: '{}',
      user_id: String(body.user_id),
      class_id: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'record_id']).doNothing())
    .execute();
  outcome.applied += 1;
}
