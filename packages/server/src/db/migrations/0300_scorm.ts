import type { Kysely } from 'kysely';

// SCORM run-time data: one attempt per learner and lesson (resumed until a new one is
// started) and, for each item of the package, the state its last commit left, with
// the session (id and sequence) that wrote it so replayed commits change nothing.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scorm_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('last_item_id', 'text')
    .addColumn('completed', 'integer', (c) => c.notNull())
    .addColumn('success', 'text', (c) => c.notNull())
    .addColumn('scaled', 'double precision')
    .addColumn('progress', 'double precision', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scorm_attempts_learner')
    .on('scorm_attempts')
    .columns(['tenant_id', 'user_id', 'course_id', 'lesson_id'])
    .execute();
  await db.schema
    .createTable('scorm_item_states')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('attempt_id', 'text', (c) => c.notNull().references('scorm_attempts.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('completion', 'text', (c) => c.notNull())
    .addColumn('success', 'text', (c) => c.notNull())
    .addColumn('score_scaled', 'double precision')
    .addColumn('score_raw', 'double precision')
    .addColumn('score_min', 'double precision')
    .addColumn('score_max', 'double precision')
    .addColumn('progress_measure', 'double precision')
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('suspend_data', 'text', (c) => c.notNull())
    .addColumn('exit', 'text', (c) => c.notNull())
    // Time of every session before the current one, plus the current one's as last reported.
    .addColumn('previous_seconds', 'double precision', (c) => c.notNull())
    .addColumn('session_seconds', 'double precision', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorm_item_states_pk', ['tenant_id', 'attempt_id', 'item_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
