import { createHash } from 'node:crypto';
import { AppError, conflict, forbidden, invalid, notFound, preconditionFailed } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import type {
  DocumentKey,
  DocumentScope,
  LrsDocumentsRepo,
  StoredDocument,
  WriteExpectation,
} from './lrs-documents.repo.js';

// The rules the three document resources share (Communication 2.2–2.7, 3.1):
// ETags are the quoted SHA-1 of the bytes; If-Match / If-None-Match are honoured
// on every write (412 when they fail); a PUT over an existing document without
// either header is a 409 for profiles (and for state too with an xAPI 2.0 client);
// POST merges JSON objects at the top level and refuses to merge anything else.

export interface Preconditions {
  ifMatch?: string | undefined;
  ifNoneMatch?: string | undefined;
}

export interface IncomingDocument {
  contentType: string;
  content: Buffer;
}

export interface DocumentAccess {
  /** The caller's own agent key when they may only touch their own documents (a learner), else null. */
  ownAgentKey: string | null;
  /** Whether the caller may write activity profiles (credentials and admins). */
  writesActivities: boolean;
}

const JSON_TYPE = 'application/json';

function isJsonType(contentType: string): boolean {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase() === JSON_TYPE;
}

export function etagOf(content: Buffer): string {
  return createHash('sha1').update(content).digest('hex');
}

/** The ETag values an If-Match / If-None-Match header lists ("*" included), unquoted. */
function tags(header: string): string[] {
  return header
    .split(',')
    .map((t) =>
      t
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1'),
    )
    .filter((t) => t !== '');
}

function checkPreconditions(current: StoredDocument | undefined, pre: Preconditions): void {
  if (pre.ifMatch !== undefined) {
    const wanted = tags(pre.ifMatch);
    const ok = current !== undefined && (wanted.includes('*') || wanted.includes(current.etag));
    if (!ok) throw preconditionFailed('etag_mismatch', 'If-Match does not match the current document');
  }
  if (pre.ifNoneMatch !== undefined && current !== undefined) {
    const unwanted = tags(pre.ifNoneMatch);
    if (unwanted.includes('*') || unwanted.includes(current.etag))
      throw preconditionFailed('etag_mismatch', 'If-None-Match: the document exists (or has this ETag)');
  }
}

function jsonObject(content: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(content.toString('utf8'));
  } catch {
    throw invalid('document_not_json', `The ${what} is not valid JSON, so it cannot be merged`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid('document_not_json', `The ${what} is not a JSON object, so it cannot be merged`);
  return value as Record<string, unknown>;
}

export class LrsDocumentsService {
  constructor(
    private readonly repo: LrsDocumentsRepo,
    private readonly clock: Clock,
  ) {}

  private allow(scope: DocumentScope, access: DocumentAccess, writing: boolean): void {
    if (access.ownAgentKey === null) return;
    if (scope.kind === 'activity_profile') {
      if (writing && !access.writesActivities) throw forbidden('A learner may not change activity profiles');
      return;
    }
    if (scope.agentKey !== access.ownAgentKey) throw forbidden('A learner may only use their own documents');
  }

  async get(key: DocumentKey, access: DocumentAccess): Promise<StoredDocument> {
    this.allow(key, access, false);
    const doc = await this.repo.get(key);
    if (!doc) throw notFound('document_not_found', 'No document has this id here', { id: key.documentId });
    return doc;
  }

  async ids(scope: DocumentScope, access: DocumentAccess, since?: string): Promise<string[]> {
    this.allow(scope, access, false);
    return this.repo.ids(scope, since);
  }

  /** PUT: stores the document as sent. `requireCondition`: a 409 when it exists and no header was sent. */
  async put(
    key: DocumentKey,
    doc: IncomingDocument,
    pre: Preconditions,
    access: DocumentAccess,
    requireCondition: boolean,
  ): Promise<void> {
    this.allow(key, access, true);
    const current = await this.repo.get(key);
    checkPreconditions(current, pre);
    if (current && requireCondition && pre.ifMatch === undefined && pre.ifNoneMatch === undefined) {
      throw conflict(
        'document_exists',
        'This document exists: send If-Match with its ETag to replace it (or If-None-Match: * to create only)',
      );
    }
    await this.write(key, doc.contentType, doc.content, current);
  }

  /** POST: creates the document, or merges a JSON object into the stored JSON object. */
  async post(
    key: DocumentKey,
    doc: IncomingDocument,
    pre: Preconditions,
    access: DocumentAccess,
  ): Promise<void> {
    this.allow(key, access, true);
    const current = await this.repo.get(key);
    checkPreconditions(current, pre);
    if (current === undefined) {
      if (isJsonType(doc.contentType)) jsonObject(doc.content, 'document');
      await this.write(key, doc.contentType, doc.content, current);
      return;
    }
    if (!isJsonType(doc.contentType) || !isJsonType(current.contentType)) {
      throw invalid(
        'document_not_json',
        'POST merges JSON documents only: both the stored and the sent document must be application/json',
      );
    }
    const merged = {
      ...jsonObject(current.content, 'stored document'),
      ...jsonObject(doc.content, 'document'),
    };
    await this.write(key, JSON_TYPE, Buffer.from(JSON.stringify(merged), 'utf8'), current);
  }

  async delete(key: DocumentKey, pre: Preconditions, access: DocumentAccess): Promise<void> {
    this.allow(key, access, true);
    if (pre.ifMatch !== undefined || pre.ifNoneMatch !== undefined) {
      const current = await this.repo.get(key);
      checkPreconditions(current, pre);
      if (current && !(await this.repo.delete(key, current.etag, this.clock.now().toISOString())))
        throw preconditionFailed('etag_mismatch', 'The document changed meanwhile');
      return;
    }
    await this.repo.delete(key, undefined, this.clock.now().toISOString());
  }

  /** DELETE of every state document of an agent in an activity (in one registration when given). */
  async deleteAll(scope: DocumentScope, anyRegistration: boolean, access: DocumentAccess): Promise<void> {
    this.allow(scope, access, true);
    await this.repo.deleteAll(scope, anyRegistration, this.clock.now().toISOString());
  }

  private async write(
    key: DocumentKey,
    contentType: string,
    content: Buffer,
    current: StoredDocument | undefined,
  ): Promise<void> {
    const expect: WriteExpectation = current ? { kind: 'etag', etag: current.etag } : { kind: 'absent' };
    const written = await this.repo.write(
      key,
      { contentType, content, etag: etagOf(content), updated: this.clock.now().toISOString() },
      expect,
    );
    if (!written)
      throw new AppError(412, 'etag_mismatch', 'The document changed while this request was handled; retry');
  }
}
