import { Readable } from 'node:stream';
import {
  Cmi5ImportResponse,
  Cmi5Launch,
  Cmi5LaunchRequest,
  Cmi5SessionStatus,
  Cmi5WaiveRequest,
  type DraftContentInput,
} from '@satchel/core';
import { z } from 'zod';
import type { BlobStore } from '../content/blob-store.js';
import { withStagedZip } from '../content/library.uploads.js';
import type { CourseService } from '../courses/courses.service.js';
import { AppError } from '../http/errors.js';
import type { BodyParser, Router } from '../http/route.js';
import { cmi5Refusal, importCmi5Xml, importCmi5Zip, MAX_CMI5_XML_BYTES } from './cmi5-import.js';
import type { Cmi5Service } from './cmi5.service.js';

const AUTHORS = ['author', 'admin'] as const;
const RAW_BODY: readonly BodyParser[] = [{ contentType: '*', parseAs: 'stream' }];
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;
const TenantParam = z.object({ tenant: z.string() });
const SessionParams = z.object({ tenant: z.string(), sessionId: z.uuid() });
const FetchParams = z.object({ token: z.string().min(16).max(100) });
const WaiveBody = Cmi5WaiveRequest.extend({ userId: z.uuid(), versionId: z.uuid(), lessonId: z.uuid() });
/** The AU runs in an opaque origin: its POST to the fetch URL is a cross-origin request. */
const CORS = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };

export interface Cmi5RouteDeps {
  cmi5: Cmi5Service;
  courses: CourseService;
  blobs: BlobStore;
}

export function cmi5Routes(router: Router, { cmi5, courses, blobs }: Cmi5RouteDeps): void {
  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/cmi5/imports',
      summary:
        'Import a cmi5 course (the body: a zip with cmi5.xml at its root, or a bare cmi5.xml whose AUs are at absolute URLs) as a course draft',
      tags: ['cmi5'],
      access: AUTHORS,
      params: TenantParam,
      response: Cmi5ImportResponse,
      status: 201,
      parsers: RAW_BODY,
    },
    async ({ tenant, actor, body, req }) => {
      if (actor.via === 'session' && FORM_TYPES.test(req.headers['content-type'] ?? '')) {
        throw new AppError(
          415,
          'unsupported_media_type',
          'Send the zip or cmi5.xml itself as the body, not a form',
        );
      }
      const stream = body instanceof Readable ? body : req.raw;
      const length = req.headers['content-length'];
      const declaredBytes = length && /^\d+$/.test(length) ? Number(length) : undefined;
      let draft: DraftContentInput;
      try {
        const staged = await blobs.stage(tenant.id, stream, { declaredBytes });
        draft = await withStagedZip(blobs, staged, async (source) => {
          const head = await source.read(0, Math.min(4, source.size));
          if (head[0] === 0x50 && head[1] === 0x4b) return importCmi5Zip(blobs, tenant.id, source);
          if (source.size > MAX_CMI5_XML_BYTES)
            throw cmi5Refusal([{ path: 'cmi5.xml', rule: 'root', message: 'is larger than 5 MB' }]);
          return importCmi5Xml(Buffer.from(await source.read(0, source.size)).toString('utf8'));
        });
        await blobs.discard([staged]);
      } catch (err) {
        if (!stream.readableEnded) stream.resume();
        throw err;
      }
      const course = await courses.create(tenant.id, actor.userId, draft);
      const lessons = course.content.modules.reduce((n, m) => n + m.lessons.length, 0);
      return { courseId: course.id, title: course.content.title, lessons };
    },
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/cmi5/launches',
      summary:
        'Launch a cmi5 AU: writes LMS.LaunchData and "launched", returns the launch URL with its parameters',
      tags: ['cmi5'],
      access: 'signed-in',
      params: TenantParam,
      body: Cmi5LaunchRequest,
      response: Cmi5Launch,
      status: 201,
    },
    async ({ tenant, actor, body, req }) =>
      cmi5.launch(tenant, actor.userId, body, `${req.protocol}://${req.host}`),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/cmi5/sessions/:sessionId',
      summary: 'My cmi5 session: terminated, abandoned, satisfied (judging the AU’s moveOn rule now)',
      tags: ['cmi5'],
      access: 'signed-in',
      params: SessionParams,
      response: Cmi5SessionStatus,
    },
    async ({ tenant, actor, params }) => cmi5.status(tenant.id, actor.userId, params.sessionId),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/cmi5/sessions/:sessionId/leave',
      summary: 'I left the AU: without "terminated" the LMS records "abandoned" and ends the session',
      tags: ['cmi5'],
      access: 'signed-in',
      params: SessionParams,
      response: Cmi5SessionStatus,
    },
    async ({ tenant, actor, params }) => cmi5.leave(tenant.id, actor.userId, params.sessionId),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/cmi5/waivers',
      summary: 'Waive a cmi5 AU for a learner (recorded as "waived", then "satisfied")',
      tags: ['cmi5'],
      access: ['educator', 'admin'],
      params: TenantParam,
      body: WaiveBody,
      status: 204,
    },
    async ({ tenant, body }) => {
      await cmi5.waive(tenant.id, body.userId, body.versionId, body.lessonId, body.reason);
    },
  );

  router.add(
    {
      method: 'POST',
      url: '/cmi5/fetch/:token',
      summary: 'The AU’s one-time fetch URL (cmi5 §8.2): { "auth-token" } once, then { "error-code": "1" }',
      tags: ['cmi5'],
      access: 'public',
      params: FetchParams,
    },
    async ({ params, reply }) => {
      void reply.headers(CORS);
      return cmi5.fetch(params.token);
    },
  );

  router.add(
    {
      method: 'OPTIONS',
      url: '/cmi5/fetch/:token',
      summary: 'CORS preflight of the fetch URL',
      tags: ['cmi5'],
      access: 'public',
      params: FetchParams,
      status: 204,
    },
    async ({ reply }) => {
      void reply.headers({
        ...CORS,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'Content-Type',
      });
    },
  );
}
