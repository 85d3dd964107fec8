import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { engines } from '../test-support/engines.js';
import { addMember, client, PASSWORD, platform, type Platform } from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

describe.each(await engines())('sign-in throttling on %s', (engine) => {
  let server: TestServer;
  let clock: ManualClock;
  let school: Platform;

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-03-01T08:00:00.000Z'));
    // Addresses are simulated with X-Forwarded-For, as behind a reverse proxy.
    server = await startTestServer({ engine, clock, config: { trustProxy: true } });
    school = await platform(server, 'throttle-school');
  });
  afterAll(async () => server.close());

  const signin = (username: string, password: string, ip = '192.0.2.1') =>
    client(server).call(
      'POST',
      `/api/t/${school.slug}/auth/signin`,
      { username, password },
      { 'x-forwarded-for': ip },
    );

  it('answers 429 with Retry-After after 10 failures for a username, even to the right password', async () => {
    await addMember(server, school, 'guessed', ['learner']);
    for (let i = 0; i < 10; i++)
      expect((await signin('guessed', `wrong ${i}`, `198.51.100.${i}`)).status).toBe(401);
    const limited = await signin('guessed', PASSWORD, '198.51.100.77');
    expect([limited.status, limited.code]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);

    clock.advance(15 * 60_000 + 1000);
    expect((await signin('guessed', PASSWORD, '198.51.100.78')).status).toBe(200);
  });

  it('forgets a username’s failures after a successful sign-in', async () => {
    await addMember(server, school, 'forgetful', ['learner']);
    for (let i = 0; i < 9; i++) await signin('forgetful', 'wrong', '203.0.113.5');
    expect((await signin('forgetful', PASSWORD, '203.0.113.6')).status).toBe(200);
    for (let i = 0; i < 9; i++) await signin('forgetful', 'wrong', '203.0.113.7');
    expect((await signin('forgetful', PASSWORD, '203.0.113.8')).status).toBe(200);
  });

  it('limits one address to 50 failures across usernames', async () => {
    await addMember(server, school, 'bystander', ['learner']);
    for (let i = 0; i < 50; i++) expect((await signin(`nobody${i}`, 'wrong', '192.0.2.99')).status).toBe(401);
    const limited = await signin('bystander', PASSWORD, '192.0.2.99');
    expect([limited.status, limited.code]).toEqual([429, 'rate_limited']);
    expect((await signin('bystander', PASSWORD, '192.0.2.100')).status).toBe(200);
  });

  it('counts wrong invite codes against the address', async () => {
    const invite = await platform(server, 'throttle-invite', {
      signupPolicy: 'invite',
      inviteCode: 'MARIGOLD',
    });
    const body = { username: 'newbie', password: PASSWORD, displayName: 'N', inviteCode: 'guess' };
    for (let i = 0; i < 50; i++)
      await client(server).call('POST', `/api/t/${invite.slug}/auth/signup`, body, {
        'x-forwarded-for': '192.0.2.150',
      });
    const res = await client(server).call(
      'POST',
      `/api/t/${invite.slug}/auth/signup`,
      { ...body, inviteCode: 'MARIGOLD' },
      { 'x-forwarded-for': '192.0.2.150' },
    );
    expect([res.status, res.code]).toEqual([429, 'rate_limited']);
  });
});

describe('sign-in throttling without a trusted proxy', () => {
  it('ignores a forged X-Forwarded-For, so one client cannot escape the address limit', async () => {
    const server = await startTestServer({ engine: 'sqlite' });
    try {
      const tenant = await server.services.tenants.create({ slug: 'forged', name: 'Forged' });
      let last = 0;
      for (let i = 0; i < 51; i++) {
        const res = await fetch(`${server.url}/api/t/${tenant.slug}/auth/signin`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i}` },
          body: JSON.stringify({ username: `ghost${i}`, password: 'wrong-password' }),
        });
        last = res.status;
      }
      expect(last).toBe(429);
    } finally {
      await server.close();
    }
  });
});
