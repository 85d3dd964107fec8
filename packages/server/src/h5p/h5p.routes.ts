import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { notFound } from '../http/errors.js';
import type { Router } from '../http/route.js';
import { PLAYER_HTML, PLAYER_JS } from './h5p-player-page.js';

// The H5P player frame: Satchel's host page plus h5p-standalone's bundles, styles and
// fonts, all from one path so the frame's relative URLs resolve. The learner's page
// opens it in a frame sandboxed without allow-same-origin, and the headers sandbox it
// again should anyone open it directly. The package itself comes from the html5
// package routes (/api/t/:tenant/packages/:versionId/:lessonId/…), which send CORS.

export const H5P_PLAYER_PATH = '/h5p-player/';

const HEADERS: Record<string, string> = {
  'content-security-policy': 'sandbox allow-scripts allow-forms allow-popups',
  'access-control-allow-origin': '*',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'public, max-age=86400',
};

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  woff: 'font/woff',
  ttf: 'font/ttf',
  eot: 'application/vnd.ms-fontobject',
  svg: 'image/svg+xml',
};

/** Only these files of h5p-standalone's dist folder are served. */
const DIST_FILE =
  /^(main\.bundle\.js|frame\.bundle\.js|styles\/[\w-]+\.css|fonts\/[\w-]+\.(woff|ttf|eot|svg))$/;

let distDir: string | null = null;
function standaloneDist(): string {
  distDir ??= dirname(createRequire(import.meta.url).resolve('h5p-standalone'));
  return distDir;
}

const cache = new Map<string, Buffer>();

async function playerFile(path: string): Promise<Buffer> {
  if (path === 'player.html') return Buffer.from(PLAYER_HTML);
  if (path === 'player.js') return Buffer.from(PLAYER_JS);
  if (!DIST_FILE.test(path)) throw notFound('h5p_player_file_not_found', 'The H5P player has no such file');
  let bytes = cache.get(path);
  if (!bytes) {
    bytes = await readFile(join(standaloneDist(), path));
    cache.set(path, bytes);
  }
  return bytes;
}

function send(reply: FastifyReply, path: string, bytes: Buffer, head: boolean): FastifyReply {
  const ext = path.slice(path.lastIndexOf('.') + 1);
  reply.hijack();
  reply.raw.writeHead(200, {
    ...HEADERS,
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': String(bytes.length),
  });
  reply.raw.end(head ? undefined : bytes);
  return reply;
}

export function h5pRoutes(router: Router): void {
  router.add(
    {
      method: 'GET',
      url: `${H5P_PLAYER_PATH}*`,
      summary: 'The sandboxed H5P player frame (host page, h5p-standalone bundles, styles, fonts)',
      tags: ['content'],
      access: 'public',
      params: z.object({ '*': z.string().max(200) }),
    },
    async ({ params, req, reply }) =>
      send(reply, params['*'], await playerFile(params['*']), req.method === 'HEAD'),
  );
}
