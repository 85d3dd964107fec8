// Kinds merged as a union by id: statements (bulk, idempotent) and conflict-log entries. When two
// replicas stamped the same record differently, the later (instance, counter) wins everywhere.
import { VERBS, type SyncRecord } from '@satchel/core';
import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import type { SyncRecordsTable } from '../db/schema.js';
import { LrsRepo, type StatementInsert } from '../lrs/lrs.repo.js';
import type { ProjectionSink } from '../progress/progress.service.js';
import type { UserCourse } from '../progress/progress.repo.js';
import type { ApplyOutcome } from './sync.apply.js';
import { noteStamped, spanStart } from './sync.marks.js';
import type { StampSession } from './sync.session.js';
import { statementRow } from './sync.statements.js';

/** Statement stamps per INSERT (10 columns each: well under every engine's parameter limit). */
const STAMPS_PER_INSERT = 500;

/**
 * Two replicas can stamp the same version of a record differently (a conflict both logged, a
 * merge both made, a statement a device sent to both): the later (instance, counter) wins on
 * every replica, so all end with the same stamps and the same version vector.
 */
export function laterStamp() {
  return sql<boolean>`(excluded.instance_id, excluded.counter) > (sync_records.instance_id, sync_records.counter)`;
}

export const LATER_STAMP_SET = {
  instance_id: sql<string>`excluded.instance_id`,
  counter: sql<number>`excluded.counter`,
};

/**
 * Statements are a union by id: the new ones are inserted with a few multi-row INSERTs (one
 * per 1,000 rows, `ON CONFLICT DO NOTHING`), their stamps with one more per 500; one already
 * here (sent by the learner's device to this server too) is stored once, counted once.
 */
export async function applyStatements(
  tx: Tx,
  tenantId: string,
  records: readonly SyncRecord[],
  outcome: ApplyOutcome,
  fresh: StatementInsert[],
  now: string,
  session: StampSession,
): Promise<void> {
  const rows = new Map<string, StatementInsert>();
  const stamps: Insertable<SyncRecordsTable>[] = [];
  for (const record of records) {
    const body = record.body ?? {};
    if (rows.has(record.id)) {
      outcome.applied += 1;
      continue;
    }
    const row = statementRow(tenantId, record.id, body);
    if (!row) {
      outcome.refused.push({ kind: 'statement', id: record.id, reason: 'malformed statement row' });
      continue;
    }
    outcome.applied += 1;
    rows.set(record.id, row);
    stamps.push({
      tenant_id: tenantId,
      kind: 'statement',
      record_id: record.id,
      instance_id: record.i,
      counter: record.n,
      row_version: null,
      fields: '{}',
      user_id: typeof body.user_id === 'string' ? body.user_id : null,
      class_id: null,
      updated_at: now,
    });
  }
  if (rows.size === 0) return;
  const start = await spanStart(tx, 'statements');
  const inserted = await new LrsRepo(tx as unknown as Db).insertNewNotingVoided([...rows.values()]);
  for (let i = 0; i < stamps.length; i += STAMPS_PER_INSERT) {
    await tx
      .insertInto('sync_records')
      .values(stamps.slice(i, i + STAMPS_PER_INSERT))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'kind', 'record_id']).doUpdateSet(LATER_STAMP_SET).where(laterStamp()),
      )
      .execute();
  }
  // Stored with their stamps: the change tracker's next scan need not read these rows.
  if (inserted.size > 0) await noteStamped(tx, session, 'statements', start);
  for (const [id, targeted] of inserted) fresh.push({ ...rows.get(id)!, voided: targeted ? 1 : 0 });
}

export async function applyConflict(
  tx: Tx,
  tenantId: string,
  record: SyncRecord,
  outcome: ApplyOutcome,
  now: string,
): Promise<void> {
  const b = record.body ?? {};
  const text = (k: string): string | null => (typeof b[k] === 'string' ? (b[k] as string) : null);
  const fields = [
    'kind',
    'record_id',
    'field',
    'loser_value',
    'loser_stamp',
    'winner_value',
    'winner_stamp',
    'recorded_at',
  ];
  if (b.id !== record.id || fields.some((f) => text(f) === null)) {
    outcome.refused.push({ kind: 'conflict', id: record.id, reason: 'malformed conflict entry' });
    return;
  }
  const entry = {
    id: record.id,
    kind: text('kind')!,
    record_id: text('record_id')!,
    field: text('field')!,
    loser_value: text('loser_value')!,
    loser_stamp: text('loser_stamp')!,
    winner_value: text('winner_value')!,
    winner_stamp: text('winner_stamp')!,
    recorded_at: text('recorded_at')!,
  };
  // Two replicas that see the same losing value log it under the same id, each with the
  // winner it saw then and its own stamp: the entry with the later stamp wins everywhere.
  const adopted = await tx
    .insertInto('sync_records')
    .values({
      tenant_id: tenantId,
      kind: 'conflict',
      record_id: record.id,
      instance_id: record.i,
      counter: record.n,
      row_version: null,
      fields: '{}',
      user_id: null,
      class_id: null,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'kind', 'record_id']).doUpdateSet(LATER_STAMP_SET).where(laterStamp()),
    )
    .executeTakeFirst();
  if (Number(adopted.numInsertedOrUpdatedRows ?? 0) > 0) {
    const { id: _id, ...body } = entry;
    await tx
      .insertInto('sync_conflicts')
      .values({ ...entry, tenant_id: tenantId })
      .onConflict((oc) => oc.columns(['tenant_id', 'id']).doUpdateSet(body))
      .execute();
  }
  outcome.applied += 1;
}

/** Voiding and progress for statements that were new here, as the LRS does after a store. */
export async function afterStatements(
  db: Db,
  projections: ProjectionSink,
  tenantId: string,
  fresh: readonly StatementInsert[],
): Promise<void> {
  const repo = new LrsRepo(db);
  // Only what can be voided: targets of new voiding statements, and new statements a voiding
  // statement stored before them targets (noted by the INSERT, carried in `voided` here).
  const candidates = new Set<string>();
  for (const r of fresh) {
    if (r.voided_target) candidates.add(r.voided_target);
    else if (r.voided === 1) candidates.add(r.id);
  }
  const voided = candidates.size > 0 ? await repo.voidTargeted(tenantId, [...candidates], VERBS.voided) : [];
  const pairs: UserCourse[] = [];
  for (const r of [...fresh, ...voided]) {
    if (r.user_id && r.course_id) pairs.push({ userId: r.user_id, courseId: r.course_id });
  }
  if (pairs.length > 0) projections.statementsStored(tenantId, pairs);
}
