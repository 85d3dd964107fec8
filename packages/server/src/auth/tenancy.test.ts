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

describe.each(await engines())('keeping platforms apart on %s', (engine) => {
  let server: TestServer;
  let a: Platform;
  let b: Platform;
  let adminA: Client;
  let bobId: string;
  let classB: string;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    a = await platform(server, 'alpha');
    b = await platform(server, 'bravo');
    await addMember(server, a, 'alice', ['admin']);
    bobId = await addMember(server, b, 'bob', ['admin']);
    adminA = await signedIn(server, a.slug, 'alice');
    classB = (await server.services.classes.create(b.id, { name: 'Bravo 5A', code: 'B5A' })).id;
  });
  afterAll(async () => server.close());

  it('never signs a user of one platform in to another, even with the right password', async () => {
    const res = await client(server).post(`/api/t/${b.slug}/auth/signin`, {
      username: 'alice',
      password: PASSWORD,
    });
    expect([res.status, res.code]).toEqual([401, 'invalid_credentials']);
  });

  it('ignores one platform’s cookie on another’s routes, under either name', async () => {
    const token = adminA.cookie!.split('=')[1]!;
    const asIs = await client(server, adminA.cookie).get(`/api/t/${b.slug}/me`);
    expect(asIs.status).toBe(401);
    const renamed = await client(server, `satchel_${b.slug}=${token}`).get(`/api/t/${b.slug}/users`);
    expect(renamed.status).toBe(401);
    expect((await adminA.get(`/api/t/${a.slug}/me`)).status).toBe(200);
  });

  it('refuses one platform’s API token on another', async () => {
    const { secret } = (await adminA.post(`/api/t/${a.slug}/me/tokens`, { name: 'a-only' })).body as {
      secret: string;
    };
    expect((await client(server, `Bearer ${secret}`).get(`/api/t/${a.slug}/users`)).status).toBe(200);
    const res = await client(server, `Bearer ${secret}`).get(`/api/t/${b.slug}/users`);
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).not.toContain('bob');
  });

  it('gives an admin of one platform no view of, or hold on, another’s users', async () => {
    const list = await adminA.get(`/api/t/${a.slug}/users?limit=500`);
    expect(JSON.stringify(list.body)).not.toContain('bob');
    const answers = [
      await adminA.get(`/api/t/${a.slug}/users/${bobId}`),
      await adminA.patch(`/api/t/${a.slug}/users/${bobId}`, { displayName: 'Hijacked' }),
      await adminA.post(`/api/t/${a.slug}/users/${bobId}/password`, { password: 'taken over now' }),
      await adminA.del(`/api/t/${a.slug}/users/${bobId}`),
    ];
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('bob');
    }
    const bob = await server.services.users.get(b.id, bobId);
    expect(bob.displayName).toBe('Name of bob');
    await expect(signedIn(server, b.slug, 'bob')).resolves.toBeDefined();
  });

  it('gives an admin of one platform no view of, or hold on, another’s classes', async () => {
    expect((await adminA.get(`/api/t/${a.slug}/classes/${classB}`)).status).toBe(404);
    expect((await adminA.patch(`/api/t/${a.slug}/classes/${classB}`, { name: 'Mine now' })).status).toBe(404);
    expect(
      (await adminA.post(`/api/t/${a.slug}/classes/${classB}/members`, { userId: bobId, role: 'learner' }))
        .status,
    ).toBe(404);
    expect((await adminA.del(`/api/t/${a.slug}/classes/${classB}`)).status).toBe(404);
    const list = await adminA.get(`/api/t/${a.slug}/classes`);
    expect(list.body).toEqual({ items: [], total: 0 });
    const ownClass = (await server.services.classes.create(a.id, { name: 'Alpha 1' })).id;
    const addForeign = await adminA.post(`/api/t/${a.slug}/classes/${ownClass}/members`, {
      userId: bobId,
      role: 'learner',
    });
    expect([addForeign.status, addForeign.code]).toEqual([404, 'user_not_found']);
    expect((await server.services.classes.get(b.id, classB)).name).toBe('Bravo 5A');
  });
});
