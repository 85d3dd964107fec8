import type { Kysely } from 'kysely';

// xAPI conformance (LRS): the document resources (state, activity profile, agent
// profile), statement attachments stored by their SHA-2, the canonical Activity
// definitions served by /xapi/activities, and the ids a statement is "related" to,
// so related_activities / related_agents queries need no JSON parsing in SQL.
// Document and attachment bytes are base64 text: one column type on both engines.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Separator-delimited lists ("\n" + id + "\n" …); null when there is nothing related.
  await db.schema.alterTable('statements').addColumn('related_activities', 'text').execute();
  await db.schema.alterTable('statements').addColumn('related_agents', 'text').execute();

  await db.schema
    .createTable('xapi_documents')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    // 'state' | 'activity_profile' | 'agent_profile'
    .addColumn('kind', 'text', (c) => c.notNull())
    // '' where the resource has no activity / agent / registration: part of the key, so never null.
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('agent_key', 'text', (c) => c.notNull())
    .addColumn('registration', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('updated', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('xapi_documents_pk', [
      'tenant_id',
      'kind',
      'activity_id',
      'agent_key',
      'registration',
      'document_id',
    ])
    .execute();

  await db.schema
    .createTable('xapi_attachments')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('sha2', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('xapi_attachments_pk', ['tenant_id', 'sha2'])
    .execute();

  await db.schema
    .createTable('xapi_activities')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('updated', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('xapi_activities_pk', ['tenant_id', 'activity_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
