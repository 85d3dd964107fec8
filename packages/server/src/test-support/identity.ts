// Test helpers for the identity domain (users, auth, classes, LRS credentials):
// platforms, members created through the real services, and a fetch client that
// carries a session cookie or an API token.
import type { CreateTenantRequest, Role } from '@satchel/core';
import type { TestServer } from './server.js';

export const PASSWORD = 'correct horse battery';

export interface Platform {
  id: string;
  slug: string;
}

export async function platform(
  server: Pick<TestServer, 'services'>,
  slug: string,
  extra: Partial<CreateTenantRequest> = {},
): Promise<Platform> {
  const t = await server.services.tenants.create({
    slug,
    name: `Platform ${slug}`,
    defaultLocale: 'en',
    locales: ['en', 'fr'],
    ...extra,
  });
  return { id: t.id, slug: t.slug };
}

export async function addMember(
  server: Pick<TestServer, 'services'>,
  tenant: Platform,
  username: string,
  roles: Role[],
  extra: { pin?: string; isOperator?: boolean; password?: string } = {},
): Promise<string> {
  const user = await server.services.users.create(tenant.id, {
    username,
    displayName: `Name of ${username}`,
    password: extra.password ?? PASSWORD,
    roles,
    ...(extra.pin ? { pin: extra.pin } : {}),
    ...(extra.isOperator ? { isOperator: true } : {}),
  });
  return user.id;
}

export interface Response {
  status: number;
  headers: Headers;
  body: unknown;
  /** `error.code` of an error envelope, if any. */
  code: string | undefined;
}

export interface Client {
  cookie: string | undefined;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
  patch(path: string, body: unknown): Promise<Response>;
  del(path: string, body?: unknown): Promise<Response>;
}

/** A fetch client; `auth` is a Cookie header value or `Bearer …`. Keeps the cookie a response sets. */
export function client(server: Pick<TestServer, 'url'>, auth?: string): Client {
  const self: Client = {
    cookie: auth && !auth.startsWith('Bearer ') ? auth : undefined,
    async call(method, path, body, headers = {}) {
      const h: Record<string, string> = { ...headers };
      if (self.cookie) h.cookie = self.cookie;
      if (auth?.startsWith('Bearer ')) h.authorization = auth;
      const init: RequestInit = { method, headers: h };
      if (body !== undefined) {
        init.body = (
          typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)
        ) as RequestInit['body'];
        h['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${server.url}${path}`, init);
      const setCookie = res.headers.get('set-cookie');
      if (setCookie) self.cookie = setCookie.split(';')[0];
      const text = await res.text();
      const parsed: unknown = text === '' ? null : JSON.parse(text);
      const code = (parsed as { error?: { code?: string } } | null)?.error?.code;
      return { status: res.status, headers: res.headers, body: parsed, code };
    },
    get: (path) => self.call('GET', path),
    post: (path, body) => self.call('POST', path, body ?? {}),
    patch: (path, body) => self.call('PATCH', path, body),
    del: (path, body) => self.call('DELETE', path, body),
  };
  return self;
}

/** Signs in through the API and returns a client carrying the session cookie. */
export async function signedIn(
  server: Pick<TestServer, 'url'>,
  slug: string,
  username: string,
  password = PASSWORD,
): Promise<Client> {
  const c = client(server);
  const res = await c.post(`/api/t/${slug}/auth/signin`, { username, password });
  if (res.status !== 200)
    throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return c;
}
