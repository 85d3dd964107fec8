import type { AttemptListResponse, PresentedQuiz } from '@satchel/core';
import { useI18n } from '../../i18n/i18n.js';
import { Alert } from '../../ui/index.js';

/** What kind of quiz this is, what it takes to pass, and the learner's attempts so far. */
export function QuizIntro({
  quiz,
  past,
}: {
  readonly quiz: PresentedQuiz;
  readonly past: AttemptListResponse | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { settings } = quiz;
  const best =
    past?.items.reduce<number | null>((top, item) => Math.max(top ?? 0, item.scaled), null) ?? null;
  const exhausted = past?.attemptsRemaining === 0;
  return (
    <div class="quiz-intro">
      {settings.mode === 'practice' ? (
        <Alert tone="info" title={t('quiz.practiceTitle')}>
          <p>{t('quiz.practiceNote')}</p>
        </Alert>
      ) : (
        <p>
          {t('quiz.passMarkIntro', {
            passMark: i18n.formatPercent(settings.passMark * 100),
            count: quiz.questions.length,
          })}
        </p>
      )}
      {past && (
        <p class="quiz-intro__attempts">
          {past.attemptLimit === null
            ? t('quiz.attemptsUsedUnlimited', { used: past.attemptsUsed })
            : t('quiz.attemptsUsedOf', { used: past.attemptsUsed, limit: past.attemptLimit })}
          {best !== null && ` · ${t('quiz.bestScore', { score: i18n.formatPercent(best * 100) })}`}
        </p>
      )}
      {exhausted && <Alert tone="warning">{t('quiz.noAttemptsLeft')}</Alert>}
    </div>
  );
}
