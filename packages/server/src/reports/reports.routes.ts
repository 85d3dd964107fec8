import {
  ClassReportResponse,
  CourseReportResponse,
  CoursesReportResponse,
  ReportClassParams,
  ReportCourseParams,
  ReportQuery,
  SlugParam,
} from '@satchel/core';
import type { FastifyReply } from 'fastify';
import type { Router } from '../http/route.js';
import type { Clock } from '../platform/clock.js';
import { classCsv, courseCsv, coursesCsv, type CsvFile } from './reports.csv.js';
import type { ReportsService } from './reports.service.js';

const ACCESS = ['admin', 'educator'] as const;
const TAGS = ['reports'];

function sendCsv(reply: FastifyReply, file: CsvFile): string {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${file.filename}"`);
  reply.header('cache-control', 'no-store');
  return file.body;
}

export function reportRoutes(router: Router, reports: ReportsService, clock: Clock): void {
  const today = (): string => clock.now().toISOString().slice(0, 10);

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/reports/courses',
      summary:
        'Per course: enrolled, started, completed, completion rate and average best score (?format=csv)',
      tags: TAGS,
      access: ACCESS,
      params: SlugParam,
      query: ReportQuery,
      response: CoursesReportResponse,
    },
    async ({ actor, query, reply }) => {
      const report = await reports.courses(actor);
      return query.format === 'csv' ? sendCsv(reply, coursesCsv(report, today())) : report;
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/reports/courses/:courseId',
      summary: 'One row per learner of the course (?format=csv)',
      tags: TAGS,
      access: ACCESS,
      params: ReportCourseParams,
      query: ReportQuery,
      response: CourseReportResponse,
    },
    async ({ actor, params, query, reply }) => {
      const report = await reports.course(actor, params.courseId);
      return query.format === 'csv' ? sendCsv(reply, courseCsv(report, today())) : report;
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/reports/classes/:classId',
      summary: 'A class’s progress: learners × courses (?format=csv)',
      tags: TAGS,
      access: ACCESS,
      params: ReportClassParams,
      query: ReportQuery,
      response: ClassReportResponse,
    },
    async ({ actor, params, query, reply }) => {
      const report = await reports.class(actor, params.classId);
      return query.format === 'csv' ? sendCsv(reply, classCsv(report, today())) : report;
    },
  );
}
