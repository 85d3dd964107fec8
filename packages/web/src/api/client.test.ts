import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, instanceApi, tenantApi } from './client.js';
import { ApiError, errorFromResponse, fieldIssues } from './errors.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let origin = '';
const seen: Seen[] = [];

function reply(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body);
}

/** A real HTTP server with one route per behaviour the client must handle. */
function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
  const path = (req.url ?? '').split('?')[0] ?? '';
  switch (path) {
    case '/api/t/demo/me':
      return reply(res, 200, JSON.stringify({ user: { id: 'u1', displayName: 'Amina' } }));
    case '/api/t/demo/echo':
      return reply(res, 200, JSON.stringify({ method: req.method, body: JSON.parse(body || 'null') }));
    case '/api/t/demo/auth/signout':
      res.writeHead(204);
      return void res.end();
    case '/api/t/demo/missing':
      return reply(
        res,
        404,
        JSON.stringify({
          error: { code: 'course_not_found', message: 'Not found', details: { courseId: 'c9' } },
        }),
      );
    case '/api/t/demo/invalid':
      return reply(
        res,
        400,
        JSON.stringify({
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            details: {
              issues: [
                { path: ['username'], message: 'too short' },
                { path: [], message: 'root' },
              ],
            },
          },
        }),
      );
    case '/api/t/demo/limited':
      return reply(res, 429, JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down' } }), {
        'Retry-After': '42',
      });
    case '/api/t/demo/proxy-error':
      res.writeHead(502, { 'Content-Type': 'text/html' });
      return void res.end('<html><body>Bad gateway</body></html>');
    case '/api/t/demo/not-json':
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return void res.end('hello');
    case '/api/t/demo/slow':
      setTimeout(() => reply(res, 200, '{}'), 2000);
      return;
    case '/api/tenants':
      return reply(res, 200, JSON.stringify({ items: [{ slug: 'demo', name: 'Demo' }] }));
    default:
      return reply(res, 404, JSON.stringify({ error: { code: 'not_found', message: 'No route' } }));
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('the API client', () => {
  it('reads JSON from tenant paths under /api/t/<slug>', async () => {
    const api = tenantApi('demo', { origin });
    const body = await api.get<{ user: { displayName: string } }>('/me');
    expect(body.user.displayName).toBe('Amina');
    expect(seen.at(-1)?.headers['accept']).toBe('application/json');
  });

  it('sends JSON bodies with a JSON content type on every mutating method', async () => {
    const api = tenantApi('demo', { origin });
    for (const method of ['post', 'patch', 'put'] as const) {
      const answer = await api[method]<{ method: string; body: unknown }>('/echo', { locale: 'fr' });
      expect(answer).toEqual({ method: method.toUpperCase(), body: { locale: 'fr' } });
      expect(seen.at(-1)?.headers['content-type']).toBe('application/json');
    }
  });

  it('sends an empty JSON object when a mutating call has no body, and reads 204 as undefined', async () => {
    const api = tenantApi('demo', { origin });
    await expect(api.post('/auth/signout')).resolves.toBeUndefined();
    expect(seen.at(-1)?.body).toBe('{}');
    expect(seen.at(-1)?.headers['content-type']).toBe('application/json');
  });

  it('adds query parameters and skips the empty ones', async () => {
    const api = tenantApi('demo', { origin });
    await api.get('/me', { query: { page: 2, q: 'math & science', missing: undefined, none: null } });
    expect(seen.at(-1)?.url).toBe('/api/t/demo/me?page=2&q=math+%26+science');
    expect(api.url('/blobs/abc', { download: true })).toBe(`${origin}/api/t/demo/blobs/abc?download=true`);
  });

  it('turns the error envelope into an ApiError with status, code, message and details', async () => {
    const error = await failure(tenantApi('demo', { origin }).get('/missing'));
    expect(error).toMatchObject({ status: 404, code: 'course_not_found', message: 'Not found' });
    expect(error.details).toEqual({ courseId: 'c9' });
    expect(error.isNetworkFailure).toBe(false);
  });

  it('exposes validation issues per field', async () => {
    const error = await failure(tenantApi('demo', { origin }).post('/invalid', {}));
    expect(error.code).toBe('validation_failed');
    expect(fieldIssues(error)).toEqual([{ field: 'username', message: 'too short' }]);
  });

  it('reads how long to wait from Retry-After on 429', async () => {
    const error = await failure(tenantApi('demo', { origin }).post('/limited', {}));
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 42 });
  });

  it('gives a code from the status when the body is not the envelope (a proxy error page)', async () => {
    const error = await failure(tenantApi('demo', { origin }).get('/proxy-error'));
    expect(error).toMatchObject({ status: 502, code: 'server_error' });
  });

  it('refuses a successful answer that is not JSON', async () => {
    const error = await failure(tenantApi('demo', { origin }).get('/not-json'));
    expect(error).toMatchObject({ status: 200, code: 'unexpected_response' });
  });

  it('gives up after the timeout with code "timeout"', async () => {
    const api = tenantApi('demo', { origin, timeoutMs: 5000 });
    const error = await failure(api.get('/slow', { timeoutMs: 100 }));
    expect(error).toMatchObject({ status: 0, code: 'timeout' });
    expect(error.isNetworkFailure).toBe(true);
  });

  it('stops when the caller aborts, with code "aborted"', async () => {
    const controller = new AbortController();
    const pending = tenantApi('demo', { origin }).get('/slow', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failure(pending)).toMatchObject({ status: 0, code: 'aborted' });
    const already = new AbortController();
    already.abort();
    expect(await failure(tenantApi('demo', { origin }).get('/me', { signal: already.signal }))).toMatchObject(
      {
        code: 'aborted',
      },
    );
  });

  it('reports an unreachable server as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const api = createApiClient({ origin: `http://127.0.0.1:${port}`, prefix: '/api' });
    expect(await failure(api.get('/tenants'))).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('calls instance-level endpoints under /api', async () => {
    const body = await instanceApi({ origin }).get<{ items: unknown[] }>('/tenants');
    expect(body.items).toHaveLength(1);
    expect(seen.at(-1)?.url).toBe('/api/tenants');
  });
});

describe('errorFromResponse', () => {
  it('accepts a Retry-After date and a retryAfter detail', () => {
    const inTenSeconds = new Date(Date.now() + 10_500).toUTCString();
    const fromDate = errorFromResponse(429, '', inTenSeconds).retryAfterSeconds ?? -1;
    expect(fromDate).toBeGreaterThanOrEqual(9);
    expect(fromDate).toBeLessThanOrEqual(11);
    const body = JSON.stringify({
      error: { code: 'rate_limited', message: 'x', details: { retryAfter: 7.2 } },
    });
    expect(errorFromResponse(429, body, null).retryAfterSeconds).toBe(8);
  });

  it('ignores malformed envelopes rather than trusting them', () => {
    const error = errorFromResponse(403, JSON.stringify({ error: { code: 7, details: 'nope' } }));
    expect(error).toMatchObject({ code: 'forbidden', message: 'HTTP 403', details: {} });
  });
});
