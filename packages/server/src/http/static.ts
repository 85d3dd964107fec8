import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.mjs.map': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Text formats worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.json',
  '.webmanifest',
  '.svg',
  '.map',
  '.txt',
]);
/** Files above this are sent as they are rather than held compressed in memory. */
const MAX_GZIP_BYTES = 8 * 1024 * 1024;

const acceptsGzip = (header: string | string[] | undefined): boolean =>
  /(?:^|,)\s*gzip\s*(?:;\s*q=(?!0(?:\.0*)?\s*(?:,|$))[\d.]+)?\s*(?:,|$)/i.test(
    Array.isArray(header) ? header.join(',') : (header ?? ''),
  );

/**
 * Serves the built web app: hashed files under /assets/ are immutable; everything
 * else revalidates, and any /t/<slug>/… path gets the app's index.html (client routing).
 */
export function registerWebApp(app: FastifyInstance, webDir: string): void {
  const indexFile = join(webDir, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn({ webDir }, 'web app not built; run `npm run build:web`');
    return;
  }
  const root = normalize(webDir + sep);
  // The app's text files, gzipped once per build (a learner's first visit is mostly these, on slow links).
  const gzipped = new Map<string, { version: string; body: Buffer }>();
  const gzipOf = (file: string, version: string): Buffer => {
    const cached = gzipped.get(file);
    if (cached?.version === version) return cached.body;
    const body = gzipSync(readFileSync(file), { level: 9 });
    gzipped.set(file, { version, body });
    return body;
  };

  const sendFile = (reply: FastifyReply, file: string, immutable: boolean): FastifyReply => {
    const stat = statSync(file);
    const version = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
    const compressible = COMPRESSIBLE.has(extname(file)) && stat.size <= MAX_GZIP_BYTES;
    const gzip = compressible && acceptsGzip(reply.request.headers['accept-encoding']);
    const etag = gzip ? `"${version}-gz"` : `"${version}"`;
    reply.header('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
    reply.header('etag', etag);
    reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (compressible) reply.header('vary', 'accept-encoding');
    if (reply.request.headers['if-none-match'] === etag) return reply.code(304).send();
    if (gzip) {
      const body = gzipOf(file, version);
      reply.header('content-encoding', 'gzip');
      reply.header('content-length', body.length);
      return reply.send(body);
    }
    reply.header('content-length', stat.size);
    return reply.send(createReadStream(file));
  };

  const sendIndex = (reply: FastifyReply): FastifyReply => {
    // Read on each request: it is small, and a rebuild must not need a restart.
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header('cache-control', 'no-cache');
    reply.header('vary', 'accept-encoding');
    const html = readFileSync(indexFile);
    if (!acceptsGzip(reply.request.headers['accept-encoding'])) return reply.send(html);
    reply.header('content-encoding', 'gzip');
    return reply.send(gzipSync(html, { level: 9 }));
  };

  const resolveFile = (urlPath: string): string | null => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath.split('?')[0] ?? '');
    } catch {
      return null;
    }
    const file = normalize(join(webDir, decoded));
    if (!file.startsWith(root)) return null;
    try {
      return statSync(file).isFile() ? file : null;
    } catch {
      return null;
    }
  };

  app.get('/assets/*', async (req, reply) => {
    const file = resolveFile(req.url);
    if (!file) return reply.callNotFound();
    return sendFile(reply, file, true);
  });
  app.get('/', async (_req, reply) => sendIndex(reply));
  app.get('/t/:tenant', async (req, reply) =>
    reply.redirect(`/t/${(req.params as { tenant: string }).tenant}/`),
  );
  app.get('/t/:tenant/*', async (_req, reply) => sendIndex(reply));
  app.get('/icons/*', async (req, reply) => {
    const file = resolveFile(req.url);
    if (!file) return reply.callNotFound();
    return sendFile(reply, file, false);
  });
  // Top-level files of the build (service worker, manifest, favicon).
  app.get('/:file', async (req, reply) => {
    const file = resolveFile(req.url);
    if (!file) return reply.callNotFound();
    if (file.endsWith('sw.js')) reply.header('service-worker-allowed', '/');
    return sendFile(reply, file, false);
  });
}
