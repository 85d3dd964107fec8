import type { MyCourse } from '../../api/types.js';
import { paths } from '../../app/paths.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../router/Link.js';
import { LinkButton, ProgressBar, cx } from '../../ui/index.js';

export interface CourseCardProps {
  readonly course: MyCourse;
  /** Show a "Continue" button to the next lesson (the Continue learning section). */
  readonly resume?: boolean;
}

/** One enrolled course: cover, title (the link), status, progress and, when resuming, the next step. */
export function CourseCard({ course, resume = false }: CourseCardProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const target = course.nextLessonId
    ? paths.lesson(course.courseId, course.nextLessonId)
    : paths.course(course.courseId);
  return (
    <li class={cx('course-card', `course-card--${course.status}`)}>
      {course.coverUrl && (
        <img
          class="course-card__cover"
          src={course.coverUrl}
          alt=""
          loading="lazy"
          width={320}
          height={180}
        />
      )}
      <div class="course-card__body">
        <h3 class="course-card__title" lang={course.language} dir="auto">
          <Link to={paths.course(course.courseId)}>{course.title}</Link>
        </h3>
        <p class="course-card__status">
          <span class={cx('badge', `badge--${course.status}`)}>{t(`course.status.${course.status}`)}</span>
          {course.status !== 'not_started' && (
            <span class="course-card__percent">
              {t('course.progress', { percent: i18n.formatPercent(course.percent) })}
            </span>
          )}
        </p>
        <ProgressBar value={course.percent} label={t('course.progressOf', { title: course.title })} />
        {resume && course.lastActivityAt && (
          <p class="course-card__meta">
            {t('home.lastActivity', { when: i18n.formatRelativeTime(course.lastActivityAt) })}
          </p>
        )}
        {resume && (
          <LinkButton
            to={target}
            variant="primary"
            class="course-card__action"
            aria-label={t('home.continueCourse', { title: course.title })}
          >
            {t('common.continue')}
          </LinkButton>
        )}
      </div>
    </li>
  );
}
