import {
  allLessons,
  gradeQuiz,
  type AttemptListResponse,
  type AttemptResult,
  type CourseManifest,
  type QuizLesson,
  type SubmitAttemptRequest,
} from '@satchel/core';
import { conflict, invalid, notFound } from '../http/errors.js';
import { parseJson } from '../platform/json.js';
import type { LrsService } from '../lrs/lrs.service.js';
import type { Clock } from '../platform/clock.js';
import type { CourseManifests } from '../progress/course-manifests.js';
import { attemptStatements } from './quiz-statements.js';
import type { QuizAttemptRow, QuizzesRepo } from './quizzes.repo.js';

export interface QuizTarget {
  tenantId: string;
  userId: string;
  courseId: string;
  lessonId: string;
}

/**
 * Quiz attempts: graded on the server against the version the learner took, limited
 * by the quiz's attempt limit, idempotent by attempt id, and recorded as xAPI.
 */
export class QuizService {
  constructor(
    private readonly repo: QuizzesRepo,
    private readonly manifests: CourseManifests,
    private readonly lrs: LrsService,
    private readonly clock: Clock,
  ) {}

  async submit(target: QuizTarget, request: SubmitAttemptRequest): Promise<AttemptResult> {
    const stored = await this.repo.byId(target.tenantId, request.attemptId);
    if (stored) return this.storedResult(target, stored);

    const lesson = await this.quizIn(target, request.versionId);
    const used = await this.repo.count(target.tenantId, target.userId, target.lessonId);
    const limit = lesson.quiz.attemptLimit;
    if (limit !== null && used >= limit) {
      throw conflict('attempt_limit_reached', 'No attempts are left for this quiz', {
        attemptLimit: limit,
        attemptsUsed: used,
      });
    }

    const result = gradeQuiz(lesson, request.responses);
    const submittedAt = new Date(request.submittedAt).toISOString();
    const { statements, outcomeStatementId } = attemptStatements({
      ...target,
      versionId: request.versionId,
      lesson,
      attemptId: request.attemptId,
      responses: request.responses,
      startedAt: request.startedAt,
      submittedAt,
      result,
    });
    await this.lrs.store(target.tenantId, statements, { kind: 'system' });
    const inserted = await this.repo.insert({
      id: request.attemptId,
      tenant_id: target.tenantId,
      user_id: target.userId,
      course_id: target.courseId,
      lesson_id: target.lessonId,
      version_id: request.versionId,
      statement_id: outcomeStatementId,
      submitted_at: submittedAt,
      responses: JSON.stringify(request.responses),
      score: result.score,
      max_score: result.maxScore,
      scaled: result.scaled,
      passed: result.passed ? 1 : 0,
      // This server's time (submitted_at is the device's): record sync scans recent attempts by it.
      stored_at: this.clock.now().toISOString(),
    });
    // Another request with this attempt id got there first: its result is the one.
    const row = inserted ? undefined : await this.repo.byId(target.tenantId, request.attemptId);
    if (row) return this.storedResult(target, row);
    return present(lesson, request.attemptId, request.versionId, submittedAt, result, used + 1);
  }

  async list(target: QuizTarget): Promise<AttemptListResponse> {
    const rows = await this.repo.list(target.tenantId, target.userId, target.courseId, target.lessonId);
    const latest = (await this.manifests.latest(target.tenantId, [target.courseId])).get(target.courseId);
    const lesson = latest ? findQuiz(latest, target.lessonId) : undefined;
    // Attempts of a quiz a newer version removed are still the learner's to see.
    if (!lesson && rows.length === 0) {
      throw notFound('quiz_not_found', 'There is no such quiz in this course', {
        courseId: target.courseId,
        lessonId: target.lessonId,
      });
    }
    const attemptLimit = lesson?.quiz.attemptLimit ?? null;
    return {
      items: rows.map((r) => ({
        attemptId: r.id,
        versionId: r.version_id,
        submittedAt: r.submitted_at,
        score: r.score,
        maxScore: r.max_score,
        scaled: r.scaled,
        passed: r.passed === 1,
      })),
      attemptsUsed: rows.length,
      attemptLimit,
      attemptsRemaining: attemptLimit === null ? null : Math.max(0, attemptLimit - rows.length),
    };
  }

  /** The result of an attempt already stored: re-graded from its stored responses (grading is pure). */
  private async storedResult(target: QuizTarget, row: QuizAttemptRow): Promise<AttemptResult> {
    if (
      row.user_id !== target.userId ||
      row.course_id !== target.courseId ||
      row.lesson_id !== target.lessonId
    ) {
      throw conflict('attempt_id_taken', 'This attempt id belongs to another attempt; start a new attempt', {
        attemptId: row.id,
      });
    }
    const lesson = await this.quizIn(target, row.version_id);
    const responses = parseJson<Record<string, unknown>>(row.responses, 'quiz_attempts.responses');
    const used = await this.repo.count(target.tenantId, target.userId, target.lessonId);
    return present(lesson, row.id, row.version_id, row.submitted_at, gradeQuiz(lesson, responses), used);
  }

  private async quizIn(target: QuizTarget, versionId: string): Promise<QuizLesson> {
    const manifest = await this.manifests.version(target.tenantId, versionId);
    if (!manifest || manifest.courseId !== target.courseId) {
      throw notFound('course_version_not_found', 'This course version does not exist', {
        courseId: target.courseId,
        versionId,
      });
    }
    const lesson = allLessons(manifest).find((l) => l.id === target.lessonId);
    if (!lesson)
      throw notFound('lesson_not_found', 'This lesson is not in this course version', {
        lessonId: target.lessonId,
        versionId,
      });
    if (lesson.kind !== 'quiz')
      throw invalid('not_a_quiz', 'This lesson is not a quiz', {
        lessonId: target.lessonId,
        kind: lesson.kind,
      });
    return lesson;
  }
}

function findQuiz(manifest: CourseManifest, lessonId: string): QuizLesson | undefined {
  const lesson = allLessons(manifest).find((l) => l.id === lessonId);
  return lesson?.kind === 'quiz' ? lesson : undefined;
}

function present(
  lesson: QuizLesson,
  attemptId: string,
  versionId: string,
  submittedAt: string,
  result: ReturnType<typeof gradeQuiz>,
  attemptsUsed: number,
): AttemptResult {
  const limit = lesson.quiz.attemptLimit;
  return {
    attemptId,
    versionId,
    submittedAt,
    score: result.score,
    maxScore: result.maxScore,
    scaled: result.scaled,
    passed: result.passed,
    questions: result.questions.map((q) => ({
      questionId: q.questionId,
      correct: q.correct,
      score: q.score,
      maxScore: q.maxScore,
      feedback: lesson.quiz.showFeedback ? (q.feedback ?? null) : null,
    })),
    attemptsUsed,
    attemptsRemaining: limit === null ? null : Math.max(0, limit - attemptsUsed),
  };
}
