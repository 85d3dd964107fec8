import type { CourseManifest, LessonProgressView } from '@satchel/core';
import { paths } from '../../app/paths.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../router/Link.js';
import { cx } from '../../ui/index.js';
import { Attribution } from './Attribution.js';
import { lessonKindText, lessonStateText } from './lesson-state.js';

export interface CourseOutlineProps {
  readonly course: CourseManifest;
  readonly states: ReadonlyMap<string, LessonProgressView>;
  /** Lessons are links only when the learner may open them. */
  readonly canOpen: boolean;
}

const MARKS = { not_started: '○', in_progress: '◐', completed: '✓' } as const;

/** Modules and their lessons, in order, each lesson with its kind, length, state and attribution. */
export function CourseOutline({ course, states, canOpen }: CourseOutlineProps) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ol class="outline">
      {course.modules.map((module) => (
        <li key={module.id} class="outline__module">
          <h3 class="outline__module-title" lang={course.language} dir="auto">
            {module.title}
          </h3>
          <ol class="outline__lessons">
            {module.lessons.map((lesson) => {
              const state = states.get(lesson.id);
              const status = state?.status ?? 'not_started';
              return (
                <li key={lesson.id} class={cx('outline-lesson', `outline-lesson--${status}`)}>
                  <span class="outline-lesson__mark" aria-hidden="true">
                    {MARKS[status]}
                  </span>
                  <div class="outline-lesson__main">
                    <p class="outline-lesson__title" lang={course.language} dir="auto">
                      {canOpen ? (
                        <Link to={paths.lesson(course.courseId, lesson.id)}>{lesson.title}</Link>
                      ) : (
                        lesson.title
                      )}
                    </p>
                    <p class="outline-lesson__meta">
                      <span>{lessonKindText(i18n, lesson)}</span>
                      {!lesson.required && <span>{t('course.optionalLesson')}</span>}
                      <span class="outline-lesson__state">{lessonStateText(i18n, lesson, state)}</span>
                    </p>
                    {lesson.attribution && <Attribution attribution={lesson.attribution} />}
                  </div>
                </li>
              );
            })}
          </ol>
        </li>
      ))}
    </ol>
  );
}
