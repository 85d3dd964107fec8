import type { Kysely } from 'kysely';

// The learning record: projections recompute one learner's progress in one course
// from that learner's statements about it, so each statement records the course it
// is tied to (from its context), its result (small JSON, so projections need not
// read whole statements) and the kind of authority that vouched for it; voiding
// statements are found by their target when the voided statement arrives after
// them (offline devices sync out of order).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('statements').addColumn('course_id', 'text').execute();
  await db.schema.alterTable('statements').addColumn('result', 'text').execute();
  await db.schema.alterTable('statements').addColumn('authority_kind', 'text').execute();
  await db.schema
    .createIndex('statements_user_course')
    .on('statements')
    .columns(['tenant_id', 'user_id', 'course_id'])
    .execute();
  // Partial: only voiding statements have a target, and ingest probes it on every batch.
  await db.schema
    .createIndex('statements_voided_target')
    .on('statements')
    .columns(['tenant_id', 'voided_target'])
    .where('voided_target', 'is not', null)
    .execute();
  await db.schema
    .createIndex('lesson_progress_course')
    .on('lesson_progress')
    .columns(['tenant_id', 'course_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
