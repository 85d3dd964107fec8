import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  ScormCommitRequest,
  ScormCommitResponse,
  ScormImportQuery,
  ScormImportResponse,
  ScormLaunchQuery,
  ScormLaunchResponse,
  ScormLessonParams,
} from '@satchel/core';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { sendBlob } from '../content/blob-response.js';
import type { BlobStore } from '../content/blob-store.js';
import { withStagedZip } from '../content/library.uploads.js';
import { mediaTypeForPath, OCTET_STREAM } from '../content/media-types.js';
import { AppError } from '../http/errors.js';
import type { BodyParser, Router } from '../http/route.js';
import { injectRuntime, runtimeScript, type RuntimeEdition } from './scorm-runtime.js';
import type { ScormService } from './scorm.service.js';

const AUTHORS = ['author', 'admin'] as const;
const RAW_BODY: readonly BodyParser[] = [{ contentType: '*', parseAs: 'stream' }];
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;
const TenantParam = z.object({ tenant: z.string() });
const FileParams = z.object({
  tenant: z.string(),
  versionId: z.uuid(),
  lessonId: z.uuid(),
  '*': z.string().max(2048),
});
const RuntimeParams = z.object({ file: z.enum(['1.2.js', '2004.js']) });

/** As html5 packages (content/blobs.routes.ts): scripts run, in an opaque origin, with no referrer. */
const PACKAGE_HEADERS: Record<string, string> = {
  'content-security-policy': 'sandbox allow-scripts allow-forms allow-popups',
  'access-control-allow-origin': '*',
  'referrer-policy': 'no-referrer',
};

function writeText(
  reply: FastifyReply,
  contentType: string,
  body: string,
  headers: Record<string, string>,
): FastifyReply {
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  reply.raw.end(reply.request.method === 'HEAD' ? undefined : body);
  return reply;
}

/** The package path of each SCO's launch page (what gets the run-time script). */
function launchPaths(items: readonly { href: string | null; type: 'sco' | 'asset' | null }[]): Set<string> {
  const out = new Set<string>();
  for (const item of items) {
    if (item.type !== 'sco' || item.href === null) continue;
    const path = item.href.split(/[?#]/)[0] ?? '';
    try {
      out.add(path.split('/').map(decodeURIComponent).join('/'));
    } catch {
      out.add(path);
    }
  }
  return out;
}

export function scormRoutes(router: Router, scorm: ScormService, blobs: BlobStore): void {
  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/scorm/imports',
      summary:
        'Import a SCORM 1.2 / 2004 zip (the body) as a scorm lesson: a new course draft, or the draft of courseId',
      tags: ['scorm'],
      access: AUTHORS,
      params: TenantParam,
      query: ScormImportQuery,
      response: ScormImportResponse,
      status: 201,
      parsers: RAW_BODY,
    },
    async ({ tenant, actor, query, body, req }) => {
      if (actor.via === 'session' && FORM_TYPES.test(req.headers['content-type'] ?? '')) {
        throw new AppError(
          415,
          'unsupported_media_type',
          'Send the zip itself as the body (Content-Type application/zip or application/octet-stream), not a form',
        );
      }
      const stream = body instanceof Readable ? body : req.raw;
      const length = req.headers['content-length'];
      const declaredBytes = length && /^\d+$/.test(length) ? Number(length) : undefined;
      try {
        // The zip itself is not kept (nor charged to storage); its files are.
        const staged = await blobs.stage(tenant.id, stream, { declaredBytes });
        const result = await withStagedZip(blobs, staged, (source) =>
          scorm.importZip(tenant.id, actor.userId, source, query),
        );
        await blobs.discard([staged]);
        return result;
      } catch (err) {
        if (!stream.readableEnded) stream.resume();
        throw err;
      }
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/courses/:courseId/lessons/:lessonId/scorm',
      summary: 'My SCORM state in this lesson (latest attempt, each item’s data) to launch or resume it',
      tags: ['scorm'],
      access: 'signed-in',
      params: ScormLessonParams,
      query: ScormLaunchQuery,
      response: ScormLaunchResponse,
    },
    async ({ tenant, actor, params, query }) =>
      scorm.launch(
        { tenantId: tenant.id, userId: actor.userId, courseId: params.courseId, lessonId: params.lessonId },
        query.versionId,
        actor.displayName,
      ),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/courses/:courseId/lessons/:lessonId/scorm/commits',
      summary:
        'Store one SCORM commit of one item (idempotent by session and sequence); recorded as xAPI statements',
      tags: ['scorm'],
      access: 'signed-in',
      params: ScormLessonParams,
      body: ScormCommitRequest,
      response: ScormCommitResponse,
    },
    async ({ tenant, actor, params, body }) =>
      scorm.commit(
        { tenantId: tenant.id, userId: actor.userId, courseId: params.courseId, lessonId: params.lessonId },
        body,
      ),
  );

  router.add(
    {
      method: 'GET',
      url: '/api/scorm-runtime/:file',
      summary:
        'The SCORM run-time script the player adds to SCO pages (scorm-again and the relay to the player)',
      tags: ['scorm'],
      access: 'public',
      params: RuntimeParams,
    },
    async ({ params, reply }) => {
      const edition: RuntimeEdition = params.file === '1.2.js' ? '1.2' : '2004';
      return writeText(reply, 'text/javascript; charset=utf-8', await runtimeScript(edition), {
        'cache-control': 'public, max-age=3600',
        'access-control-allow-origin': '*',
      });
    },
  );

  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/scorm/:versionId/:lessonId/*',
      summary:
        'A file of a SCORM lesson of a published course version, sandboxed; SCO launch pages carry the run-time',
      tags: ['scorm'],
      access: 'public',
      params: FileParams,
    },
    async ({ tenant, params, req, reply }) => {
      const hit = await scorm.file(tenant!.id, params.versionId, params.lessonId, params['*']);
      const byExtension = mediaTypeForPath(hit.path);
      const contentType = byExtension === OCTET_STREAM ? hit.ref.mediaType : byExtension;
      if (contentType.startsWith('text/html') && launchPaths(hit.lesson.scorm.items).has(hit.path)) {
        const edition = hit.lesson.scorm.version === '1.2' ? '1.2' : '2004';
        const html = await readFile(blobs.filePath(hit.ref.sha256), 'utf8');
        const script = `/api/scorm-runtime/${edition}.js`;
        return writeText(reply, 'text/html; charset=utf-8', injectRuntime(html, script), {
          ...PACKAGE_HEADERS,
          'cache-control': 'public, max-age=3600',
        });
      }
      return sendBlob(req, reply, {
        sha256: hit.ref.sha256,
        size: hit.ref.size,
        contentType,
        file: blobs.filePath(hit.ref.sha256),
        cache: 'public',
        headers: PACKAGE_HEADERS,
      });
    },
  );
}
