import type { AttemptResult, BlobRef } from '@satchel/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApi, useTenant, useUser } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { Loaded } from '../../app/Loaded.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n, useT } from '../../i18n/i18n.js';
import { uuidv7 } from '../../player/core-runtime.js';
import { LessonViewer } from '../../player/LessonViewer.js';
import { MEDIA_COMPLETE_AT } from '../../player/media/media-progress.js';
import { statementRecorder } from '../../player/record.js';
import { lessonStatement, type LessonRef, type PlayerVerb } from '../../player/statements.js';
import type { ViewerCourse } from '../../player/viewer-types.js';
import { Link } from '../../router/Link.js';
import type { PageProps } from '../../router/Router.js';
import { Alert, LinkButton, PageHeading, ProgressBar } from '../../ui/index.js';
import { Attribution } from './Attribution.js';
import { coursePercent, placeOf, type LessonPlace } from './course-outline.js';
import { learnerErrorMessage } from './learner-errors.js';
import { loadCourseView, type CourseView } from './learner-data.js';
import { lessonKindText } from './lesson-state.js';
import './learner-pages.css';
import '../../player/player.css';

/** One lesson of a course, in the viewer for its kind, with the way to the previous and next lessons. */
export default function LessonPage({ params }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const courseId = params['courseId'] ?? '';
  const lessonId = params['lessonId'] ?? '';
  const view = useResource((signal) => loadCourseView(api, courseId, signal), [api, courseId]);

  return (
    <Loaded
      resource={view}
      block
      failureHeading={t('player.unavailable')}
      errorMessage={(error) => learnerErrorMessage(i18n, error)}
    >
      {(data) => <LessonOrNotice view={data} courseId={courseId} lessonId={lessonId} />}
    </Loaded>
  );
}

/** The lesson, or why it cannot be shown (not in this course, or the learner may not start it yet). */
function LessonOrNotice({
  view,
  courseId,
  lessonId,
}: {
  readonly view: CourseView;
  readonly courseId: string;
  readonly lessonId: string;
}) {
  const t = useT();
  const place = placeOf(view.page.course, lessonId);
  if (!place) {
    return (
      <div class="page page-failure">
        <PageHeading>{t('player.unavailable')}</PageHeading>
        <Alert tone="error">{t('learnerErrors.lessonNotFound')}</Alert>
        <LinkButton to={paths.course(courseId)}>{t('player.backToCourse')}</LinkButton>
      </div>
    );
  }
  if (!view.page.enrolment.canStart) {
    return (
      <div class="page page-failure">
        <PageHeading>{place.current.lesson.title}</PageHeading>
        <Alert tone="info">{t('player.notEnrolled')}</Alert>
        <LinkButton variant="primary" to={paths.course(courseId)}>
          {t('player.goToCourse')}
        </LinkButton>
      </div>
    );
  }
  return <LessonPlayer key={`${view.page.course.versionId}:${lessonId}`} view={view} place={place} />;
}

function LessonPlayer({ view, place }: { readonly view: CourseView; readonly place: LessonPlace }) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const user = useUser();
  const tenant = useTenant();
  const course = view.page.course;
  const { lesson } = place.current;
  const [completed, setCompleted] = useState<ReadonlySet<string>>(
    () =>
      new Set((view.progress?.lessons ?? []).filter((l) => l.status === 'completed').map((l) => l.lessonId)),
  );
  const percent = coursePercent(course, completed);

  const lessonRef = useMemo<LessonRef>(
    () => ({
      userId: user.id,
      courseId: course.courseId,
      versionId: course.versionId,
      lessonId: lesson.id,
      lessonTitle: lesson.title,
      language: course.language,
    }),
    [user.id, course, lesson],
  );
  const lessonRefCurrent = useRef(lessonRef);
  lessonRefCurrent.current = lessonRef;

  const markDone = useCallback(() => {
    setCompleted((done) => (done.has(lesson.id) ? done : new Set([...done, lesson.id])));
  }, [lesson.id]);

  // Stable for the viewers: they hold on to it in effects that outlive a render.
  const record = useCallback(
    (verb: PlayerVerb, progress?: number) => {
      const stamp = { id: uuidv7(), timestamp: new Date().toISOString() };
      void statementRecorder(tenant.slug).recordStatement(
        lessonStatement(lessonRefCurrent.current, verb, stamp, progress),
      );
      if (verb === 'completed' || (verb === 'progressed' && (progress ?? 0) >= MEDIA_COMPLETE_AT)) markDone();
    },
    [tenant.slug, markDone],
  );
  const report = useCallback(
    (verb: 'progressed' | 'completed', progress?: number) => record(verb, progress),
    [record],
  );
  const onQuizResult = useCallback((result: AttemptResult) => result.passed && markDone(), [markDone]);

  useEffect(() => record('launched'), [lesson.id]);

  const viewerCourse = useMemo<ViewerCourse>(
    () => ({ courseId: course.courseId, versionId: course.versionId, language: course.language }),
    [course],
  );
  const blobUrl = useCallback((file: BlobRef) => api.url(`/blobs/${file.sha256}`), [api]);

  return (
    <article class="page lesson-page">
      <nav class="lesson-page__crumbs" aria-label={t('player.courseNav')}>
        <Link to={paths.course(course.courseId)} lang={course.language} dir="auto">
          {course.title}
        </Link>
        <span aria-hidden="true"> / </span>
        <span lang={course.language} dir="auto">
          {place.current.moduleTitle}
        </span>
      </nav>
      <PageHeading>
        <span lang={course.language} dir="auto">
          {lesson.title}
        </span>
      </PageHeading>
      <div class="lesson-page__where">
        <p>
          {t('player.lessonOf', { position: place.current.position, total: place.total })} ·{' '}
          {lessonKindText(i18n, lesson)}
          {completed.has(lesson.id) && (
            <>
              {' '}
              <span class="badge badge--completed">{t('course.status.completed')}</span>
            </>
          )}
        </p>
        <ProgressBar
          value={percent}
          label={t('course.progressOf', { title: course.title })}
          valueText={t('course.progress', { percent: i18n.formatPercent(percent) })}
        />
      </div>

      {lesson.description && (
        <p class="lesson-page__description" lang={course.language} dir="auto">
          {lesson.description}
        </p>
      )}

      <div class="lesson-page__viewer">
        <LessonViewer
          lesson={lesson}
          course={viewerCourse}
          blobUrl={blobUrl}
          report={report}
          onQuizResult={onQuizResult}
        />
      </div>

      {lesson.attribution && (
        <Attribution attribution={lesson.attribution} class="lesson-page__attribution" />
      )}

      <nav class="lesson-nav" aria-label={t('player.lessonNav')}>
        {place.previous ? (
          <Link
            class="lesson-nav__link lesson-nav__link--previous"
            to={paths.lesson(course.courseId, place.previous.lesson.id)}
          >
            <span class="lesson-nav__label">{t('player.previousLesson')}</span>
            <span class="lesson-nav__title" lang={course.language} dir="auto">
              {place.previous.lesson.title}
            </span>
          </Link>
        ) : (
          <span />
        )}
        {place.next ? (
          <Link
            class="lesson-nav__link lesson-nav__link--next"
            to={paths.lesson(course.courseId, place.next.lesson.id)}
          >
            <span class="lesson-nav__label">{t('player.nextLesson')}</span>
            <span class="lesson-nav__title" lang={course.language} dir="auto">
              {place.next.lesson.title}
            </span>
          </Link>
        ) : (
          <Link class="lesson-nav__link lesson-nav__link--next" to={paths.course(course.courseId)}>
            <span class="lesson-nav__label">{t('player.lastLesson')}</span>
            <span class="lesson-nav__title">{t('player.backToCourse')}</span>
          </Link>
        )}
      </nav>
    </article>
  );
}
