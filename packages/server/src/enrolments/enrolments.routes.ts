import {
  AssignEnrolmentRequest,
  CourseParams,
  Enrolment,
  EnrolmentListQuery,
  EnrolmentListResponse,
  EnrolmentParams,
  MyCoursesResponse,
  SelfEnrolResponse,
  SlugParam,
} from '@satchel/core';
import type { Router } from '../http/route.js';
import type { EnrolmentService } from './enrolments.service.js';

const ASSIGNERS = ['admin', 'educator'] as const;
const tags = ['enrolments'];

export function enrolmentRoutes(router: Router, enrolments: EnrolmentService): void {
  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/courses/:courseId/enrol',
      summary:
        'Enrol yourself in a course (409 prerequisites_incomplete until the prerequisites are complete)',
      tags,
      access: 'signed-in',
      params: CourseParams,
      response: SelfEnrolResponse,
      status: 201,
    },
    async ({ tenant, actor, params }) => enrolments.selfEnrol(tenant.id, actor.userId, params.courseId),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/courses/:courseId/enrol',
      summary: 'Leave a course you enrolled in yourself',
      tags,
      access: 'signed-in',
      params: CourseParams,
      status: 204,
    },
    async ({ tenant, actor, params }) => enrolments.unenrolSelf(tenant.id, actor.userId, params.courseId),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/enrolments',
      summary: 'Assign a course or learning path to a user or a class',
      tags,
      access: ASSIGNERS,
      params: SlugParam,
      body: AssignEnrolmentRequest,
      response: Enrolment,
      status: 201,
    },
    async ({ tenant, actor, body }) => enrolments.assign(tenant.id, actor, body),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/enrolments',
      summary: 'Enrolments, by course, path, class or user',
      tags,
      access: ASSIGNERS,
      params: SlugParam,
      query: EnrolmentListQuery,
      response: EnrolmentListResponse,
    },
    async ({ tenant, actor, query }) => enrolments.list(tenant.id, actor, query),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/enrolments/:enrolmentId',
      summary: 'Remove an enrolment',
      tags,
      access: ASSIGNERS,
      params: EnrolmentParams,
      status: 204,
    },
    async ({ tenant, actor, params }) => enrolments.remove(tenant.id, actor, params.enrolmentId),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/me/courses',
      summary: 'My courses, for the learner home page',
      tags,
      access: 'signed-in',
      params: SlugParam,
      response: MyCoursesResponse,
    },
    async ({ tenant, actor }) => enrolments.myCourses(tenant, actor.userId),
  );
}
