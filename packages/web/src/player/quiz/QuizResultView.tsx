import type { AttemptResult, PresentedQuiz } from '@satchel/core';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { Alert, Button, cx } from '../../ui/index.js';

export interface QuizResultViewProps {
  readonly result: AttemptResult;
  readonly quiz: PresentedQuiz;
  readonly language: string;
  readonly onRetry: (() => void) | null;
  /** Who graded it: the server, this device while offline (provisional), or the server after a sync. */
  readonly grading?: 'server' | 'provisional' | 'final';
}

/** The server's verdict on an attempt: score, passed or not, each question's outcome and feedback. */
export function QuizResultView({ result, quiz, language, onRetry, grading = 'server' }: QuizResultViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [result.attemptId]);
  const practice = quiz.settings.mode === 'practice';
  const percent = i18n.formatPercent(result.scaled * 100);
  const passMark = i18n.formatPercent(quiz.settings.passMark * 100);
  const byId = new Map(quiz.questions.map((question, index) => [question.id, { question, index }]));
  const outcomes = [...result.questions].sort(
    (a, b) => (byId.get(a.questionId)?.index ?? 0) - (byId.get(b.questionId)?.index ?? 0),
  );
  return (
    <section class="quiz-result" aria-labelledby={`result-${result.attemptId}`}>
      <h2 id={`result-${result.attemptId}`} ref={heading} tabIndex={-1}>
        {grading === 'provisional' ? t('quiz.provisionalTitle') : t('quiz.resultTitle')}
      </h2>
      {grading === 'provisional' && (
        <Alert tone="info" class="quiz-result__provisional">
          <p>{t('quiz.provisionalNote')}</p>
        </Alert>
      )}
      <p role="status" class={grading === 'final' ? undefined : 'sr-only'}>
        {grading === 'final' ? t('quiz.finalNote') : ''}
      </p>
      {practice ? (
        <Alert tone="info" title={t('quiz.practiceResult', { score: percent })}>
          <p>{t('quiz.practiceNote')}</p>
        </Alert>
      ) : result.passed ? (
        <Alert tone="success" title={t('quiz.passed', { score: percent })} />
      ) : (
        <Alert tone="warning" title={t('quiz.failed', { score: percent })}>
          <p>{t('quiz.passMarkNeeded', { passMark })}</p>
        </Alert>
      )}
      <dl class="facts quiz-result__facts">
        <div>
          <dt>{t('quiz.score')}</dt>
          <dd>
            {t('quiz.scoreValue', {
              score: i18n.formatNumber(result.score, { maximumFractionDigits: 2 }),
              max: i18n.formatNumber(result.maxScore, { maximumFractionDigits: 2 }),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('quiz.attempts')}</dt>
          <dd>
            {result.attemptsRemaining === null
              ? t('quiz.attemptsCountNoLimit', { used: result.attemptsUsed })
              : t('quiz.attemptsCountOf', {
                  used: result.attemptsUsed,
                  limit: result.attemptsUsed + result.attemptsRemaining,
                })}
          </dd>
        </div>
      </dl>
      {quiz.settings.showFeedback && (
        <ol class="quiz-result__questions">
          {outcomes.map((outcome) => {
            const found = byId.get(outcome.questionId);
            return (
              <li
                key={outcome.questionId}
                class={cx('outcome', outcome.correct ? 'outcome--correct' : 'outcome--incorrect')}
              >
                <p class="outcome__head">
                  <span class="outcome__mark" aria-hidden="true">
                    {outcome.correct ? '✓' : '✗'}
                  </span>
                  <span>
                    {t('quiz.questionOf', { number: (found?.index ?? 0) + 1, count: quiz.questions.length })}:{' '}
                    <strong>{outcome.correct ? t('quiz.correct') : t('quiz.incorrect')}</strong>
                  </span>
                </p>
                {found && (
                  <p class="outcome__prompt" lang={language} dir="auto">
                    {found.question.prompt}
                  </p>
                )}
                {outcome.feedback && (
                  <p class="outcome__feedback" lang={language} dir="auto">
                    {outcome.feedback}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {onRetry ? (
        <p>
          <Button variant={result.passed ? 'secondary' : 'primary'} onClick={onRetry}>
            {t('quiz.retry')}
          </Button>
          {result.attemptsRemaining !== null && (
            <span class="quiz-result__remaining">
              {' '}
              {t('quiz.attemptsLeft', { count: result.attemptsRemaining })}
            </span>
          )}
        </p>
      ) : (
        !result.passed && !practice && <p>{t('quiz.noAttemptsLeft')}</p>
      )}
    </section>
  );
}
