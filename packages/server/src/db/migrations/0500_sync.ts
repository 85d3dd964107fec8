import type { Kysely } from 'kysely';

// Record sync (decision 0006). Every synced record has one row in sync_records: the
// (instance, counter) its current version was saved with, its per-field registers
// (value, HLC, causal context, concurrent losers) and the local row version it matches,
// so a local write made through any code path is noticed (its version moved) and stamped.
// sync_instance holds this database's instance id, change counter and clock; sync_hubs
// (upstream side) the credentials issued to hubs; sync_links (hub side) the upstreams and
// how far each exchange got; sync_staging records waiting for what they point at;
// sync_conflicts the losing values of concurrent edits.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_instance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addColumn('hlc', 'text')
    .execute();

  await db.schema
    .createTable('sync_records')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addColumn('row_version', 'integer')
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('class_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_records_pk', ['tenant_id', 'kind', 'record_id'])
    .execute();
  await db.schema
    .createIndex('sync_records_feed')
    .on('sync_records')
    .columns(['tenant_id', 'kind', 'instance_id', 'counter'])
    .execute();
  await db.schema
    .createIndex('sync_records_vector')
    .on('sync_records')
    .columns(['tenant_id', 'instance_id', 'counter'])
    .execute();
  await db.schema
    .createIndex('sync_records_user')
    .on('sync_records')
    .columns(['tenant_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('sync_records_class')
    .on('sync_records')
    .columns(['tenant_id', 'class_id'])
    .execute();

  await db.schema
    .createTable('sync_hubs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('class_ids', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('last_contact_at', 'text')
    .addColumn('last_vector', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sync_hubs_tenant').on('sync_hubs').columns(['tenant_id']).execute();

  await db.schema
    .createTable('sync_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('upstream_url', 'text', (c) => c.notNull())
    .addColumn('upstream_slug', 'text', (c) => c.notNull())
    .addColumn('upstream_instance', 'text', (c) => c.notNull())
    .addColumn('hub_id', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('class_ids', 'text', (c) => c.notNull())
    .addColumn('pulled', 'text', (c) => c.notNull())
    .addColumn('pull_cursor', 'text')
    .addColumn('pull_snapshot', 'text')
    .addColumn('pushed', 'text', (c) => c.notNull())
    .addColumn('push_cursor', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sync_links_tenant', ['tenant_id'])
    .execute();

  await db.schema
    .createTable('sync_staging')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('staged_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('sync_staging_pk', ['tenant_id', 'kind', 'record_id'])
    .execute();

  await db.schema
    .createTable('sync_conflicts')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('loser_value', 'text', (c) => c.notNull())
    .addColumn('loser_stamp', 'text', (c) => c.notNull())
    .addColumn('winner_value', 'text', (c) => c.notNull())
    .addColumn('winner_stamp', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_conflicts_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('sync_conflicts_recorded')
    .on('sync_conflicts')
    .columns(['tenant_id', 'recorded_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
