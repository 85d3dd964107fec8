import {
  CatalogQuery,
  CatalogResponse,
  CourseManifest,
  CoursePage,
  CourseParams,
  SlugParam,
  VersionParams,
} from '@satchel/core';
import type { CoursePageService } from '../courses/courses.page.js';
import type { CourseService } from '../courses/courses.service.js';
import type { Router } from '../http/route.js';
import type { CatalogService } from './catalog.service.js';
import type { CatalogVisibility } from './catalog.visibility.js';

const tags = ['catalog'];
const JSON_TYPE = 'application/json; charset=utf-8';

export function catalogRoutes(
  router: Router,
  deps: {
    catalog: CatalogService;
    visibility: CatalogVisibility;
    courses: CourseService;
    coursePages: CoursePageService;
  },
): void {
  const { catalog, visibility, courses, coursePages } = deps;

  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/catalog',
      summary: 'Published courses, filtered by curriculum, category, language, audience and words',
      tags,
      access: 'public',
      params: SlugParam,
      query: CatalogQuery,
      response: CatalogResponse,
    },
    async ({ tenant, actor, query, reply }) => {
      await visibility.assertCanBrowse(tenant!, actor);
      // Already serialized (and cached that way): sent as is.
      void reply.header('content-type', JSON_TYPE).header('cache-control', 'private, no-cache');
      return catalog.listJson(tenant!, query);
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/courses/:courseId',
      summary:
        'A course page: the latest published version, its variants, prerequisites and the caller’s enrolment',
      tags,
      access: 'signed-in',
      params: CourseParams,
      response: CoursePage,
    },
    async ({ tenant, actor, params }) => coursePages.page(tenant.id, actor.userId, params.courseId),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/course-versions/:versionId',
      summary: 'One published course version’s manifest (immutable)',
      tags,
      access: 'signed-in',
      params: VersionParams,
      response: CourseManifest,
    },
    async ({ tenant, params, req, reply }) => {
      const body = await courses.versionManifestJson(tenant.id, params.versionId);
      // The version id names these exact bytes forever: a strong validator, cached for good.
      const etag = `"${params.versionId}"`;
      void reply.header('etag', etag).header('cache-control', 'private, max-age=31536000, immutable');
      if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();
      void reply.header('content-type', JSON_TYPE);
      return body;
    },
  );
}

/** If-None-Match may list several tags, and weak comparison applies to it (RFC 9110 13.1.2). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
