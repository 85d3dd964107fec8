import { uuidv7 } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { LrsDocumentsRepo, type DocumentKey } from './lrs-documents.repo.js';

const TENANT = uuidv7();
const OTHER = uuidv7();

function doc(text: string, etag: string, updated = '2026-01-01T00:00:00.000Z') {
  return { contentType: 'text/plain', content: Buffer.from(text), etag, updated };
}

describe.each(await engines())('LrsDocumentsRepo on %s', (engine) => {
  let handle: TestDb;
  let repo: LrsDocumentsRepo;
  let n = 0;
  const key = (extra: Partial<DocumentKey> = {}): DocumentKey => ({
    tenantId: TENANT,
    kind: 'state',
    activityId: 'https://example.org/a',
    agentKey: 'mbox:mailto:ann@example.org',
    registration: '',
    documentId: `doc-${++n}`,
    ...extra,
  });

  beforeAll(async () => {
    handle = await openTestDb(engine);
    const now = '2026-01-01T00:00:00.000Z';
    for (const id of [TENANT, OTHER]) {
      await handle.db
        .insertInto('tenants')
        .values({
          id,
          slug: `t-${id.slice(-8)}`,
          name: 'T',
          default_locale: 'en',
          locales: '["en"]',
          branding: '{}',
          audiences: '[]',
          signup_policy: 'open',
          invite_code: null,
          allow_pin: 0,
          storage_limit_bytes: 1,
          upload_limit_bytes: 1,
          created_at: now,
          updated_at: now,
          version: 1,
          deleted_at: null,
        })
        .execute();
    }
    repo = new LrsDocumentsRepo(handle.db);
  });
  afterAll(async () => handle.cleanup());

  it('round-trips bytes exactly, with content type and ETag', async () => {
    const k = key();
    const bytes = Buffer.from([0, 255, 1, 128, 10, 13]);
    expect(await repo.write(k, { ...doc('', 'e1'), content: bytes }, { kind: 'absent' })).toBe(true);
    const got = await repo.get(k);
    expect(got?.content.equals(bytes)).toBe(true);
    expect(got).toMatchObject({ contentType: 'text/plain', etag: 'e1' });
  });

  it('a create-only write fails when the document exists; an ETag write only on that ETag', async () => {
    const k = key();
    expect(await repo.write(k, doc('a', 'e1'), { kind: 'absent' })).toBe(true);
    expect(await repo.write(k, doc('b', 'e2'), { kind: 'absent' })).toBe(false);
    expect(await repo.write(k, doc('b', 'e2'), { kind: 'etag', etag: 'wrong' })).toBe(false);
    expect((await repo.get(k))?.content.toString()).toBe('a');
    expect(await repo.write(k, doc('b', 'e2'), { kind: 'etag', etag: 'e1' })).toBe(true);
    expect((await repo.get(k))?.content.toString()).toBe('b');
    expect(await repo.write(k, doc('c', 'e3'), { kind: 'any' })).toBe(true);
    expect((await repo.get(k))?.etag).toBe('e3');
  });

  it('lists ids in scope, optionally only those updated after since', async () => {
    const activityId = `https://example.org/list-${uuidv7()}`;
    await repo.write(key({ activityId, documentId: 'old' }), doc('x', 'e', '2026-01-01T00:00:00.000Z'), {
      kind: 'any',
    });
    await repo.write(key({ activityId, documentId: 'new' }), doc('x', 'e', '2026-02-01T00:00:00.000Z'), {
      kind: 'any',
    });
    await repo.write(key({ activityId, documentId: 'reg', registration: uuidv7() }), doc('x', 'e'), {
      kind: 'any',
    });
    const scope = key({ activityId });
    expect(await repo.ids(scope)).toEqual(['new', 'old']);
    expect(await repo.ids(scope, '2026-01-15T00:00:00.000Z')).toEqual(['new']);
  });

  it('deletes one document (only with the ETag when given) or all of an agent in an activity', async () => {
    const activityId = `https://example.org/delete-${uuidv7()}`;
    const registration = uuidv7();
    const one = key({ activityId, documentId: 'one' });
    await repo.write(one, doc('x', 'e1'), { kind: 'any' });
    await repo.write(key({ activityId, documentId: 'two' }), doc('x', 'e1'), { kind: 'any' });
    await repo.write(key({ activityId, documentId: 'three', registration }), doc('x', 'e1'), { kind: 'any' });
    expect(await repo.delete(one, 'other')).toBe(false);
    expect(await repo.delete(one, 'e1')).toBe(true);
    expect(await repo.deleteAll(key({ activityId, registration }), false)).toBe(1);
    expect(await repo.deleteAll(key({ activityId }), true)).toBe(1);
    expect(await repo.ids(key({ activityId }))).toEqual([]);
  });

  it('never reads or deletes another tenant’s documents', async () => {
    const k = key();
    await repo.write(k, doc('mine', 'e1'), { kind: 'any' });
    expect(await repo.get({ ...k, tenantId: OTHER })).toBeUndefined();
    expect(await repo.ids({ ...k, tenantId: OTHER })).toEqual([]);
    expect(await repo.deleteAll({ ...k, tenantId: OTHER }, true)).toBe(0);
    expect(await repo.get(k)).toBeDefined();
  });
});
