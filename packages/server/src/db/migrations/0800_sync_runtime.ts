import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Record sync of learners' run-time data (decision 0006, addendum): SCORM attempts and item
// states, cmi5 registrations and xAPI documents get what the change tracker needs — a
// `version` every write bumps, a local write time to scan recent changes by, and an `id`
// (item states also their learner's id, for learner fetch and class scopes).
// Rows keyed by a natural key get a deterministic id (SHA-256 of the key), so two replicas
// that write the same key independently name the same record. Quiz attempts are immutable
// and already have an id: they only need the time this server stored them (submitted_at is
// the device's, old for an attempt queued offline).

/** Frozen copy of sync.ids.ts `naturalId` (a migration must not change when live code does). */
function naturalId(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

const BACKFILL_CHUNK = 500;

/** The tables as this migration sees them: any table, text columns (the app's types describe the latest schema). */
type LooseDb = Kysely<Record<string, Record<string, string>>>;

async function backfillIds(
  db: LooseDb,
  table: string,
  key: readonly string[],
  parts: (row: Record<string, string>) => string[],
): Promise<void> {
  for (;;) {
    const rows = (await db
      .selectFrom(table)
      .select(['tenant_id', ...key])
      .where('id', '=', '')
      .limit(BACKFILL_CHUNK)
      .execute()) as Record<string, string>[];
    for (const row of rows) {
      let q = db
        .updateTable(table)
        .set({ id: naturalId(parts(row)) })
        .where('tenant_id', '=', row.tenant_id ?? '');
      for (const column of key) q = q.where(column, '=', row[column] ?? '');
      await q.execute();
    }
    if (rows.length < BACKFILL_CHUNK) return;
  }
}

export async function up(db: LooseDb): Promise<void> {
  await db.schema
    .alterTable('quiz_attempts')
    .addColumn('stored_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db
    .updateTable('quiz_attempts')
    .set({ stored_at: sql`submitted_at` })
    .execute();
  await db.schema
    .createIndex('quiz_attempts_stored')
    .on('quiz_attempts')
    .columns(['stored_at', 'id'])
    .execute();

  await db.schema
    .alterTable('scorm_attempts')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('scorm_attempts_updated')
    .on('scorm_attempts')
    .columns(['updated_at', 'id'])
    .execute();

  // updated_at of an item state is the commit's own time (used to order sessions), possibly
  // old for a commit relayed late; touched_at is when this server wrote it.
  await db.schema
    .alterTable('scorm_item_states')
    .addColumn('id', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('scorm_item_states')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('scorm_item_states')
    .addColumn('touched_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Whose state it is, so a learner fetch and class scopes find it without a join.
  await db.schema.alterTable('scorm_item_states').addColumn('user_id', 'text').execute();
  await db
    .updateTable('scorm_item_states')
    .set({
      touched_at: sql`updated_at`,
      user_id: sql`(select a.user_id from scorm_attempts a where a.id = scorm_item_states.attempt_id)`,
    })
    .execute();
  await backfillIds(db, 'scorm_item_states', ['attempt_id', 'item_id'], (r) => [r.attempt_id!, r.item_id!]);
  await db.schema
    .createIndex('scorm_item_states_id')
    .on('scorm_item_states')
    .columns(['tenant_id', 'id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('scorm_item_states_touched')
    .on('scorm_item_states')
    .columns(['touched_at', 'id'])
    .execute();

  await db.schema
    .alterTable('cmi5_registrations')
    .addColumn('id', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('cmi5_registrations')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('cmi5_registrations')
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db
    .updateTable('cmi5_registrations')
    .set({ updated_at: sql`created_at` })
    .execute();
  await backfillIds(db, 'cmi5_registrations', ['user_id', 'course_id'], (r) => [r.user_id!, r.course_id!]);
  await db.schema
    .createIndex('cmi5_registrations_id')
    .on('cmi5_registrations')
    .columns(['tenant_id', 'id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('cmi5_registrations_updated')
    .on('cmi5_registrations')
    .columns(['updated_at', 'id'])
    .execute();

  await db.schema
    .alterTable('xapi_documents')
    .addColumn('id', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('xapi_documents')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Deleting a document leaves a tombstone, so the deletion travels like an edit.
  await db.schema.alterTable('xapi_documents').addColumn('deleted_at', 'text').execute();
  const documentKey = ['kind', 'activity_id', 'agent_key', 'registration', 'document_id'] as const;
  await backfillIds(db, 'xapi_documents', documentKey, (r) => documentKey.map((k) => r[k]!));
  await db.schema
    .createIndex('xapi_documents_id')
    .on('xapi_documents')
    .columns(['tenant_id', 'id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('xapi_documents_updated')
    .on('xapi_documents')
    .columns(['updated', 'id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
