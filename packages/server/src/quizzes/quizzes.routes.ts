import { AttemptListResponse, AttemptResult, QuizLessonParams, SubmitAttemptRequest } from '@satchel/core';
import type { Router } from '../http/route.js';
import type { QuizService } from './quizzes.service.js';

export function quizRoutes(router: Router, quizzes: QuizService): void {
  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/courses/:courseId/lessons/:lessonId/attempts',
      summary:
        'Submit a quiz attempt; the server grades it (resubmitting an attempt id returns its stored result)',
      tags: ['quizzes'],
      access: 'signed-in',
      params: QuizLessonParams,
      body: SubmitAttemptRequest,
      response: AttemptResult,
    },
    async ({ tenant, actor, params, body }) =>
      quizzes.submit(
        { tenantId: tenant.id, userId: actor.userId, courseId: params.courseId, lessonId: params.lessonId },
        body,
      ),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/courses/:courseId/lessons/:lessonId/attempts',
      summary: 'My attempts at this quiz and how many remain',
      tags: ['quizzes'],
      access: 'signed-in',
      params: QuizLessonParams,
      response: AttemptListResponse,
    },
    async ({ tenant, actor, params }) =>
      quizzes.list({
        tenantId: tenant.id,
        userId: actor.userId,
        courseId: params.courseId,
        lessonId: params.lessonId,
      }),
  );
}
