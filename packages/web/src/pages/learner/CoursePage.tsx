import type { CourseEnrolmentState, CurriculumResponse } from '@satchel/core';
import { useMemo, useState } from 'preact/hooks';
import { useApi } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { Loaded } from '../../app/Loaded.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { endonym } from '../../i18n/locales.js';
import { lazy } from '../../router/lazy.js';
import { Link } from '../../router/Link.js';
import type { PageProps } from '../../router/Router.js';
import { PageHeading, ProgressBar } from '../../ui/index.js';
import { CourseActions } from './CourseActions.js';
import { CourseOutline } from './CourseOutline.js';
import { CourseTags } from './CourseTags.js';
import { courseAction, lessonsInOrder, statusIndex } from './course-outline.js';
import { learnerErrorMessage } from './learner-errors.js';
import { loadCourseView, type CourseView } from './learner-data.js';
import './learner-pages.css';

// Offline use (src/offline/downloads): its own chunk, so the course page stays light.
const CourseDownload = lazy(() => import('./downloads/CourseDownload.js'));

/** A course: what it is, whether the learner may take it, and its lessons with their state. */
export default function CoursePage({ params }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const courseId = params['courseId'] ?? '';
  const view = useResource((signal) => loadCourseView(api, courseId, signal), [api, courseId]);

  return (
    <Loaded
      resource={view}
      block
      failureHeading={t('course.unavailable')}
      errorMessage={(error) => learnerErrorMessage(i18n, error)}
      failureActions={<Link to={paths.catalog}>{t('home.browseCatalog')}</Link>}
    >
      {(data) => <CourseDetails key={data.page.course.versionId} view={data} reload={view.reload} />}
    </Loaded>
  );
}

function CourseDetails({ view, reload }: { readonly view: CourseView; readonly reload: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const { page } = view;
  const course = page.course;
  const [enrolment, setEnrolment] = useState<CourseEnrolmentState>(page.enrolment);
  const progress = view.progress?.course ?? null;
  const states = useMemo(() => statusIndex(view.progress?.lessons ?? []), [view.progress]);
  const lessons = lessonsInOrder(course);
  const action = courseAction({ ...page, enrolment }, progress);
  const nextTitle =
    action.kind === 'continue' || action.kind === 'start'
      ? (lessons.find((entry) => entry.lesson.id === action.lessonId)?.lesson.title ?? null)
      : null;
  const minutes = lessons.reduce((sum, entry) => sum + (entry.lesson.durationMinutes ?? 0), 0);
  const hasTags =
    course.tags.gradeIds.length + course.tags.subjectIds.length + course.tags.outcomeIds.length > 0;
  const curriculum = useResource(
    (signal) =>
      hasTags
        ? api.get<CurriculumResponse>('/curriculum', { signal }).catch(() => null)
        : Promise.resolve(null),
    [api, hasTags],
  );

  return (
    <article class="page course-page" lang={course.language}>
      {course.coverImage && (
        <img
          class="course-page__cover"
          src={api.url(`/blobs/${course.coverImage.sha256}`)}
          alt=""
          width={640}
          height={360}
        />
      )}
      <PageHeading>
        <span dir="auto">{course.title}</span>
      </PageHeading>

      <div class="course-page__standing" lang={i18n.locale}>
        {progress && progress.status !== 'not_started' && (
          <div class="course-page__progress">
            <p class="course-page__progress-text">
              <span class={`badge badge--${progress.status}`}>{t(`course.status.${progress.status}`)}</span>{' '}
              {t('course.lessonsDone', { done: progress.completedLessons, total: progress.requiredLessons })}
            </p>
            <ProgressBar value={progress.percent} label={t('course.progressOf', { title: course.title })} />
          </div>
        )}
        <CourseActions
          courseId={course.courseId}
          courseTitle={course.title}
          action={action}
          enrolment={enrolment}
          nextLessonTitle={nextTitle}
          onEnrolment={setEnrolment}
          onLeft={reload}
        />
      </div>

      {course.description.trim() !== '' && (
        <div class="course-page__description" dir="auto">
          {course.description
            .split(/\n\s*\n/)
            .filter((paragraph) => paragraph.trim() !== '')
            .map((paragraph, index) => (
              <p key={index}>{paragraph.trim()}</p>
            ))}
        </div>
      )}

      <dl class="facts course-page__facts" lang={i18n.locale}>
        <div>
          <dt>{t('catalog.language')}</dt>
          <dd lang={course.language}>{endonym(course.language)}</dd>
        </div>
        <div>
          <dt>{t('course.size')}</dt>
          <dd>
            {t('catalog.lessonCount', { count: lessons.length })}
            {minutes > 0 && ` · ${i18n.formatDuration(minutes * 60)}`}
          </dd>
        </div>
        {page.variants.length > 0 && (
          <div>
            <dt>{t('course.otherLanguages')}</dt>
            <dd>
              <ul class="inline-list">
                {page.variants.map((variant) => (
                  <li key={variant.courseId}>
                    <Link
                      to={paths.course(variant.courseId)}
                      lang={variant.language}
                      hrefLang={variant.language}
                    >
                      {endonym(variant.language)}
                      <span class="sr-only">: {variant.title}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {hasTags && curriculum.status === 'ready' && curriculum.data && (
          <CourseTags tags={course.tags} frameworks={curriculum.data.frameworks} />
        )}
      </dl>

      {page.prerequisites.length > 0 && (
        <section class="section" aria-labelledby="course-prerequisites" lang={i18n.locale}>
          <h2 id="course-prerequisites">{t('course.prerequisites')}</h2>
          <p>
            {page.prerequisitesComplete
              ? t('course.prerequisitesDone')
              : enrolment.canStart
                ? t('course.prerequisitesSuggested')
                : t('course.prerequisitesIntro')}
          </p>
          <ul class="prerequisites">
            {page.prerequisites.map((prerequisite) => (
              <li
                key={prerequisite.courseId}
                class={prerequisite.complete ? 'prerequisites__done' : undefined}
              >
                <Link to={paths.course(prerequisite.courseId)} dir="auto">
                  {prerequisite.title}
                </Link>{' '}
                <span class={`badge badge--${prerequisite.complete ? 'completed' : 'not_started'}`}>
                  {prerequisite.complete ? t('course.status.completed') : t('course.prerequisiteOpen')}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section class="section" aria-labelledby="course-lessons" lang={i18n.locale}>
        <h2 id="course-lessons">{t('course.lessons')}</h2>
        <CourseOutline course={course} states={states} canOpen={enrolment.canStart} />
      </section>

      <CourseDownload course={course} />
    </article>
  );
}
