import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '@satchel/core';
import { systemClock } from '../platform/clock.js';
import { TenantService } from '../tenants/tenants.service.js';
import { TenantsRepo } from '../tenants/tenants.repo.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { UsersRepo } from '../users/users.repo.js';
import { AuthRepo } from './auth.repo.js';

describe.each(await engines())('AuthRepo on %s', (engine) => {
  let db: TestDb;
  let repo: AuthRepo;
  let tenantId: string;
  let userId: string;

  beforeEach(async () => {
    db = await openTestDb(engine);
    repo = new AuthRepo(db.db);
    tenantId = (
      await new TenantService(new TenantsRepo(db.db), systemClock).create({
        slug: 'repo-school',
        name: 'Repo',
      })
    ).id;
    userId = uuidv7();
    const now = '2026-01-01T00:00:00.000Z';
    await new UsersRepo(db.db).insert(
      {
        id: userId,
        tenant_id: tenantId,
        username: 'kofi',
        display_name: 'Kofi',
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
        created_at: now,
        updated_at: now,
        version: 1,
        deleted_at: null,
      },
      ['learner'],
    );
  });
  afterEach(async () => db.cleanup());

  it('counts failures in a window and restarts the count once the window is stale', async () => {
    await repo.hit(tenantId, 'k', '2026-01-01T10:00:00.000Z', '2026-01-01T09:45:00.000Z');
    await repo.hit(tenantId, 'k', '2026-01-01T10:01:00.000Z', '2026-01-01T09:46:00.000Z');
    await Promise.all(
      Array.from({ length: 5 }, () =>
        repo.hit(tenantId, 'k', '2026-01-01T10:02:00.000Z', '2026-01-01T09:47:00.000Z'),
      ),
    );
    expect(await repo.rateLimit(tenantId, 'k')).toMatchObject({
      count: 7,
      window_start: '2026-01-01T10:00:00.000Z',
    });
    await repo.hit(tenantId, 'k', '2026-01-01T10:20:00.000Z', '2026-01-01T10:05:00.000Z');
    expect(await repo.rateLimit(tenantId, 'k')).toMatchObject({
      count: 1,
      window_start: '2026-01-01T10:20:00.000Z',
    });
    await repo.clearRateLimit(tenantId, 'k');
    expect(await repo.rateLimit(tenantId, 'k')).toBeUndefined();
  });

  it('finds a session owner only while the session is unexpired and the user active', async () => {
    await repo.insertSession({
      id: 'h1',
      tenant_id: tenantId,
      user_id: userId,
      created_at: '2026-01-01T00:00:00.000Z',
      expires_at: '2026-01-31T00:00:00.000Z',
      last_seen_at: '2026-01-01T00:00:00.000Z',
      user_agent: null,
    });
    expect(await repo.sessionOwner(tenantId, 'h1', '2026-01-02T00:00:00.000Z')).toMatchObject({
      user_id: userId,
      username: 'kofi',
    });
    expect(await repo.sessionOwner(tenantId, 'h1', '2026-02-01T00:00:00.000Z')).toBeUndefined();
    expect(await repo.sessionOwner(uuidv7(), 'h1', '2026-01-02T00:00:00.000Z')).toBeUndefined();
    await db.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', userId).execute();
    expect(await repo.sessionOwner(tenantId, 'h1', '2026-01-02T00:00:00.000Z')).toBeUndefined();
  });

  it('ends all of a user’s sessions but the one kept', async () => {
    for (const id of ['s1', 's2', 's3']) {
      await repo.insertSession({
        id,
        tenant_id: tenantId,
        user_id: userId,
        created_at: 'x',
        expires_at: '2099-01-01T00:00:00.000Z',
        last_seen_at: 'x',
        user_agent: null,
      });
    }
    await repo.deleteUserSessions(tenantId, userId, 's2');
    const left = await db.db.selectFrom('sessions').select('id').execute();
    expect(left.map((r) => r.id)).toEqual(['s2']);
  });
});
