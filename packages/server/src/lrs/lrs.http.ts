import type { Readable } from 'node:stream';
import { isXapiVersion } from '@satchel/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, invalid, tooLarge } from '../http/errors.js';
import type { HttpMethod, Router } from '../http/route.js';

// The HTTP side every xAPI resource shares (Communication 1.1–1.5, 3.3): one
// handler per resource and method, fed a normalised request whether it came as
// plain HTTP or in the alternate request syntax (a form POST with ?method=), with
// CORS and the version header on every answer, errors included. Bodies are read
// raw, whatever their type: documents are opaque bytes, statements may be
// multipart/mixed, and the alternate syntax is a form.

export type XapiMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';
type Query = Record<string, string | string[] | undefined>;

export interface XapiRequest {
  method: XapiMethod;
  /** Lower-cased header names; in the alternate syntax, the form's header fields win. */
  headers: Record<string, string | undefined>;
  query: Query;
  body: Buffer | null;
  /** The media type alone, lower case ('' when none was sent). */
  mediaType: string;
  /** The Content-Type header as sent. */
  contentType: string;
  /** The xAPI major version the client speaks; decides where 1.0.3 and 2.0 differ. */
  major: '1.0' | '2.0';
  cookies: Record<string, string | undefined>;
  /** The Fastify request, for authentication (cookies, client address). */
  raw: FastifyRequest;
}

export interface XapiResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON is sent for objects, strings and buffers as they are. */
  body?: unknown;
}

export type XapiHandler = (req: XapiRequest) => Promise<XapiResponse>;

/** The LRS's own version, and the one answered to 2.0 clients. */
export const XAPI_VERSION_1 = '1.0.3';
export const XAPI_VERSION_2 = '2.0.0';
const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
const ALT_HEADER_FIELDS = new Set([
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
]);

/** CORS (Communication 1.3): any origin may call the LRS; it authenticates by header, not cookie, for them. */
const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'HEAD, GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers':
    'Content-Type, Content-Length, Authorization, If-Match, If-None-Match, X-Experience-API-Version, X-Experience-API-Consistent-Through, Accept-Language',
  'access-control-expose-headers':
    'ETag, Last-Modified, Cache-Control, Content-Type, Content-Length, WWW-Authenticate, X-Experience-API-Version, X-Experience-API-Consistent-Through',
  'access-control-max-age': '86400',
};

export function badRequest(message: string, details?: Record<string, unknown>): AppError {
  return invalid('xapi_bad_request', message, details);
}

function headerRecord(req: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

async function readBody(stream: unknown, limit: number): Promise<Buffer | null> {
  if (stream === undefined || stream === null) return null;
  if (Buffer.isBuffer(stream)) return stream;
  if (typeof stream === 'string') return Buffer.from(stream, 'utf8');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as Readable) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limit) throw tooLarge('The request body is too large', { limitBytes: limit });
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function requestedVersion(value: string | undefined): '1.0' | '2.0' | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (!isXapiVersion(v)) return null;
  return v.startsWith('2.') ? '2.0' : '1.0';
}

/** Reads the alternate request syntax (Communication 1.3.s3): a form carrying headers, content and parameters. */
function alternate(
  headers: Record<string, string | undefined>,
  query: Query,
  body: Buffer | null,
): { method: XapiMethod; headers: Record<string, string | undefined>; query: Query; body: Buffer | null } {
  const method = query.method;
  const extra = Object.keys(query).filter((k) => k !== 'method');
  if (extra.length > 0) {
    throw badRequest('The alternate request syntax takes only the "method" query parameter', {
      extraParameters: extra,
    });
  }
  if (method !== 'GET' && method !== 'PUT' && method !== 'POST' && method !== 'DELETE') {
    throw badRequest('The method parameter must be GET, PUT, POST or DELETE');
  }
  if (requestedVersion(headers['x-experience-api-version']) === '2.0') {
    throw badRequest('xAPI 2.0 has no alternate request syntax: send a plain HTTP request');
  }
  if (mediaTypeOf(headers['content-type'] ?? '') !== 'application/x-www-form-urlencoded') {
    throw badRequest('The alternate request syntax needs a body of type application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(body?.toString('utf8') ?? '');
  // The form's header fields win; real headers (a client's Authorization, say) still count.
  const outHeaders: Record<string, string | undefined> = { ...headers };
  delete outHeaders['content-type'];
  delete outHeaders['content-length'];
  const outQuery: Query = {};
  let content: Buffer | null = null;
  for (const [name, value] of form) {
    const lower = name.toLowerCase();
    if (ALT_HEADER_FIELDS.has(lower)) outHeaders[lower] = value;
    else if (name === 'content') content = Buffer.from(value, 'utf8');
    else {
      const prev = outQuery[name];
      outQuery[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
  }
  if (requestedVersion(outHeaders['x-experience-api-version']) === '2.0') {
    throw badRequest('xAPI 2.0 has no alternate request syntax: send a plain HTTP request');
  }
  if (content !== null && outHeaders['content-type'] === undefined)
    outHeaders['content-type'] = 'application/json';
  return { method, headers: outHeaders, query: outQuery, body: content };
}

export interface XapiResourceOptions {
  summary: string;
  /** Per-method summaries for the API document, where they say more than `summary`. */
  summaries?: Partial<Record<XapiMethod, string>>;
  /** /xapi/about answers without the version header. */
  versionOptional?: boolean;
  bodyLimit?: number;
}

/**
 * Registers one xAPI resource: the given methods (HEAD comes with GET), a CORS
 * preflight, and POST also as the alternate request syntax for every method.
 */
export function xapiResource(
  router: Router,
  url: string,
  options: XapiResourceOptions,
  handlers: Partial<Record<XapiMethod, XapiHandler>>,
): void {
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const run = async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    reply.headers(CORS_HEADERS);
    reply.header('X-Experience-API-Version', XAPI_VERSION_1);
    try {
      let headers = headerRecord(req);
      let query = { ...(req.query as Query) };
      let body = await readBody(req.body, limit);
      let method = req.method === 'HEAD' ? 'GET' : (req.method as XapiMethod);
      if (req.method === 'POST' && query.method !== undefined) {
        ({ method, headers, query, body } = alternate(headers, query, body));
      }
      const major = requestedVersion(headers['x-experience-api-version']);
      if (major === '2.0') reply.header('X-Experience-API-Version', XAPI_VERSION_2);
      if (major === null && !options.versionOptional) {
        throw new AppError(
          400,
          'xapi_version_required',
          'Send the header X-Experience-API-Version: 1.0.3 (or another 1.0.x, or 2.0.0)',
          { received: headers['x-experience-api-version'] ?? null },
        );
      }
      const handler = handlers[method];
      if (handler === undefined) {
        throw new AppError(405, 'method_not_allowed', `${url} does not take ${method}`);
      }
      const contentType = headers['content-type'] ?? '';
      const res = await handler({
        method,
        headers,
        query,
        body,
        contentType,
        mediaType: mediaTypeOf(contentType),
        major: major ?? '1.0',
        cookies: req.cookies ?? {},
        raw: req,
      });
      reply.code(res.status);
      if (res.headers) reply.headers(res.headers);
      if (res.status === 204 || res.body === undefined) return reply.send();
      if (typeof res.body === 'string' || Buffer.isBuffer(res.body)) return reply.send(res.body);
      reply.type('application/json; charset=utf-8');
      return reply.send(JSON.stringify(res.body));
    } catch (err) {
      if (err instanceof AppError && err.status === 401)
        reply.header('WWW-Authenticate', 'Basic realm="Satchel LRS"');
      throw err;
    }
  };
  const methods: HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE'];
  const common = {
    tags: ['xapi'],
    access: 'public' as const,
    parsers: [{ contentType: '*', parseAs: 'stream' as const }],
  };
  for (const method of methods) {
    const handler = handlers[method as XapiMethod];
    // POST exists everywhere: it carries the alternate request syntax.
    if (handler === undefined && method !== 'POST') continue;
    router.add(
      {
        method,
        url,
        summary:
          handler === undefined
            ? `${options.summary} (alternate request syntax only)`
            : (options.summaries?.[method as XapiMethod] ?? options.summary),
        ...common,
        status: 200,
      },
      async ({ req, reply }) => run(req, reply),
    );
  }
  router.add(
    { method: 'OPTIONS', url, summary: 'CORS preflight', ...common, status: 204 },
    async ({ reply }) => {
      reply.headers(CORS_HEADERS);
      return reply.code(204).send();
    },
  );
}

/** A single-valued query parameter (xAPI parameters never repeat). */
export function param(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw badRequest(`The ${name} parameter is given more than once`);
  return value;
}
