import type { Kysely } from 'kysely';

// cmi5 (H5): one registration per learner and course (cmi5 §9.6.1), and one row per AU
// launch session: its one-time fetch token and the auth token it yields (both stored as
// SHA-256), and what the LMS has recorded about the session.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cmi5_registrations')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('registration', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cmi5_registrations_pk', ['tenant_id', 'user_id', 'course_id'])
    .execute();
  await db.schema
    .createTable('cmi5_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addColumn('registration', 'text', (c) => c.notNull())
    .addColumn('launch_mode', 'text', (c) => c.notNull())
    .addColumn('fetch_hash', 'text', (c) => c.notNull().unique())
    .addColumn('fetched_at', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('launched_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('terminated_at', 'text')
    .addColumn('abandoned_at', 'text')
    .addColumn('satisfied_at', 'text')
    .execute();
  await db.schema
    .createIndex('cmi5_sessions_learner')
    .on('cmi5_sessions')
    .columns(['tenant_id', 'user_id', 'registration', 'lesson_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cmi5_sessions').execute();
  await db.schema.dropTable('cmi5_registrations').execute();
}
