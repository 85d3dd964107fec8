import type { Db } from '../db/database.js';
import type { XapiDocumentsTable } from '../db/schema.js';

// The xAPI document resources (state, activity profile, agent profile) in one
// table. Writes carry what they expect to find, so a check-then-write by two
// clients at once cannot both succeed: the loser's conditional write changes nothing.

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
      .where('registration', '=', scope.registration);
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
    };
    if (expect.kind === 'etag') {
      const result = await this.db
        .updateTable('xapi_documents')
        .set(values)
        .where('tenant_id', '=', key.tenantId)
        .where('kind', '=', key.kind)
        .where('activity_id', '=', key.activityId)
        .where('agent_key', '=', key.agentKey)
        .where('registration', '=', key.registration)
        .where('document_id', '=', key.documentId)
        .where('etag', '=', expect.etag)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    }
    const row = {
      tenant_id: key.tenantId,
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
      .onConflict((oc) =>
        expect.kind === 'absent'
          ? oc.columns(conflictColumns).doNothing()
          : oc.columns(conflictColumns).doUpdateSet(values),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Deletes one document (only with this ETag, when given); false when nothing matched. */
  async delete(key: DocumentKey, etag?: string): Promise<boolean> {
    let q = this.db
      .deleteFrom('xapi_documents')
      .where('tenant_id', '=', key.tenantId)
      .where('kind', '=', key.kind)
      .where('activity_id', '=', key.activityId)
      .where('agent_key', '=', key.agentKey)
      .where('registration', '=', key.registration)
      .where('document_id', '=', key.documentId);
    if (etag !== undefined) q = q.where('etag', '=', etag);
    const result = await q.executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Deletes every document in scope (all state of an agent in an activity, optionally one registration). */
  async deleteAll(scope: DocumentScope, anyRegistration: boolean): Promise<number> {
    let q = this.db
      .deleteFrom('xapi_documents')
      .where('tenant_id', '=', scope.tenantId)
      .where('kind', '=', scope.kind)
      .where('activity_id', '=', scope.activityId)
      .where('agent_key', '=', scope.agentKey);
    if (!anyRegistration) q = q.where('registration', '=', scope.registration);
    const result = await q.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
