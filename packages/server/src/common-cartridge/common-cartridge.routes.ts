import { Readable } from 'node:stream';
import {
  CartridgeImportQuery,
  CartridgeImportResponse,
  CourseImportReportParams,
  CourseImportReportResponse,
  SlugParam,
} from '@satchel/core';
import { AppError } from '../http/errors.js';
import type { BodyParser, Router } from '../http/route.js';
import type { CommonCartridgeService } from './common-cartridge.service.js';

const AUTHORS = ['author', 'admin'] as const;
const RAW_BODY: readonly BodyParser[] = [{ contentType: '*', parseAs: 'stream' }];
// What an HTML form can send cross-site: an upload made with the session cookie must come from script.
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

export function commonCartridgeRoutes(router: Router, cartridges: CommonCartridgeService): void {
  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/course-imports/common-cartridge',
      summary:
        'Import an IMS Common Cartridge (1.0-1.3, .imscc or .zip, the raw file as the body) as a course draft, with a report of what could not be imported',
      tags: ['courses'],
      access: AUTHORS,
      params: SlugParam,
      query: CartridgeImportQuery,
      response: CartridgeImportResponse,
      status: 201,
      parsers: RAW_BODY,
    },
    async ({ tenant, actor, query, body, req }) => {
      if (actor.via === 'session' && FORM_TYPES.test(req.headers['content-type'] ?? '')) {
        throw new AppError(
          415,
          'unsupported_media_type',
          'Send the cartridge itself as the body (Content-Type application/zip or application/octet-stream), not a form',
        );
      }
      const stream = body instanceof Readable ? body : req.raw;
      const length = req.headers['content-length'];
      const declared = length && /^\d+$/.test(length) ? Number(length) : undefined;
      try {
        return await cartridges.importUpload(tenant.id, actor.userId, stream, declared, query.filename);
      } catch (err) {
        // Drain what is left so the client reads the error rather than a reset connection.
        if (!stream.readableEnded) stream.resume();
        throw err;
      }
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/courses/:courseId/import-report',
      summary: 'What the import that created this course could not bring across',
      tags: ['courses'],
      access: AUTHORS,
      params: CourseImportReportParams,
      response: CourseImportReportResponse,
    },
    async ({ tenant, params }) => ({
      courseId: params.courseId,
      report: await cartridges.report(tenant.id, params.courseId),
    }),
  );
}
