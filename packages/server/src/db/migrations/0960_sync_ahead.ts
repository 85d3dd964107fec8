import type { Kysely } from 'kysely';

// Sync, session 4: records applied ahead of the in-order pull (a learner fetched at sign-in, a
// Cinema plan packed for the field). Such a record carries an upstream counter above what the
// hub has pulled; while it is listed here the hub's vector and change feed leave it out
// (sync.ahead.ts), so a hub of this hub never takes the records in between as held. A mark goes
// once the in-order pull reaches its counter.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_ahead')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_ahead_pk', ['tenant_id', 'kind', 'record_id'])
    .execute();
  await db.schema
    .createIndex('sync_ahead_instance')
    .on('sync_ahead')
    .columns(['tenant_id', 'instance_id', 'counter'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
