import { uuidv7, VERBS } from '@satchel/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, engines, type TestDb } from '../test-support/engines.js';
import { LrsRepo, type StatementInsert } from './lrs.repo.js';

const TENANT = uuidv7();
const OTHER = uuidv7();

function row(tenantId: string, extra: Partial<StatementInsert> = {}): StatementInsert {
  const id = extra.id ?? uuidv7();
  return {
    tenant_id: tenantId,
    id,
    actor_key: 'mbox:mailto:ann@example.org',
    user_id: null,
    verb_id: VERBS.experienced,
    object_id: 'https://example.org/a',
    registration: null,
    timestamp: '2026-01-01T00:00:00.000Z',
    stored: '2026-01-01T00:00:00.000Z',
    voided: 0,
    voided_target: null,
    course_id: null,
    statement: JSON.stringify({ id }),
    ...extra,
  };
}

describe.each(await engines())('LrsRepo on %s', (engine) => {
  let handle: TestDb;
  let repo: LrsRepo;

  beforeEach(async () => {
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
    repo = new LrsRepo(handle.db);
  });
  afterEach(async () => handle.cleanup());

  it('inserts only what is new and says which ids those were', async () => {
    const a = row(TENANT);
    const b = row(TENANT);
    expect([...(await repo.insertNew([a]))]).toEqual([a.id]);
    expect([...(await repo.insertNew([a, b]))]).toEqual([b.id]);
    // The same id in another tenant is another statement.
    expect([...(await repo.insertNew([{ ...a, tenant_id: OTHER }]))]).toEqual([a.id]);
    expect(await repo.byIds(TENANT, [a.id, b.id])).toHaveLength(2);
  });

  it('inserts more rows than one statement may bind, in chunks, in one transaction', async () => {
    const rows = Array.from({ length: 2500 }, () => row(TENANT));
    const inserted = await repo.transaction((tx) => tx.insertNew(rows));
    expect(inserted.size).toBe(2500);
  });

  it('rolls back a transaction that fails', async () => {
    const a = row(TENANT);
    await expect(
      repo.transaction(async (tx) => {
        await tx.insertNew([a]);
        throw new Error('conflict found');
      }),
    ).rejects.toThrow('conflict found');
    expect(await repo.byIds(TENANT, [a.id])).toEqual([]);
  });

  it('voids what a stored voiding statement targets, never a voiding statement, and reports whose progress changed', async () => {
    const target = row(TENANT, { user_id: 'u1', course_id: 'c1' });
    const voider = row(TENANT, { verb_id: VERBS.voided, voided_target: target.id });
    const untargeted = row(TENANT);
    const voidsVoider = row(TENANT, { verb_id: VERBS.voided, voided_target: voider.id });
    await repo.insertNew([target, voider, untargeted, voidsVoider]);
    const candidates = [target.id, voider.id, untargeted.id];
    expect(await repo.voidTargeted(TENANT, candidates, VERBS.voided)).toEqual([
      { user_id: 'u1', course_id: 'c1' },
    ]);
    expect(await repo.voidTargeted(TENANT, candidates, VERBS.voided)).toEqual([]);
    expect((await repo.one(TENANT, target.id, true))?.id).toBe(target.id);
    expect(await repo.one(TENANT, target.id, false)).toBeUndefined();
    expect((await repo.one(TENANT, voider.id, false))?.id).toBe(voider.id);
    expect((await repo.one(TENANT, untargeted.id, false))?.id).toBe(untargeted.id);
    // A voiding statement in one tenant never reaches another tenant's statement.
    const elsewhere = row(OTHER, { id: untargeted.id });
    await repo.insertNew([elsewhere, row(TENANT, { verb_id: VERBS.voided, voided_target: untargeted.id })]);
    await repo.voidTargeted(OTHER, [untargeted.id], VERBS.voided);
    expect((await repo.one(OTHER, untargeted.id, false))?.id).toBe(untargeted.id);
  });

  it('says which new statements a voiding statement stored earlier already targets, in its own tenant only', async () => {
    const late = row(TENANT);
    const other = row(TENANT);
    await repo.insertNew([row(TENANT, { verb_id: VERBS.voided, voided_target: late.id })]);
    await repo.insertNew([row(OTHER, { verb_id: VERBS.voided, voided_target: other.id })]);
    const flags = await repo.insertNewNotingVoided([late, other]);
    expect(Object.fromEntries(flags)).toEqual({ [late.id]: true, [other.id]: false });
    // A re-sent statement is not new, so it is not reported again.
    expect((await repo.insertNewNotingVoided([late])).size).toBe(0);
  });

  it('pages by (stored, id) in either direction without skipping ties', async () => {
    const rows = ['01', '01', '01', '02', '02', '03'].map((minute) =>
      row(TENANT, { stored: `2026-01-01T00:${minute}:00.000Z` }),
    );
    await repo.insertNew(rows);
    for (const ascending of [true, false]) {
      const seen: string[] = [];
      let after: { stored: string; id: string } | undefined;
      for (;;) {
        const page = await repo.query(TENANT, { ascending, limit: 2, ...(after ? { after } : {}) });
        if (page.length === 0) break;
        seen.push(...page.map((r) => r.id));
        const last = page[page.length - 1]!;
        after = { stored: last.stored, id: last.id };
      }
      const expected = [...rows]
        .sort((x, y) => `${x.stored}${x.id}`.localeCompare(`${y.stored}${y.id}`))
        .map((r) => r.id);
      expect(seen).toEqual(ascending ? expected : expected.reverse());
    }
    expect(
      await repo.query(TENANT, {
        ascending: true,
        limit: 10,
        since: '2026-01-01T00:01:00.000Z',
        until: '2026-01-01T00:02:00.000Z',
      }),
    ).toHaveLength(2);
    expect(await repo.query(OTHER, { ascending: true, limit: 10 })).toEqual([]);
  });

  it('matches an agent as the actor or as the object', async () => {
    await repo.insertNew([
      row(TENANT),
      row(TENANT, { actor_key: 'mbox:mailto:bo@example.org', object_id: 'mbox:mailto:ann@example.org' }),
      row(TENANT, { actor_key: 'x' }),
    ]);
    expect(
      await repo.query(TENANT, { ascending: true, limit: 10, agentKey: 'mbox:mailto:ann@example.org' }),
    ).toHaveLength(2);
  });
});
