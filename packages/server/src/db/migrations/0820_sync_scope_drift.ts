import type { Kysely } from 'kysely';

// Hub sync, issue 5. The last clock drift seen from a peer and what the last exchange that
// refused anything refused, per hub credential (upstream side, sync_hubs) and per upstream
// link (hub side, sync_links), for the admin's sync page. sync_hub_users lists the users a
// class-scoped hub may write besides its classes' members: those it created (their first
// version came from that hub) and those it fetched at sign-in (learners visiting its school).

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sync_hubs', 'sync_links']) {
    // One column per statement: SQLite's ALTER TABLE adds one at a time.
    await db.schema.alterTable(table).addColumn('last_drift', 'text').execute();
    await db.schema.alterTable(table).addColumn('last_refused', 'text').execute();
  }
  await db.schema
    .createTable('sync_hub_users')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('hub_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_hub_users_pk', ['tenant_id', 'hub_id', 'user_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
