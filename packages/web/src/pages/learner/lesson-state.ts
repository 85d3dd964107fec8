import type { Lesson, LessonProgressView } from '@satchel/core';
import type { I18n } from '../../i18n/i18n.js';
import type { LearningState } from './course-outline.js';

/** The state to show for a lesson: quizzes say passed or not, media how much was watched. */
export function lessonStateText(
  i18n: I18n,
  lesson: Pick<Lesson, 'kind'>,
  view: LessonProgressView | undefined,
): string {
  const { t } = i18n;
  const status: LearningState = view?.status ?? 'not_started';
  if (lesson.kind === 'quiz') {
    if (view?.passed === true) {
      return view.bestScore === null
        ? t('course.lessonPassed')
        : t('course.lessonPassedScore', { score: i18n.formatPercent(view.bestScore * 100) });
    }
    if (view?.passed === false) return t('course.lessonNotPassed');
  }
  if (status === 'in_progress' && (lesson.kind === 'video' || lesson.kind === 'audio') && view) {
    return t('course.lessonWatched', { percent: i18n.formatPercent(Math.floor(view.progress * 100)) });
  }
  return t(`course.status.${status}`);
}

/** Lesson kinds as words ("Video", "Quiz"), for lists where the kind helps choose. */
export function lessonKindText(i18n: I18n, lesson: Pick<Lesson, 'kind' | 'durationMinutes'>): string {
  const kind = i18n.t(`player.kind.${lesson.kind}`);
  return lesson.durationMinutes ? `${kind} · ${i18n.formatDuration(lesson.durationMinutes * 60)}` : kind;
}
