import type { Kysely } from 'kysely';

// Statement forwarding (H6): a tenant's statements copied to outside LRSs.
// forwarding_destinations holds each destination's settings, its delivery state
// (backoff, last error, the lease of the worker sending its current batch) and the
// watermark of the statements already queued. forwarding_queue holds one row per
// (tenant, destination, statement): its primary key is what makes a statement
// queued, and so delivered, once.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('forwarding_destinations')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('endpoint', 'text', (c) => c.notNull())
    // 'basic' | 'bearer'
    .addColumn('auth_kind', 'text', (c) => c.notNull())
    .addColumn('auth_key', 'text')
    .addColumn('auth_secret', 'text', (c) => c.notNull())
    .addColumn('verbs', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('activity_prefix', 'text')
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    // Statements stored from this instant on are forwarded ('' : every statement).
    .addColumn('start_from', 'text', (c) => c.notNull())
    // Where the next sweep of the statements table starts (already less a margin for slow commits).
    .addColumn('watermark', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('last_delivered_at', 'text')
    .addColumn('delivered_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addPrimaryKeyConstraint('forwarding_destinations_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('forwarding_queue')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('destination_id', 'text', (c) => c.notNull())
    .addColumn('statement_id', 'text', (c) => c.notNull())
    .addColumn('stored', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('forwarding_queue_pk', ['tenant_id', 'destination_id', 'statement_id'])
    .execute();
  // The next batch: the oldest undelivered rows of one destination.
  await db.schema
    .createIndex('forwarding_queue_pending')
    .on('forwarding_queue')
    .columns(['tenant_id', 'destination_id', 'delivered_at', 'stored', 'statement_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
