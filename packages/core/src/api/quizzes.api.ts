import { z } from 'zod';
import { Response } from '../course/course.schema.js';
import { SlugParam } from './common.api.js';

// Quiz attempts: the device grades offline for immediate feedback, then submits
// the responses; the server grades again and its result is the one that counts.

export const QuizLessonParams = SlugParam.extend({ courseId: z.uuid(), lessonId: z.uuid() });

/** `POST /api/t/:tenant/courses/:courseId/lessons/:lessonId/attempts`. */
export const SubmitAttemptRequest = z.object({
  /** Made on the device when the attempt starts; resubmitting it returns the stored result. */
  attemptId: z.uuid(),
  /** The course version the learner took (its questions are the ones graded). */
  versionId: z.uuid(),
  responses: z.record(z.string().max(64), Response),
  startedAt: z.iso.datetime({ offset: true }),
  submittedAt: z.iso.datetime({ offset: true }),
});
export type SubmitAttemptRequest = z.infer<typeof SubmitAttemptRequest>;

export const QuestionOutcome = z.object({
  questionId: z.string(),
  correct: z.boolean(),
  score: z.number(),
  maxScore: z.number(),
  /** The authored feedback; null when there is none or the quiz hides feedback. */
  feedback: z.string().nullable(),
});
export type QuestionOutcome = z.infer<typeof QuestionOutcome>;

export const AttemptResult = z.object({
  attemptId: z.string(),
  versionId: z.string(),
  submittedAt: z.string(),
  score: z.number(),
  maxScore: z.number(),
  /** score / maxScore, 0..1. */
  scaled: z.number(),
  passed: z.boolean(),
  questions: z.array(QuestionOutcome),
  attemptsUsed: z.number().int().nonnegative(),
  /** null when the quiz allows unlimited attempts. */
  attemptsRemaining: z.number().int().nonnegative().nullable(),
});
export type AttemptResult = z.infer<typeof AttemptResult>;

export const AttemptSummary = z.object({
  attemptId: z.string(),
  versionId: z.string(),
  submittedAt: z.string(),
  score: z.number(),
  maxScore: z.number(),
  scaled: z.number(),
  passed: z.boolean(),
});
export type AttemptSummary = z.infer<typeof AttemptSummary>;

/** `GET …/attempts` — the signed-in learner's attempts at this quiz, oldest first. */
export const AttemptListResponse = z.object({
  items: z.array(AttemptSummary),
  attemptsUsed: z.number().int().nonnegative(),
  attemptLimit: z.number().int().positive().nullable(),
  attemptsRemaining: z.number().int().nonnegative().nullable(),
});
export type AttemptListResponse = z.infer<typeof AttemptListResponse>;
