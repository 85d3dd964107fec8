import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tenantApi } from '../api/client.js';
import { loadTenantSession } from './boot.js';
import { memoryStore, storageKeys } from './storage.js';

const tenant = {
  id: '0190d5a8-0000-7000-8000-000000000001',
  slug: 'demo',
  name: 'Demo',
  defaultLocale: 'en',
  locales: ['en', 'ar'],
  branding: { name: 'Demo', logoUrl: null, primaryColor: '#1f5f8b', accentColor: '#c2571a' },
  audiences: [],
  signupPolicy: 'open',
  allowPin: true,
};
const user = {
  id: 'u',
  tenantId: tenant.id,
  username: 'amina',
  displayName: 'Amina',
  roles: ['learner'],
  locale: 'ar',
  isOperator: false,
};

let server: Server | null = null;

/** Serves /public and /me with the given statuses; everything is JSON in the error envelope. */
async function serve(publicStatus: number, meStatus: number): Promise<string> {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const failure = (status: number) =>
      json(status, {
        error: { code: status === 401 ? 'unauthenticated' : 'tenant_not_found', message: 'x' },
      });
    if (path === '/api/t/demo/public')
      return publicStatus === 200 ? json(200, { tenant }) : failure(publicStatus);
    if (path === '/api/t/demo/me') return meStatus === 200 ? json(200, { user }) : failure(meStatus);
    return failure(404);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  const running = server;
  server = null;
  if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
});

describe('starting a tenant app', () => {
  it('loads the tenant and the signed-in user together', async () => {
    const store = memoryStore();
    const outcome = await loadTenantSession(
      tenantApi('demo', { origin: await serve(200, 200) }),
      store,
      'demo',
    );
    expect(outcome).toMatchObject({
      kind: 'ready',
      tenant: { name: 'Demo' },
      user: { username: 'amina' },
      fromCache: false,
    });
    expect(store.get(storageKeys.user('demo'))).toContain('amina');
  });

  it('treats 401 from /me as signed out and forgets any remembered user', async () => {
    const store = memoryStore();
    store.set(storageKeys.user('demo'), JSON.stringify(user));
    const outcome = await loadTenantSession(
      tenantApi('demo', { origin: await serve(200, 401) }),
      store,
      'demo',
    );
    expect(outcome).toMatchObject({ kind: 'ready', user: null });
    expect(store.get(storageKeys.user('demo'))).toBeNull();
  });

  it('reports an unknown tenant', async () => {
    const outcome = await loadTenantSession(
      tenantApi('demo', { origin: await serve(404, 401) }),
      memoryStore(),
      'demo',
    );
    expect(outcome).toEqual({ kind: 'tenant-missing' });
  });

  it('opens offline from what this browser saw last time', async () => {
    const store = memoryStore();
    const origin = await serve(200, 200);
    await loadTenantSession(tenantApi('demo', { origin }), store, 'demo');
    const running = server;
    server = null;
    await new Promise<void>((resolve) => running?.close(() => resolve()));

    const offline = await loadTenantSession(tenantApi('demo', { origin }), store, 'demo');
    expect(offline).toMatchObject({
      kind: 'ready',
      tenant: { slug: 'demo' },
      user: { username: 'amina' },
      fromCache: true,
    });
  });

  it('says the server is unreachable when this browser has never seen the tenant', async () => {
    const origin = await serve(200, 200);
    const running = server;
    server = null;
    await new Promise<void>((resolve) => running?.close(() => resolve()));
    const outcome = await loadTenantSession(tenantApi('demo', { origin }), memoryStore(), 'demo');
    expect(outcome).toMatchObject({ kind: 'unreachable', error: { code: 'network_error' } });
  });
});
