import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { addMember, client, PASSWORD, platform, signedIn, type Platform } from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

describe.each(await engines())('signing up, in and out on %s', (engine) => {
  let server: TestServer;
  let open: Platform;
  let invite: Platform;
  let closed: Platform;
  let pins: Platform;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    open = await platform(server, 'open-school');
    invite = await platform(server, 'invite-school', { signupPolicy: 'invite', inviteCode: 'SUNFLOWER' });
    closed = await platform(server, 'closed-school', { signupPolicy: 'admin' });
    pins = await platform(server, 'pin-school', { allowPin: true });
  });
  afterAll(async () => server.close());

  it('signs a new learner up on an open platform with a session cookie', async () => {
    const c = client(server);
    const res = await c.post(`/api/t/${open.slug}/auth/signup`, {
      username: 'Amina',
      password: PASSWORD,
      displayName: 'Amina K.',
      locale: 'fr',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      user: {
        username: 'amina',
        displayName: 'Amina K.',
        roles: ['learner'],
        locale: 'fr',
        isOperator: false,
      },
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^satchel_open-school=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const me = await c.get(`/api/t/${open.slug}/me`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: 'amina', tenantId: open.id } });
  });

  it('stores only a hash of the session token', async () => {
    const c = client(server);
    await c.post(`/api/t/${open.slug}/auth/signup`, {
      username: 'hashcheck',
      password: PASSWORD,
      displayName: 'H',
    });
    const token = c.cookie!.split('=')[1]!;
    const rows = await server.db.db.selectFrom('sessions').select('id').execute();
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it('refuses a taken username at sign-up', async () => {
    await addMember(server, open, 'taken', ['learner']);
    const res = await client(server).post(`/api/t/${open.slug}/auth/signup`, {
      username: 'TAKEN',
      password: PASSWORD,
      displayName: 'T',
    });
    expect(res.status).toBe(409);
    expect(res.code).toBe('username_taken');
  });

  it('asks for the invite code on an invite-only platform', async () => {
    const body = { username: 'invited', password: PASSWORD, displayName: 'I' };
    const none = await client(server).post(`/api/t/${invite.slug}/auth/signup`, body);
    expect([none.status, none.code]).toEqual([403, 'invite_code_invalid']);
    const wrong = await client(server).post(`/api/t/${invite.slug}/auth/signup`, {
      ...body,
      inviteCode: 'DAISY',
    });
    expect([wrong.status, wrong.code]).toEqual([403, 'invite_code_invalid']);
    const right = await client(server).post(`/api/t/${invite.slug}/auth/signup`, {
      ...body,
      inviteCode: 'SUNFLOWER',
    });
    expect(right.status).toBe(201);
  });

  it('keeps sign-up closed where admins create accounts', async () => {
    const res = await client(server).post(`/api/t/${closed.slug}/auth/signup`, {
      username: 'nobody',
      password: PASSWORD,
      displayName: 'N',
    });
    expect([res.status, res.code]).toEqual([403, 'signup_closed']);
    expect(await server.services.users.byUsername(closed.id, 'nobody')).toBeNull();
  });

  it('signs in with the right password and answers a wrong password and an unknown user alike', async () => {
    await addMember(server, open, 'bilal', ['educator']);
    const ok = await client(server).post(`/api/t/${open.slug}/auth/signin`, {
      username: 'bilal',
      password: PASSWORD,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ user: { username: 'bilal', roles: ['educator'] } });
    const wrong = await client(server).post(`/api/t/${open.slug}/auth/signin`, {
      username: 'bilal',
      password: 'not the password',
    });
    const unknown = await client(server).post(`/api/t/${open.slug}/auth/signin`, {
      username: 'ghost',
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.code).toBe('invalid_credentials');
  });

  it('ends the session on sign-out, so the old cookie no longer works', async () => {
    await addMember(server, open, 'chidi', ['learner']);
    const c = await signedIn(server, open.slug, 'chidi');
    const oldCookie = c.cookie!;
    const out = await c.post(`/api/t/${open.slug}/auth/signout`);
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^satchel_open-school=;/);
    const again = await client(server, oldCookie).get(`/api/t/${open.slug}/me`);
    expect([again.status, again.code]).toEqual([401, 'unauthenticated']);
  });

  it('lets a user change their display name and language', async () => {
    await addMember(server, open, 'dara', ['learner']);
    const c = await signedIn(server, open.slug, 'dara');
    const res = await c.patch(`/api/t/${open.slug}/me`, { displayName: 'Dara M.', locale: 'ar' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { displayName: 'Dara M.', locale: 'ar' } });
    expect((await c.get(`/api/t/${open.slug}/me`)).body).toMatchObject({
      user: { displayName: 'Dara M.', locale: 'ar' },
    });
    const bad = await c.patch(`/api/t/${open.slug}/me`, { username: 'someone-else' });
    expect([bad.status, bad.code]).toEqual([400, 'validation_failed']);
  });

  it('accepts a PIN only on platforms that allow PINs', async () => {
    await addMember(server, pins, 'little', ['learner'], { pin: '4821' });
    const ok = await client(server).post(`/api/t/${pins.slug}/auth/signin`, {
      username: 'little',
      pin: '4821',
    });
    expect(ok.status).toBe(200);
    const wrong = await client(server).post(`/api/t/${pins.slug}/auth/signin`, {
      username: 'little',
      pin: '1111',
    });
    expect([wrong.status, wrong.code]).toEqual([401, 'invalid_credentials']);

    await addMember(server, open, 'nopin', ['learner'], { pin: '4821' });
    const refused = await client(server).post(`/api/t/${open.slug}/auth/signin`, {
      username: 'nopin',
      pin: '4821',
    });
    expect([refused.status, refused.code]).toEqual([403, 'pin_signin_disabled']);
  });

  it('stops a disabled user’s sessions at once and refuses their next sign-in', async () => {
    const id = await addMember(server, open, 'esther', ['learner']);
    const c = await signedIn(server, open.slug, 'esther');
    await server.services.users.disable(open.id, id);
    expect((await c.get(`/api/t/${open.slug}/me`)).status).toBe(401);
    const again = await client(server).post(`/api/t/${open.slug}/auth/signin`, {
      username: 'esther',
      password: PASSWORD,
    });
    expect([again.status, again.code]).toEqual([403, 'account_disabled']);
    await server.services.users.enable(open.id, id);
    expect(
      (
        await client(server).post(`/api/t/${open.slug}/auth/signin`, {
          username: 'esther',
          password: PASSWORD,
        })
      ).status,
    ).toBe(200);
  });

  it('changes my password and signs my other devices out', async () => {
    await addMember(server, open, 'farah', ['learner']);
    const phone = await signedIn(server, open.slug, 'farah');
    const laptop = await signedIn(server, open.slug, 'farah');
    const wrong = await laptop.post(`/api/t/${open.slug}/me/password`, {
      currentPassword: 'nope',
      newPassword: 'a new passphrase',
    });
    expect([wrong.status, wrong.code]).toEqual([403, 'wrong_password']);
    const res = await laptop.post(`/api/t/${open.slug}/me/password`, {
      currentPassword: PASSWORD,
      newPassword: 'a new passphrase',
    });
    expect(res.status).toBe(204);
    expect((await laptop.get(`/api/t/${open.slug}/me`)).status).toBe(200);
    expect((await phone.get(`/api/t/${open.slug}/me`)).status).toBe(401);
    await expect(signedIn(server, open.slug, 'farah', 'a new passphrase')).resolves.toBeDefined();
  });

  it('answers /me without a session with 401', async () => {
    const res = await client(server).get(`/api/t/${open.slug}/me`);
    expect([res.status, res.code]).toEqual([401, 'unauthenticated']);
  });
});

describe('session cookies behind https', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { secureCookies: true } });
  });
  afterAll(async () => server.close());

  it('marks the cookie Secure', async () => {
    const p = await platform(server, 'secure-school');
    const res = await client(server).post(`/api/t/${p.slug}/auth/signup`, {
      username: 'sam',
      password: PASSWORD,
      displayName: 'Sam',
    });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });
});
