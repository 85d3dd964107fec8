import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { engines } from '../test-support/engines.js';
import { addMember, client, PASSWORD, platform, signedIn, type Platform } from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { BULK_PARAMS, hashSecret, INTERACTIVE_PARAMS } from './auth.crypto.js';

const DAY = 86_400_000;

describe.each(await engines())('sessions and API tokens on %s', (engine) => {
  let server: TestServer;
  let clock: ManualClock;
  let school: Platform;

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-04-01T08:00:00.000Z'));
    server = await startTestServer({ engine, clock, config: { sessionDays: 30 } });
    school = await platform(server, 'session-school');
  });
  afterAll(async () => server.close());

  const lastSeen = async (userId: string) =>
    await server.db.db
      .selectFrom('sessions')
      .select(['last_seen_at', 'expires_at'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();

  it('keeps an active session alive by sliding its expiry, writing at most once an hour', async () => {
    const id = await addMember(server, school, 'slider', ['learner']);
    const c = await signedIn(server, school.slug, 'slider');
    const first = await lastSeen(id);
    expect(first.expires_at).toBe('2026-05-01T08:00:00.000Z');

    clock.advance(30 * 60_000);
    expect((await c.get(`/api/t/${school.slug}/me`)).status).toBe(200);
    expect(await lastSeen(id)).toEqual(first);

    clock.advance(29 * DAY);
    expect((await c.get(`/api/t/${school.slug}/me`)).status).toBe(200);
    expect((await lastSeen(id)).expires_at).toBe(new Date(clock.now().getTime() + 30 * DAY).toISOString());

    clock.advance(29 * DAY);
    expect((await c.get(`/api/t/${school.slug}/me`)).status).toBe(200);
    clock.advance(31 * DAY);
    expect((await c.get(`/api/t/${school.slug}/me`)).status).toBe(401);
  });

  it('renews the cookie lifetime when the app asks who is signed in', async () => {
    await addMember(server, school, 'renewer', ['learner']);
    const c = await signedIn(server, school.slug, 'renewer');
    const res = await c.get(`/api/t/${school.slug}/me`);
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=2592000/);
  });

  it('upgrades a bulk-import hash to full strength at the first sign-in', async () => {
    const id = await addMember(server, school, 'imported', ['learner']);
    await server.db.db
      .updateTable('users')
      .set({ password_hash: await hashSecret(PASSWORD, BULK_PARAMS) })
      .where('id', '=', id)
      .execute();
    await signedIn(server, school.slug, 'imported');
    const row = await server.db.db
      .selectFrom('users')
      .select(['password_hash', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(new RegExp(`^scrypt\\$${INTERACTIVE_PARAMS.N}\\$`));
    await expect(signedIn(server, school.slug, 'imported')).resolves.toBeDefined();
  });

  it('lets a user make, use, list and revoke an API token', async () => {
    await addMember(server, school, 'scripter', ['author']);
    const c = await signedIn(server, school.slug, 'scripter');
    const made = await c.post(`/api/t/${school.slug}/me/tokens`, { name: 'nightly export' });
    expect(made.status).toBe(201);
    const { token, secret } = made.body as { token: { id: string; name: string }; secret: string };
    expect(secret).toMatch(/^sat_[A-Za-z0-9_-]{43}$/);

    const bot = client(server, `Bearer ${secret}`);
    const me = await bot.get(`/api/t/${school.slug}/me`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: 'scripter', roles: ['author'] } });
    expect(me.headers.get('set-cookie')).toBeNull();

    const list = await c.get(`/api/t/${school.slug}/me/tokens`);
    expect(list.body).toEqual({
      items: [
        {
          id: token.id,
          name: 'nightly export',
          createdAt: expect.any(String),
          lastUsedAt: expect.any(String),
        },
      ],
    });
    expect(JSON.stringify(list.body)).not.toContain(secret);

    expect((await c.del(`/api/t/${school.slug}/me/tokens/${token.id}`)).status).toBe(204);
    expect((await bot.get(`/api/t/${school.slug}/me`)).status).toBe(401);
    expect((await c.del(`/api/t/${school.slug}/me/tokens/${token.id}`)).code).toBe('token_not_found');
  });

  it('does not let one user revoke another’s token, and stops tokens of disabled users', async () => {
    const ownerId = await addMember(server, school, 'owner', ['learner']);
    await addMember(server, school, 'meddler', ['learner']);
    const owner = await signedIn(server, school.slug, 'owner');
    const { token, secret } = (await owner.post(`/api/t/${school.slug}/me/tokens`, { name: 'mine' }))
      .body as { token: { id: string }; secret: string };
    const meddler = await signedIn(server, school.slug, 'meddler');
    expect((await meddler.del(`/api/t/${school.slug}/me/tokens/${token.id}`)).status).toBe(404);
    expect((await client(server, `Bearer ${secret}`).get(`/api/t/${school.slug}/me`)).status).toBe(200);
    await server.services.users.disable(school.id, ownerId);
    await server.services.users.enable(school.id, ownerId);
    // Disabling revokes tokens for good: enabling the account again does not bring them back.
    expect((await client(server, `Bearer ${secret}`).get(`/api/t/${school.slug}/me`)).status).toBe(401);
  });

  it('refuses a malformed bearer token without looking at the cookie', async () => {
    await addMember(server, school, 'mixed', ['learner']);
    const c = await signedIn(server, school.slug, 'mixed');
    const res = await c.call('GET', `/api/t/${school.slug}/me`, undefined, {
      authorization: 'Bearer not-a-token',
    });
    expect(res.status).toBe(401);
  });
});
