import type { AttemptListResponse, AttemptResult, SubmitAttemptRequest } from '@satchel/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApi, useTenant, useUser } from '../../app/context.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { learnerErrorMessage } from '../../pages/learner/learner-errors.js';
import { ApiError } from '../../api/errors.js';
import { Alert, Button, Dialog, useAsyncAction } from '../../ui/index.js';
import { presentQuiz, uuidv7 } from '../core-runtime.js';
import type { ViewerProps } from '../viewer-types.js';
import { QuestionCard, questionAnchor } from './QuestionCard.js';
import { QuizIntro } from './QuizIntro.js';
import { QuizResultView } from './QuizResultView.js';
import { enqueueQuizAttempt, onAttemptGraded } from '../../offline/queue/quiz-queue.js';
import { provisionalResult, worthGradingOffline } from './offline-grading.js';
import { forgetAttempt, loadAttempt, saveAttempt, type SavedAttempt } from './quiz-session.js';
import { collectResponses, emptyDraft, type Draft } from './responses.js';
import './quiz.css';

const freshAttempt = (): SavedAttempt => ({
  attemptId: uuidv7(),
  startedAt: new Date().toISOString(),
  drafts: {},
});

/**
 * A quiz. Questions come in the order core's presentQuiz derives from the attempt id (the server can
 * re-derive it), with answers stripped. The server grades the submitted responses and records the
 * statements; its result is what the learner sees.
 */
export default function QuizPlayer({ lesson, course, onQuizResult }: ViewerProps<'quiz'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const tenant = useTenant();
  const user = useUser();
  const endpoint = `/courses/${encodeURIComponent(course.courseId)}/lessons/${encodeURIComponent(lesson.id)}/attempts`;
  const history = useResource(
    (signal) => api.get<AttemptListResponse>(endpoint, { signal }),
    [api, endpoint],
  );
  const [attempt, setAttempt] = useState<SavedAttempt>(
    () => loadAttempt(course.versionId, lesson.id) ?? freshAttempt(),
  );
  const [result, setResult] = useState<AttemptResult | null>(null);
  /** 'provisional': graded on this device, queued; 'final': the server's grade of such an attempt. */
  const [grading, setGrading] = useState<'server' | 'provisional' | 'final'>('server');
  const [problems, setProblems] = useState<Readonly<Record<string, 'unanswered' | 'invalid'>>>({});
  const [confirming, setConfirming] = useState<readonly string[] | null>(null);
  const quiz = useMemo(() => presentQuiz(lesson, attempt.attemptId), [lesson, attempt.attemptId]);
  const indexOf = (questionId: string) => quiz.questions.findIndex((q) => q.id === questionId);

  useEffect(() => {
    if (!result) saveAttempt(course.versionId, lesson.id, attempt);
  }, [attempt, result]);

  // A provisional result gives way to the server's once the queued attempt has been sent.
  const provisionalId = grading === 'provisional' ? result?.attemptId : undefined;
  useEffect(() => {
    if (!provisionalId) return;
    // Imported with the player (not on demand): offline, a chunk not yet loaded could not be fetched.
    return onAttemptGraded(provisionalId, (final) => {
      setResult(final);
      setGrading('final');
      onQuizResult?.(final);
    });
  }, [provisionalId]);

  const focusQuestion = (questionId: string | undefined) => {
    if (questionId === undefined) return;
    document.getElementById(questionAnchor(attempt.attemptId, indexOf(questionId)))?.focus();
  };

  const send = useAsyncAction(async () => {
    const { responses } = collectResponses(quiz, attempt.drafts, i18n.locale);
    const body: SubmitAttemptRequest = {
      attemptId: attempt.attemptId,
      versionId: course.versionId,
      responses,
      startedAt: attempt.startedAt,
      submittedAt: new Date().toISOString(),
    };
    let graded: AttemptResult;
    let provisional = false;
    try {
      if (navigator.onLine === false) throw new ApiError(0, 'network_error', 'offline');
      graded = await api.post<AttemptResult>(endpoint, body);
    } catch (error) {
      if (!worthGradingOffline(error)) throw error;
      // No server to grade it: queue the attempt (it is graded again on sync) and grade it here meanwhile.
      await enqueueQuizAttempt(
        { slug: tenant.slug, userId: user.id },
        { courseId: course.courseId, lessonId: lesson.id, request: body },
      );
      graded = provisionalResult(lesson, body, history.status === 'ready' ? history.data : null);
      provisional = true;
    }
    forgetAttempt(course.versionId, lesson.id);
    setConfirming(null);
    setResult(graded);
    setGrading(provisional ? 'provisional' : 'server');
    // Progress counts the server's grade only; a provisional pass is shown but not taken as done.
    if (!provisional) onQuizResult?.(graded);
  });

  const submit = (confirmed: boolean) => {
    const collected = collectResponses(quiz, attempt.drafts, i18n.locale);
    const found: Record<string, 'unanswered' | 'invalid'> = {};
    for (const id of collected.unanswered) found[id] = 'unanswered';
    for (const id of collected.invalid) found[id] = 'invalid';
    setProblems(found);
    if (collected.invalid.length > 0) {
      focusQuestion(collected.invalid[0]);
      return;
    }
    if (collected.unanswered.length > 0 && !confirmed) {
      setConfirming(collected.unanswered);
      return;
    }
    void send.run();
  };

  const retry = () => {
    history.reload();
    const next = freshAttempt();
    setAttempt(next);
    setResult(null);
    setGrading('server');
    setProblems({});
    send.clearError();
    window.requestAnimationFrame(() => document.getElementById(questionAnchor(next.attemptId, 0))?.focus());
  };

  const setDraft = (questionId: string) => (draft: Draft) => {
    setAttempt((current) => ({ ...current, drafts: { ...current.drafts, [questionId]: draft } }));
    if (problems[questionId]) setProblems(({ [questionId]: _solved, ...rest }) => rest);
  };

  if (result) {
    const canRetry = result.attemptsRemaining === null || result.attemptsRemaining > 0;
    return (
      <QuizResultView
        result={result}
        quiz={quiz}
        language={course.language}
        onRetry={canRetry ? retry : null}
        grading={grading}
      />
    );
  }
  const past = history.status === 'ready' ? history.data : null;
  if (past && past.attemptsRemaining === 0) {
    return <QuizIntro quiz={quiz} past={past} />;
  }
  return (
    <div class="quiz">
      <QuizIntro quiz={quiz} past={past} />
      <form
        class="quiz__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!send.busy) submit(false);
        }}
      >
        <ol class="questions">
          {quiz.questions.map((question, index) => (
            <QuestionCard
              key={`${attempt.attemptId}-${question.id}`}
              question={question}
              index={index}
              count={quiz.questions.length}
              draft={attempt.drafts[question.id] ?? emptyDraft(question)}
              onDraft={setDraft(question.id)}
              attemptId={attempt.attemptId}
              language={course.language}
              problem={problems[question.id] ?? null}
            />
          ))}
        </ol>
        {send.error !== null && (
          <Alert tone="error">
            <p>{learnerErrorMessage(i18n, send.error)}</p>
            <p>{t('quiz.answersKept')}</p>
          </Alert>
        )}
        <div class="form-actions">
          <Button type="submit" variant="primary" busy={send.busy}>
            {send.busy ? t('quiz.submitting') : t('quiz.submit')}
          </Button>
        </div>
      </form>
      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t('quiz.unansweredTitle')}
        actions={
          <>
            <Button
              onClick={() => {
                const first = confirming?.[0];
                setConfirming(null);
                window.requestAnimationFrame(() => focusQuestion(first));
              }}
            >
              {t('quiz.goBack')}
            </Button>
            <Button variant="primary" busy={send.busy} onClick={() => submit(true)}>
              {t('quiz.submitAnyway')}
            </Button>
          </>
        }
      >
        <p>{t('quiz.unansweredBody', { count: confirming?.length ?? 0 })}</p>
        <ul class="inline-list">
          {(confirming ?? []).map((id) => (
            <li key={id}>{t('quiz.questionNumber', { number: indexOf(id) + 1 })}</li>
          ))}
        </ul>
      </Dialog>
    </div>
  );
}
