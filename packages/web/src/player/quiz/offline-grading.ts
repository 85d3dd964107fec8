import type { AttemptListResponse, AttemptResult, QuizLesson, SubmitAttemptRequest } from '@satchel/core';
import { gradeQuiz } from '../core-runtime.js';

/**
 * The result of an attempt graded on this device, shaped like the server's (quizzes.service present()):
 * the same pure grading the server runs, so it agrees unless the course changed meanwhile. It is
 * provisional: the attempt is queued and the server grades it again; its answer replaces this one.
 */
export function provisionalResult(
  lesson: Pick<QuizLesson, 'quiz' | 'questions'>,
  request: SubmitAttemptRequest,
  past: AttemptListResponse | null,
): AttemptResult {
  const graded = gradeQuiz(lesson, request.responses);
  const used = (past?.attemptsUsed ?? 0) + 1;
  const limit = lesson.quiz.attemptLimit;
  return {
    attemptId: request.attemptId,
    versionId: request.versionId,
    submittedAt: request.submittedAt,
    score: graded.score,
    maxScore: graded.maxScore,
    scaled: graded.scaled,
    passed: graded.passed,
    questions: graded.questions.map((q) => ({
      questionId: q.questionId,
      correct: q.correct,
      score: q.score,
      maxScore: q.maxScore,
      feedback: lesson.quiz.showFeedback ? (q.feedback ?? null) : null,
    })),
    attemptsUsed: used,
    attemptsRemaining: limit === null ? null : Math.max(0, limit - used),
  };
}

/** Whether a failed submission should be graded here and queued: no answer, or a server in trouble. */
export function worthGradingOffline(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && (status === 0 || status === 408 || status === 429 || status >= 500);
}
