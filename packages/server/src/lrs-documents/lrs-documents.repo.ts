import type { Db } from '../db/database.js';
import type { XapiDocumentsTable } from '../db/schema.js';
import { naturalId } from '../sync/sync.ids.js';

// The xAPI document resources (state, activity profile, agent profile) in one
// table. Writes carry what they expect to find, so a check-then-write by two
// clients at once cannot both succeed: the loser's conditional write changes nothing.
// A deleted document stays as a tombstone (deleted_at, no content) so the deletion
// travels to other servers by record sync; every read skips tombstones.

export type DocumentKind = XapiDocumentsTable['kind'];

/** Which documents: '' stands for "not part of this resource's key". */
export interface DocumentScope {
  tenantId: string;
  kind: DocumentKind;
  activityId: string;
  agentKey: string;
  registration: string;
}

export interface DocumentKey extends DocumentScope {
  documentId: string;
}

export interface StoredDocument {
  contentType: string;
  content: Buffer;
  etag: string;
  updated: string;
}

/** What a conditional write expects: any state, no document, or the document with this ETag. */
export type WriteExpectation = { kind: 'any' } | { kind: 'absent' } | { kind: 'etag'; etag: string };

export class LrsDocumentsRepo {
  constructor(private readonly db: Db) {}

  private scoped(scope: DocumentScope) {
    return this.db
      .selectFrom('xapi_documents')
      .where('tenant_id', '=', scope.tenantId)
      .where('kind', '=', scope.kind)
      .where('activity_id', '=', scope.activityId)
      .where('agent_key', '=', scope.agentKey)
      .where('registration', '=', scope.registration)
      .where('deleted_at', 'is', null);
  }

  async get(key: DocumentKey): Promise<StoredDocument | undefined> {
    const row = await this.scoped(key)
      .select(['content_type', 'content', 'etag', 'updated'])
      .where('document_id', '=', key.documentId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      contentType: row.content_type,
      content: Buffer.from(row.content, 'base64'),
      etag: row.etag,
      updated: row.updated,
    };
  }

  /** Ids of the documents in scope, optionally only those updated after `since` (UTC text). */
  async ids(scope: DocumentScope, since?: string): Promise<string[]> {
    let q = this.scoped(scope).select('document_id');
    if (since !== undefined) q = q.where('updated', '>', since);
    const rows = await q.orderBy('document_id').execute();
    return rows.map((r) => r.document_id);
  }

  /** Writes the document when it is as expected; false when it was not (nothing written). */
  async write(key: DocumentKey, doc: StoredDocument, expect: WriteExpectation): Promise<boolean> {
    const values = {
      content_type: doc.contentType,
      content: doc.content.toString('base64'),
      etag: doc.etag,
      updated: doc.updated,
      deleted_at: null,
    };
    if (expect.kind === 'etag') {
      const result = await this.db
        .updateTable('xapi_documents')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('tenant_id', '=', key.tenantId)
        .where('kind', '=', key.kind)
        .where('activity_id', '=', key.activityId)
        .where('agent_key', '=', key.agentKey)
        .where('registration', '=', key.registration)
        .where('document_id', '=', key.documentId)
        .where('etag', '=', expect.etag)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    }
    const row = {
      tenant_id: key.tenantId,
      // The same id on every server for the same key: record sync merges, never collides.
      id: naturalId([key.kind, key.activityId, key.agentKey, key.registration, key.documentId]),
      kind: key.kind,
      activity_id: key.activityId,
      agent_key: key.agentKey,
      registration: key.registration,
      document_id: key.documentId,
      ...values,
    };
    const conflictColumns = [
      'tenant_id',
      'kind',
      'activity_id',
      'agent_key',
      'registration',
      'document_id',
    ] as const;
    const result = await this.db
      .insertInto('xapi_documents')
      .values(row)
      .onConflict((oc) => {
        const update = oc
          .columns(conflictColumns)
          .doUpdateSet((eb) => ({ ...values, version: eb('xapi_documents.version', '+', 1) }));
        // "Absent" includes a tombstone: creating over a deleted document is a create.
        return expect.kind === 'absent' ? update.where('xapi_documents.deleted_at', 'is not', null) : update;
      })
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Deletes one document (only with this ETag, when given); false when nothing matched. */
  async delete(key: DocumentKey, etag?: string, now = new Date().toISOString()): Promise<boolean> {
    let q = this.db
      .updateTable('xapi_documents')
      .set((eb) => ({ ...tombstone(now), version: eb('version', '+', 1) }))
      .where('deleted_at', 'is', null)
      .where('tenant_id', '=', key.tenantId)
      .where('kind', '=', key.kind)
      .where('activity_id', '=', key.activityId)
      .where('agent_key', '=', key.agentKey)
      .where('registration', '=', key.registration)
      .where('document_id', '=', key.documentId);
    if (etag !== undefined) q = q.where('etag', '=', etag);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Deletes every document in scope (all state of an agent in an activity, optionally one registration). */
  async deleteAll(
    scope: DocumentScope,
    anyRegistration: boolean,
    now = new Date().toISOString(),
  ): Promise<number> {
    let q = this.db
      .updateTable('xapi_documents')
      .set((eb) => ({ ...tombstone(now), version: eb('version', '+', 1) }))
      .where('deleted_at', 'is', null)
      .where('tenant_id', '=', scope.tenantId)
      .where('kind', '=', scope.kind)
      .where('activity_id', '=', scope.activityId)
      .where('agent_key', '=', scope.agentKey);
    if (!anyRegistration) q = q.where('registration', '=', scope.registration);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}

/** A deleted document: no bytes, no ETag (so no If-Match can match it), the time of deletion. */
function tombstone(now: string) {
  return { content_type: '', content: '', etag: '', updated: now, deleted_at: now };
}
