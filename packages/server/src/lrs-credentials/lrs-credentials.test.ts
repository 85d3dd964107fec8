import type { CreatedLrsCredential, LrsCredential } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { addMember, platform, signedIn, type Client, type Platform } from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

describe.each(await engines())('LRS credentials on %s', (engine) => {
  let server: TestServer;
  let school: Platform;
  let other: Platform;
  let admin: Client;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    school = await platform(server, 'lrs-school');
    other = await platform(server, 'lrs-other');
    await addMember(server, school, 'dataadmin', ['admin']);
    admin = await signedIn(server, school.slug, 'dataadmin');
  });
  afterAll(async () => server.close());

  it('verifies a new key and secret for its tenant only, storing no secret', async () => {
    const made = await server.services.lrsCredentials.create(school.id, 'Survey tool');
    expect(made.key).toMatch(/^[0-9a-f]{32}$/);
    expect(made.secret.length).toBeGreaterThanOrEqual(43);
    expect(await server.services.lrsCredentials.verify(made.key, made.secret)).toEqual({
      tenantId: school.id,
      key: made.key,
      name: 'Survey tool',
    });
    expect(await server.services.lrsCredentials.tenantFor(made.key, made.secret)).toBe(school.id);
    expect(await server.services.lrsCredentials.verify(made.key, `${made.secret}x`)).toBeNull();
    expect(await server.services.lrsCredentials.verify('0'.repeat(32), made.secret)).toBeNull();
    const stored = await server.db.db
      .selectFrom('lrs_credentials')
      .selectAll()
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(made.secret);
  });

  it('refuses a remembered key with a wrong secret, and forgets it the moment it is revoked', async () => {
    const credentials = server.services.lrsCredentials;
    const made = await credentials.create(school.id, 'Hub sync');
    expect(await credentials.verify(made.key, made.secret)).not.toBeNull();
    expect(await credentials.verify(made.key, `${made.secret}x`)).toBeNull();
    expect(await credentials.verify(made.key, made.secret)).not.toBeNull();
    await credentials.revoke(school.id, made.id);
    expect(await credentials.verify(made.key, made.secret)).toBeNull();
  });

  it('lets an admin create, list and revoke credentials over HTTP', async () => {
    const res = await admin.post(`/api/t/${school.slug}/lrs-credentials`, { name: 'Kobo forms' });
    expect(res.status).toBe(201);
    const made = res.body as CreatedLrsCredential;
    const list = (await admin.get(`/api/t/${school.slug}/lrs-credentials`)).body as {
      items: LrsCredential[];
    };
    expect(list.items.find((c) => c.id === made.id)).toEqual({
      id: made.id,
      name: 'Kobo forms',
      key: made.key,
      createdAt: made.createdAt,
      revokedAt: null,
    });
    expect(JSON.stringify(list)).not.toContain(made.secret);
    expect((await admin.del(`/api/t/${school.slug}/lrs-credentials/${made.id}`)).status).toBe(204);
    expect(await server.services.lrsCredentials.verify(made.key, made.secret)).toBeNull();
    expect((await admin.del(`/api/t/${school.slug}/lrs-credentials/${made.id}`)).code).toBe(
      'lrs_credential_not_found',
    );
  });

  it('keeps credentials to their platform’s admins', async () => {
    const foreign = await server.services.lrsCredentials.create(other.id, 'Other platform tool');
    expect((await admin.del(`/api/t/${school.slug}/lrs-credentials/${foreign.id}`)).status).toBe(404);
    expect(await server.services.lrsCredentials.verify(foreign.key, foreign.secret)).not.toBeNull();
    const list = (await admin.get(`/api/t/${school.slug}/lrs-credentials`)).body as {
      items: LrsCredential[];
    };
    expect(list.items.map((c) => c.id)).not.toContain(foreign.id);
    await addMember(server, school, 'teacher', ['educator']);
    const teacher = await signedIn(server, school.slug, 'teacher');
    expect((await teacher.get(`/api/t/${school.slug}/lrs-credentials`)).status).toBe(403);
  });
});
