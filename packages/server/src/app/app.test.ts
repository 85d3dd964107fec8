import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

describe.each(await engines())('the HTTP application on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine });
  });
  afterAll(async () => server.close());

  it('reports health with the database engine and version', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; db: string; version: string };
    expect(body).toMatchObject({ status: 'ok', db: engine });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers an unknown endpoint with the error envelope', async () => {
    const res = await fetch(`${server.url}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'No such endpoint: GET /api/nope' },
    });
  });

  it('answers an unknown tenant with tenant_not_found', async () => {
    const res = await fetch(`${server.url}/api/t/atlantis/public`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('tenant_not_found');
  });

  it('describes its routes in an OpenAPI document', async () => {
    const res = await fetch(`${server.url}/api/openapi.json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toContain('/api/t/{tenant}/public');
  });

  it('refuses to save settings over a change someone else made since (edit_conflict)', async () => {
    const tenant = await server.services.tenants.create({ slug: 'settings-x', name: 'Settings X' });
    const first = await server.services.tenants.update(
      tenant.id,
      { name: 'First', version: tenant.version },
      false,
    );
    expect(first.version).toBe(tenant.version + 1);
    await expect(
      server.services.tenants.update(tenant.id, { name: 'Stale', version: tenant.version }, false),
    ).rejects.toMatchObject({ status: 409, code: 'edit_conflict' });
    expect((await server.services.tenants.settings(tenant.id)).name).toBe('First');
  });

  it('serves a tenant’s public information once it exists', async () => {
    await server.services.tenants.create({
      slug: 'demo-x',
      name: 'Demo X',
      defaultLocale: 'fr',
      locales: ['fr', 'ar'],
    });
    const res = await fetch(`${server.url}/api/t/demo-x/public`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { tenant: { name: string; defaultLocale: string; locales: string[] } };
    expect(body.tenant).toMatchObject({ name: 'Demo X', defaultLocale: 'fr', locales: ['fr', 'ar'] });
  });
});
