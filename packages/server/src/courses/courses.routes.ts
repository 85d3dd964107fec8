import {
  AuthoringCourse,
  AuthoringCourseList,
  AuthoringCourseListQuery,
  CourseParams,
  CourseVersionList,
  CreateCourseRequest,
  CreateVariantRequest,
  LessonParams,
  PublishResponse,
  QuestionImportQuery,
  QuestionImportResponse,
  SlugParam,
  UpdateCourseRequest,
} from '@satchel/core';
import { AppError } from '../http/errors.js';
import type { Router } from '../http/route.js';
import type { CourseService } from './courses.service.js';

const AUTHORS = ['admin', 'author'] as const;
const tags = ['authoring'];
const BASE = '/api/t/:tenant/authoring/courses';

export function courseAuthoringRoutes(router: Router, courses: CourseService): void {
  router.authed(
    {
      method: 'GET',
      url: BASE,
      summary: 'List course drafts',
      tags,
      access: AUTHORS,
      params: SlugParam,
      query: AuthoringCourseListQuery,
      response: AuthoringCourseList,
    },
    async ({ tenant, query }) => courses.list(tenant.id, query),
  );

  router.authed(
    {
      method: 'POST',
      url: BASE,
      summary: 'Create a course draft',
      tags,
      access: AUTHORS,
      params: SlugParam,
      body: CreateCourseRequest,
      response: AuthoringCourse,
      status: 201,
    },
    async ({ tenant, actor, body }) =>
      courses.create(tenant.id, actor.userId, body.content, {
        enrolmentPolicy: body.enrolmentPolicy,
        ...(body.variantGroupId ? { variantGroupId: body.variantGroupId } : {}),
      }),
  );

  router.authed(
    {
      method: 'GET',
      url: `${BASE}/:courseId`,
      summary: 'A course draft for the editor',
      tags,
      access: AUTHORS,
      params: CourseParams,
      response: AuthoringCourse,
    },
    async ({ tenant, params }) => courses.get(tenant.id, params.courseId),
  );

  router.authed(
    {
      method: 'PUT',
      url: `${BASE}/:courseId`,
      summary: 'Save the whole course draft (409 edit_conflict when expectedVersion is stale)',
      tags,
      access: AUTHORS,
      params: CourseParams,
      body: UpdateCourseRequest,
      response: AuthoringCourse,
      bodyLimit: 8 * 1024 * 1024,
    },
    async ({ tenant, params, body }) => courses.updateDraft(tenant.id, params.courseId, body),
  );

  router.authed(
    {
      method: 'DELETE',
      url: `${BASE}/:courseId`,
      summary: 'Archive a course (withdraw it from the catalog)',
      tags,
      access: AUTHORS,
      params: CourseParams,
      status: 204,
    },
    async ({ tenant, params }) => courses.archive(tenant.id, params.courseId),
  );

  router.authed(
    {
      method: 'POST',
      url: `${BASE}/:courseId/publish`,
      summary: 'Publish the draft as a new immutable version',
      tags,
      access: AUTHORS,
      params: CourseParams,
      response: PublishResponse,
    },
    async ({ tenant, actor, params }) => {
      const manifest = await courses.publish(tenant.id, params.courseId, actor.userId);
      return { manifest, course: await courses.summary(tenant.id, params.courseId) };
    },
  );

  router.authed(
    {
      method: 'GET',
      url: `${BASE}/:courseId/versions`,
      summary: 'The published versions of a course',
      tags,
      access: AUTHORS,
      params: CourseParams,
      response: CourseVersionList,
    },
    async ({ tenant, params }) => courses.versions(tenant.id, params.courseId),
  );

  router.authed(
    {
      method: 'POST',
      url: `${BASE}/:courseId/variants`,
      summary: 'Start a version of the course in another language',
      tags,
      access: AUTHORS,
      params: CourseParams,
      body: CreateVariantRequest,
      response: AuthoringCourse,
      status: 201,
    },
    async ({ tenant, actor, params, body }) =>
      courses.createVariant(tenant.id, params.courseId, actor.userId, body),
  );

  router.authed(
    {
      method: 'POST',
      url: `${BASE}/:courseId/lessons/:lessonId/questions/import`,
      summary: 'Import quiz questions from a CSV sheet (text/csv body; all or nothing)',
      tags,
      access: AUTHORS,
      params: LessonParams,
      query: QuestionImportQuery,
      response: QuestionImportResponse,
      parsers: [{ contentType: 'text/csv', parseAs: 'string' }],
      bodyLimit: 4 * 1024 * 1024,
    },
    async ({ tenant, params, query, req }) => {
      // Only text/csv: a cross-site form can post text/plain, never text/csv.
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'text/csv' || typeof req.body !== 'string') {
        throw new AppError(415, 'unsupported_media_type', 'Send the sheet as text/csv');
      }
      return courses.importQuestions(tenant.id, params.courseId, params.lessonId, req.body, {
        mode: query.mode,
        ...(query.expectedVersion === undefined ? {} : { expectedVersion: query.expectedVersion }),
      });
    },
  );
}
