import { MyCourseProgressResponse, MyProgressResponse, ProgressCourseParams, SlugParam } from '@satchel/core';
import type { Router } from '../http/route.js';
import type { ProgressService } from './progress.service.js';

export function progressRoutes(router: Router, progress: ProgressService): void {
  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/me/progress',
      summary: 'My progress in every course I have started',
      tags: ['progress'],
      access: 'signed-in',
      params: SlugParam,
      response: MyProgressResponse,
    },
    async ({ tenant, actor }) => progress.myProgress(tenant.id, actor.userId),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/me/progress/:courseId',
      summary: 'My progress in one course, lesson by lesson',
      tags: ['progress'],
      access: 'signed-in',
      params: ProgressCourseParams,
      response: MyCourseProgressResponse,
    },
    async ({ tenant, actor, params }) => progress.myCourseProgress(tenant.id, actor.userId, params.courseId),
  );
}
