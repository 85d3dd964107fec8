import type { Db } from '../db/database.js';

// Attachments stored by SHA-2 and the canonical Activity definitions: what the
// statements resource returns with attachments=true, and /xapi/activities serves.

export interface AttachmentRow {
  sha2: string;
  contentType: string;
  content: Buffer;
}

export class LrsResourcesRepo {
  constructor(private readonly db: Db) {}

  /** Stores attachments not held yet; an attachment is its hash, so a stored one never changes. */
  async putAttachments(tenantId: string, rows: readonly AttachmentRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('xapi_attachments')
      .values(
        // Sorted, so concurrent batches take row locks in one order (no deadlock on PostgreSQL).
        [...rows]
          .sort((a, b) => (a.sha2 < b.sha2 ? -1 : 1))
          .map((r) => ({
            tenant_id: tenantId,
            sha2: r.sha2,
            content_type: r.contentType,
            content: r.content.toString('base64'),
          })),
      )
      .onConflict((oc) => oc.columns(['tenant_id', 'sha2']).doNothing())
      .execute();
  }

  async attachments(tenantId: string, sha2s: readonly string[]): Promise<AttachmentRow[]> {
    if (sha2s.length === 0) return [];
    const rows = await this.db
      .selectFrom('xapi_attachments')
      .select(['sha2', 'content_type', 'content'])
      .where('tenant_id', '=', tenantId)
      .where('sha2', 'in', [...sha2s])
      .execute();
    return rows.map((r) => ({
      sha2: r.sha2,
      contentType: r.content_type,
      content: Buffer.from(r.content, 'base64'),
    }));
  }

  async definitions(tenantId: string, activityIds: readonly string[]): Promise<Map<string, string>> {
    if (activityIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('xapi_activities')
      .select(['activity_id', 'definition'])
      .where('tenant_id', '=', tenantId)
      .where('activity_id', 'in', [...activityIds])
      .execute();
    return new Map(rows.map((r) => [r.activity_id, r.definition]));
  }

  async putDefinitions(
    tenantId: string,
    rows: readonly { activityId: string; definition: string }[],
    updated: string,
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('xapi_activities')
      .values(
        // Sorted, so concurrent writers take row locks in one order (no deadlock on PostgreSQL).
        [...rows]
          .sort((a, b) => (a.activityId < b.activityId ? -1 : 1))
          .map((r) => ({
            tenant_id: tenantId,
            activity_id: r.activityId,
            definition: r.definition,
            updated,
          })),
      )
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'activity_id']).doUpdateSet((eb) => ({
          definition: eb.ref('excluded.definition'),
          updated: eb.ref('excluded.updated'),
        })),
      )
      .execute();
  }

  /** Names an actor went by in stored statements, for /xapi/agents (most recent first). */
  async actorNames(tenantId: string, actorKey: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('statements')
      .select('statement')
      .where('tenant_id', '=', tenantId)
      .where('actor_key', '=', actorKey)
      .orderBy('stored', 'desc')
      .limit(limit)
      .execute();
    const names = new Set<string>();
    for (const r of rows) {
      const actor = (JSON.parse(r.statement) as { actor?: { name?: unknown } }).actor;
      if (typeof actor?.name === 'string') names.add(actor.name);
    }
    return [...names];
  }
}
