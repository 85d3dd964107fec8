import type { PathCourse, PathView } from '@satchel/core';
import { useApi } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { Loaded } from '../../app/Loaded.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { lazy } from '../../router/lazy.js';
import { Link } from '../../router/Link.js';
import type { PageProps } from '../../router/Router.js';
import { Alert, PageHeading, ProgressBar, cx } from '../../ui/index.js';
import { learnerErrorMessage } from './learner-errors.js';
import './learner-pages.css';

// Offline use (src/offline/downloads): its own chunk, so the path page stays light.
const PathDownload = lazy(() => import('./downloads/PathDownload.js'));

function PathStep({ course, position }: { readonly course: PathCourse; readonly position: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <li class={cx('path-step', course.locked && 'path-step--locked', `path-step--${course.status}`)}>
      <span class="path-step__number" aria-hidden="true">
        {i18n.formatNumber(position)}
      </span>
      <div class="path-step__body">
        <h3 class="path-step__title" lang={course.language} dir="auto">
          {course.locked ? course.title : <Link to={paths.course(course.courseId)}>{course.title}</Link>}
        </h3>
        <p class="course-card__meta">
          {t('catalog.lessonCount', { count: course.lessonCount })}
          {course.durationMinutes > 0 && ` · ${i18n.formatDuration(course.durationMinutes * 60)}`}
        </p>
        {course.locked ? (
          <p class="path-step__lock">
            <span aria-hidden="true">🔒 </span>
            {t('path.locked')}
          </p>
        ) : (
          <>
            <p class="course-card__status">
              <span class={`badge badge--${course.status}`}>{t(`course.status.${course.status}`)}</span>
            </p>
            {course.status !== 'not_started' && (
              <ProgressBar value={course.percent} label={t('course.progressOf', { title: course.title })} />
            )}
          </>
        )}
      </div>
    </li>
  );
}

/** A learning path: its courses in order, each with the learner's progress, locked until its turn. */
export default function PathPage({ params }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const pathId = params['pathId'] ?? '';
  const path = useResource(
    (signal) => api.get<PathView>(`/paths/${encodeURIComponent(pathId)}`, { signal }),
    [api, pathId],
  );

  return (
    <Loaded
      resource={path}
      block
      failureHeading={t('path.unavailable')}
      errorMessage={(error) => learnerErrorMessage(i18n, error)}
    >
      {(data) => {
        const percent = data.courseCount === 0 ? 0 : (data.completedCount / data.courseCount) * 100;
        return (
          <div class="page path-page">
            <PageHeading>
              <span lang={data.language} dir="auto">
                {data.title}
              </span>
            </PageHeading>
            {data.description.trim() !== '' && (
              <p lang={data.language} dir="auto">
                {data.description}
              </p>
            )}
            <div class="path-page__progress">
              <p>
                {t('path.coursesDone', { done: data.completedCount, total: data.courseCount })}
                {data.enrolled && ` · ${t('path.assigned')}`}
              </p>
              <ProgressBar value={percent} label={t('path.progressOf', { title: data.title })} />
            </div>
            {data.enforceOrder && <Alert tone="info">{t('path.orderNote')}</Alert>}
            <section class="section" aria-labelledby="path-courses">
              <h2 id="path-courses">{t('path.courses')}</h2>
              <ol class="path-steps">
                {data.courses.map((course, index) => (
                  <PathStep key={course.courseId} course={course} position={index + 1} />
                ))}
              </ol>
            </section>
            <PathDownload pathId={data.id} title={data.title} />
          </div>
        );
      }}
    </Loaded>
  );
}
