import type { User } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import {
  addMember,
  client,
  PASSWORD,
  platform,
  signedIn,
  type Client,
  type Platform,
} from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

describe.each(await engines())('managing users over HTTP on %s', (engine) => {
  let server: TestServer;
  let school: Platform;
  let admin: Client;
  let adminId: string;
  const base = () => `/api/t/${school.slug}/users`;
  const created = async (body: Record<string, unknown>): Promise<User> => {
    const res = await admin.post(base(), body);
    expect(res.status).toBe(201);
    return (res.body as { user: User }).user;
  };

  beforeAll(async () => {
    server = await startTestServer({ engine });
    school = await platform(server, 'users-school');
    adminId = await addMember(server, school, 'head', ['admin']);
    admin = await signedIn(server, school.slug, 'head');
  });
  afterAll(async () => server.close());

  it('keeps the user routes to admins', async () => {
    await addMember(server, school, 'pupil', ['learner']);
    const pupil = await signedIn(server, school.slug, 'pupil');
    for (const res of [
      await pupil.get(base()),
      await pupil.post(base(), { username: 'x1', displayName: 'X' }),
      await pupil.get(`${base()}/${adminId}`),
    ]) {
      expect([res.status, res.code]).toEqual([403, 'forbidden']);
    }
    expect((await client(server).get(base())).status).toBe(401);
  });

  it('creates a user with demographics, never showing a secret', async () => {
    const user = await created({
      username: 'Grace.O',
      displayName: 'Grace O.',
      password: 'long enough pass',
      pin: '2468',
      roles: ['learner', 'facilitator'],
      email: 'grace@example.org',
      sex: 'female',
      birthYear: 2011,
      region: 'North',
      disability: true,
      externalId: 'SIS-77',
    });
    expect(user).toMatchObject({
      username: 'grace.o',
      roles: ['facilitator', 'learner'],
      status: 'active',
      sex: 'female',
      birthYear: 2011,
      region: 'North',
      disability: true,
      externalId: 'SIS-77',
      hasPassword: true,
      hasPin: true,
      version: 1,
      isOperator: false,
    });
    expect(JSON.stringify(user)).not.toMatch(/scrypt|long enough|2468/);
    await expect(signedIn(server, school.slug, 'grace.o', 'long enough pass')).resolves.toBeDefined();
    const dup = await admin.post(base(), { username: 'grace.o', displayName: 'Other' });
    expect([dup.status, dup.code]).toEqual([409, 'username_taken']);
    const dupId = await admin.post(base(), { username: 'other', displayName: 'Other', externalId: 'SIS-77' });
    expect([dupId.status, dupId.code]).toEqual([409, 'external_id_taken']);
    const bad = await admin.post(base(), { username: 'x', displayName: 'X', roles: ['wizard'] });
    expect([bad.status, bad.code]).toEqual([400, 'validation_failed']);
  });

  it('lists users with search, role filter and paging', async () => {
    for (const n of ['lst-a', 'lst-b', 'lst-c'])
      await created({ username: n, displayName: `List ${n}`, roles: ['educator'] });
    const page = await admin.get(`${base()}?q=lst-&role=educator&limit=2&offset=1`);
    expect(page.status).toBe(200);
    const body = page.body as { items: User[]; total: number };
    expect(body.total).toBe(3);
    expect(body.items.map((u) => u.username)).toEqual(['lst-b', 'lst-c']);
    const wrong = await admin.get(`${base()}?limit=0`);
    expect(wrong.code).toBe('validation_failed');
  });

  it('updates profile and roles, bumping the version, and refuses a stale edit', async () => {
    const user = await created({ username: 'editme', displayName: 'Edit Me' });
    const res = await admin.patch(`${base()}/${user.id}`, {
      displayName: 'Edited',
      region: 'Coast',
      birthYear: 2009,
      roles: ['educator'],
      version: 1,
    });
    expect(res.status).toBe(200);
    const after = (res.body as { user: User }).user;
    expect(after).toMatchObject({
      displayName: 'Edited',
      region: 'Coast',
      birthYear: 2009,
      roles: ['educator'],
      version: 2,
    });
    expect(after.updatedAt >= user.updatedAt).toBe(true);
    const stale = await admin.patch(`${base()}/${user.id}`, { displayName: 'Stale', version: 1 });
    expect([stale.status, stale.code]).toEqual([409, 'edit_conflict']);
    const cleared = await admin.patch(`${base()}/${user.id}`, { region: null, pin: '9753' });
    expect((cleared.body as { user: User }).user).toMatchObject({ region: null, hasPin: true, version: 3 });
  });

  it('signs a user out everywhere when disabled or when an admin sets their password', async () => {
    const user = await created({ username: 'tobi', displayName: 'Tobi', password: PASSWORD });
    const tobi = await signedIn(server, school.slug, 'tobi');
    expect((await admin.patch(`${base()}/${user.id}`, { status: 'disabled' })).status).toBe(200);
    expect((await tobi.get(`/api/t/${school.slug}/me`)).status).toBe(401);
    expect((await admin.patch(`${base()}/${user.id}`, { status: 'active' })).status).toBe(200);

    const again = await signedIn(server, school.slug, 'tobi');
    expect((await admin.post(`${base()}/${user.id}/password`, { password: 'reset by admin' })).status).toBe(
      204,
    );
    expect((await again.get(`/api/t/${school.slug}/me`)).status).toBe(401);
    await expect(signedIn(server, school.slug, 'tobi', 'reset by admin')).resolves.toBeDefined();
    const short = await admin.post(`${base()}/${user.id}/password`, { password: 'short' });
    expect(short.code).toBe('validation_failed');
  });

  it('deletes a user, leaving the username free', async () => {
    const user = await created({ username: 'gone', displayName: 'Gone', password: PASSWORD });
    expect((await admin.del(`${base()}/${user.id}`)).status).toBe(204);
    expect((await admin.get(`${base()}/${user.id}`)).code).toBe('user_not_found');
    expect(
      (
        await client(server).post(`/api/t/${school.slug}/auth/signin`, {
          username: 'gone',
          password: PASSWORD,
        })
      ).status,
    ).toBe(401);
    const reborn = await created({ username: 'gone', displayName: 'New Gone' });
    expect(reborn.id).not.toBe(user.id);
  });

  it('does not let an admin lock themselves out', async () => {
    expect((await admin.patch(`${base()}/${adminId}`, { status: 'disabled' })).code).toBe('self_lockout');
    expect((await admin.patch(`${base()}/${adminId}`, { roles: ['learner'] })).code).toBe('self_lockout');
    expect((await admin.del(`${base()}/${adminId}`)).code).toBe('self_lockout');
    expect((await admin.get(`/api/t/${school.slug}/me`)).status).toBe(200);
  });

  it('protects the instance operator’s account from tenant admins', async () => {
    const opId = await addMember(server, school, 'operator', ['admin'], { isOperator: true });
    const attempts = [
      await admin.post(`${base()}/${opId}/password`, { password: 'i own you now' }),
      await admin.patch(`${base()}/${opId}`, { status: 'disabled' }),
      await admin.del(`${base()}/${opId}`),
      await admin.post(base(), { username: 'second-op', displayName: 'Op 2', isOperator: true }),
    ];
    for (const res of attempts) expect(res.status).toBe(403);
    await expect(signedIn(server, school.slug, 'operator')).resolves.toBeDefined();
    const op = await signedIn(server, school.slug, 'operator');
    const made = await op.post(base(), { username: 'second-op', displayName: 'Op 2', isOperator: true });
    expect((made.body as { user: User }).user.isOperator).toBe(true);
  });

  it('adds and removes single roles through the service', async () => {
    const user = await created({ username: 'roley', displayName: 'Roley' });
    expect((await server.services.users.addRole(school.id, user.id, 'author')).roles).toEqual([
      'author',
      'learner',
    ]);
    expect((await server.services.users.removeRole(school.id, user.id, 'learner')).roles).toEqual(['author']);
    await expect(server.services.users.removeRole(school.id, user.id, 'author')).rejects.toMatchObject({
      code: 'last_role',
    });
    expect((await server.services.users.get(school.id, user.id)).version).toBe(3);
  });
});
