import type { Kysely } from 'kysely';

// Learning Cinema: session plans (edited, synced per field like other mutable rows) and
// session logs (written once on the facilitator's laptop, then only travel upstream).
// Logs keep attendance and activity counts as JSON: they are read whole, and reports
// aggregate them in core; the total and the date are columns for filtering.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cinema_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('owner_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('age_band', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema
    .createIndex('cinema_plans_tenant')
    .on('cinema_plans')
    .columns(['tenant_id', 'updated_at'])
    .execute();

  await db.schema
    .createTable('cinema_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('plan_title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('facilitator_ids', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text', (c) => c.notNull())
    .addColumn('attendance', 'text', (c) => c.notNull())
    .addColumn('reached', 'integer', (c) => c.notNull())
    .addColumn('with_disability', 'integer', (c) => c.notNull())
    .addColumn('activities', 'text', (c) => c.notNull())
    .addColumn('check_ins', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('referral', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('steps_completed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema
    .createIndex('cinema_sessions_date')
    .on('cinema_sessions')
    .columns(['tenant_id', 'date'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
