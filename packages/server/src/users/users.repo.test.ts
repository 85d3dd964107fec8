import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7, type Role } from '@satchel/core';
import { systemClock } from '../platform/clock.js';
import { TenantsRepo } from '../tenants/tenants.repo.js';
import { TenantService } from '../tenants/tenants.service.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { UsersRepo, type NewUserRow } from './users.repo.js';

const NOW = '2026-01-01T00:00:00.000Z';

describe.each(await engines())('UsersRepo on %s', (engine) => {
  let db: TestDb;
  let repo: UsersRepo;
  let tenantId: string;

  beforeEach(async () => {
    db = await openTestDb(engine);
    repo = new UsersRepo(db.db);
    tenantId = (
      await new TenantService(new TenantsRepo(db.db), systemClock).create({ slug: 'users-repo', name: 'R' })
    ).id;
  });
  afterEach(async () => db.cleanup());

  const user = (username: string, extra: Partial<NewUserRow> = {}): NewUserRow => ({
    id: uuidv7(),
    tenant_id: tenantId,
    username,
    display_name: `Name ${username}`,
    password_hash: null,
    pin_hash: null,
    email: null,
    phone: null,
    locale: null,
    sex: null,
    birth_year: null,
    region: null,
    disability: null,
    external_id: null,
    is_operator: 0,
    status: 'active',
    created_at: NOW,
    updated_at: NOW,
    version: 1,
    deleted_at: null,
    ...extra,
  });
  const add = async (username: string, roles: Role[], extra: Partial<NewUserRow> = {}): Promise<string> => {
    const row = user(username, extra);
    expect(await repo.insert(row, roles)).toBe(true);
    return row.id as string;
  };

  it('refuses a second user with the same username in a tenant', async () => {
    await add('zara', ['learner']);
    expect(await repo.insert(user('zara'), ['learner'])).toBe(false);
    expect((await repo.list(tenantId, { limit: 10, offset: 0 })).total).toBe(1);
  });

  it('searches names ignoring case, treats % and _ literally, and filters by role and status', async () => {
    await add('amina_k', ['learner'], { display_name: 'Amina Kamara' });
    await add('aminak', ['educator'], { display_name: 'AMINA Kone', email: 'amina@example.org' });
    await add('bello', ['learner'], { status: 'disabled' });
    const search = async (q: string) =>
      (await repo.list(tenantId, { q, limit: 10, offset: 0 })).rows.map((r) => r.username);
    expect(await search('amina')).toEqual(['amina_k', 'aminak']);
    expect(await search('KAMARA')).toEqual(['amina_k']);
    expect(await search('a_k')).toEqual(['amina_k']);
    expect(await search('%')).toEqual([]);
    expect(await search('example.org')).toEqual(['aminak']);
    expect(
      (await repo.list(tenantId, { role: 'educator', limit: 10, offset: 0 })).rows.map((r) => r.username),
    ).toEqual(['aminak']);
    expect(
      (await repo.list(tenantId, { status: 'disabled', limit: 10, offset: 0 })).rows.map((r) => r.username),
    ).toEqual(['bello']);
  });

  it('pages in username order and counts every match', async () => {
    for (const name of ['u05', 'u03', 'u01', 'u04', 'u02']) await add(name, ['learner']);
    const page = await repo.list(tenantId, { limit: 2, offset: 2 });
    expect(page.rows.map((r) => r.username)).toEqual(['u03', 'u04']);
    expect(page.total).toBe(5);
  });

  it('bumps the version on update and refuses a stale version', async () => {
    const id = await add('versioned', ['learner']);
    expect(
      await repo.update(tenantId, id, 1, { display_name: 'V2', updated_at: '2026-01-02T00:00:00.000Z' }),
    ).toBe(true);
    expect(
      await repo.update(tenantId, id, 1, { display_name: 'stale', updated_at: '2026-01-03T00:00:00.000Z' }),
    ).toBe(false);
    expect(await repo.byId(tenantId, id)).toMatchObject({
      display_name: 'V2',
      version: 2,
      updated_at: '2026-01-02T00:00:00.000Z',
    });
  });

  it('replaces roles by tombstoning and reviving membership rows', async () => {
    const id = await add('roles', ['learner', 'educator']);
    expect(await repo.update(tenantId, id, 1, { updated_at: NOW }, ['educator'])).toBe(true);
    expect(await repo.rolesOf(tenantId, id)).toEqual(['educator']);
    expect(await repo.update(tenantId, id, 2, { updated_at: NOW }, ['admin', 'learner'])).toBe(true);
    expect(await repo.rolesOf(tenantId, id)).toEqual(['admin', 'learner']);
    const rows = await repo.membershipsOf(tenantId, [id]);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.role === 'learner')).toMatchObject({ deleted_at: null, version: 3 });
    expect(rows.find((r) => r.role === 'educator')?.deleted_at).not.toBeNull();
  });

  it('leaves a tombstone on delete and frees the username', async () => {
    const id = await add('leaving', ['learner'], { password_hash: 'scrypt$x' });
    const row = (await repo.byId(tenantId, id))!;
    expect(await repo.softDelete(row, '2026-02-01T00:00:00.000Z')).toBe(true);
    expect(await repo.byId(tenantId, id)).toBeUndefined();
    expect(await repo.byUsername(tenantId, 'leaving')).toBeUndefined();
    const tomb = await db.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(tomb).toMatchObject({ deleted_at: '2026-02-01T00:00:00.000Z', version: 2, password_hash: null });
    expect(await repo.rolesOf(tenantId, id)).toEqual([]);
    await add('leaving', ['learner']);
  });

  it('finds users for an import by username or roster id, in chunks', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await add(`imp${i}`, ['learner'], { external_id: `SIS-${i}` }));
    const found = await repo.findForImport(
      tenantId,
      ['imp0', ...Array.from({ length: 1200 }, (_, i) => `none${i}`)],
      ['SIS-2', 'SIS-9'],
    );
    expect(found.map((u) => u.username).sort()).toEqual(['imp0', 'imp2']);
  });
});
