import { uuidv7 } from '@satchel/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../platform/clock.js';
import { TenantsRepo } from '../tenants/tenants.repo.js';
import { TenantService } from '../tenants/tenants.service.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { UsersRepo } from '../users/users.repo.js';
import { ClassesRepo } from './classes.repo.js';

const NOW = '2026-01-01T00:00:00.000Z';
const sync = { created_at: NOW, updated_at: NOW, version: 1, deleted_at: null };

describe.each(await engines())('ClassesRepo on %s', (engine) => {
  let db: TestDb;
  let repo: ClassesRepo;
  let tenantId: string;

  beforeEach(async () => {
    db = await openTestDb(engine);
    repo = new ClassesRepo(db.db);
    tenantId = (
      await new TenantService(new TenantsRepo(db.db), systemClock).create({ slug: 'classes-repo', name: 'C' })
    ).id;
  });
  afterEach(async () => db.cleanup());

  const user = async (username: string): Promise<string> => {
    const id = uuidv7();
    await new UsersRepo(db.db).insert(
      {
        ...sync,
        id,
        tenant_id: tenantId,
        username,
        display_name: username,
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
      },
      ['learner'],
    );
    return id;
  };
  const klass = async (name: string, code: string | null = null): Promise<string> => {
    const id = uuidv7();
    await repo.insert({ ...sync, id, tenant_id: tenantId, name, code, grade_id: null, description: '' });
    return id;
  };
  const place = (classId: string, userId: string, role: 'educator' | 'learner') =>
    repo.insertMember({
      ...sync,
      id: uuidv7(),
      tenant_id: tenantId,
      class_id: classId,
      user_id: userId,
      role,
    });

  it('counts live educators and learners, leaving out tombstones', async () => {
    const c = await klass('7 Red');
    const [t, l1, l2] = [await user('t'), await user('l1'), await user('l2')];
    await place(c, t, 'educator');
    await place(c, l1, 'learner');
    await place(c, l2, 'learner');
    const gone = (await repo.member(tenantId, c, l2))!;
    expect(await repo.updateMember(gone.id, gone.version, { deleted_at: NOW })).toBe(true);
    expect(await repo.byId(tenantId, c)).toMatchObject({ educator_count: 1, learner_count: 1 });
    expect((await repo.members(tenantId, c)).map((m) => m.username)).toEqual(['t', 'l1']);
  });

  it('searches by name or code and narrows to the classes someone teaches', async () => {
    const teacher = await user('teach');
    const a = await klass('Maths 100%', 'M-1');
    await klass('Music', 'MU_2');
    await place(a, teacher, 'educator');
    const names = async (q?: string, educatorId?: string) =>
      (await repo.list(tenantId, { q, educatorId, limit: 10, offset: 0 })).rows.map((r) => r.name);
    expect(await names('mu_')).toEqual(['Music']);
    expect(await names('100%')).toEqual(['Maths 100%']);
    expect(await names('m')).toEqual(['Maths 100%', 'Music']);
    expect(await names(undefined, teacher)).toEqual(['Maths 100%']);
    expect((await repo.list(tenantId, { educatorId: teacher, limit: 10, offset: 0 })).total).toBe(1);
  });

  it('tombstones a class with its places, and refuses a stale version', async () => {
    const c = await klass('Leaving', 'L');
    await place(c, await user('x'), 'learner');
    expect(await repo.softDelete(tenantId, c, 2, NOW)).toBe(false);
    expect(await repo.softDelete(tenantId, c, 1, NOW)).toBe(true);
    expect(await repo.byId(tenantId, c)).toBeUndefined();
    expect(await repo.byCode(tenantId, 'L')).toBeUndefined();
    const places = await db.db.selectFrom('class_members').selectAll().where('class_id', '=', c).execute();
    expect(places.every((p) => p.deleted_at === NOW && p.version === 2)).toBe(true);
  });
});
