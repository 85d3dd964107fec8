import type { Kysely } from 'kysely';

// Lookups the identity domain makes often: users by roster id (CSV re-imports match
// on sourcedId), users by role (admin lists, reports), classes by code (rosters),
// a user's API tokens, and sessions by expiry for housekeeping.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('users_external_id')
    .on('users')
    .columns(['tenant_id', 'external_id'])
    .execute();
  await db.schema
    .createIndex('memberships_role')
    .on('memberships')
    .columns(['tenant_id', 'role', 'user_id'])
    .execute();
  await db.schema.createIndex('classes_code').on('classes').columns(['tenant_id', 'code']).execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['tenant_id', 'user_id']).execute();
  await db.schema.createIndex('sessions_expires').on('sessions').columns(['expires_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
