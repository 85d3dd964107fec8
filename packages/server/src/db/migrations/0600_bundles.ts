import type { Kysely } from 'kysely';

// Sneakernet bundles (H8). bundle_keys holds this instance's Ed25519 key pair (one row,
// 'self'; shared by every replica of a national server through the database); peers'
// public keys an admin trusted per tenant are in bundle_trusted_keys; bundle_peers keeps,
// per tenant and peer instance, the state of that peer this side last learnt from one of
// its bundles (what the next export can leave out); bundle_imports lists applied bundles,
// so importing one twice is harmless.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bundle_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bundle_trusted_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bundle_trusted_keys_pk', ['tenant_id', 'public_key'])
    .execute();

  await db.schema
    .createTable('bundle_peers')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('vector', 'text')
    .addColumn('content_versions', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bundle_peers_pk', ['tenant_id', 'instance_id'])
    .execute();

  await db.schema
    .createTable('bundle_imports')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('bundle_id', 'text', (c) => c.notNull())
    .addColumn('source_instance', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bundle_imports_pk', ['tenant_id', 'bundle_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
