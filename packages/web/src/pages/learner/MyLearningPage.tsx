import type { MyCoursesResponse, PathListResponse, PathSummary } from '@satchel/core';
import { useApi } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { Loaded } from '../../app/Loaded.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../router/Link.js';
import type { PageProps } from '../../router/Router.js';
import { EmptyState, LinkButton, PageHeading, ProgressBar } from '../../ui/index.js';
import { CourseCard } from './CourseCard.js';
import { myCourses } from './course-lists.js';
import './learner-pages.css';

function PathCard({ path }: { readonly path: PathSummary }) {
  const i18n = useI18n();
  const { t } = i18n;
  const percent = path.courseCount === 0 ? 0 : (path.completedCount / path.courseCount) * 100;
  return (
    <li class="course-card path-card">
      <div class="course-card__body">
        <h3 class="course-card__title" lang={path.language} dir="auto">
          <Link to={paths.learningPath(path.id)}>{path.title}</Link>
        </h3>
        {path.description.trim() !== '' && (
          <p class="catalog-card__description" lang={path.language} dir="auto">
            {path.description}
          </p>
        )}
        <p class="course-card__meta">
          {t('path.coursesDone', { done: path.completedCount, total: path.courseCount })}
          {path.enforceOrder && ` · ${t('path.inOrder')}`}
        </p>
        <ProgressBar value={percent} label={t('path.progressOf', { title: path.title })} />
      </div>
    </li>
  );
}

/** Everything the learner is taking: enrolled courses with their progress, and learning paths. */
export default function MyLearningPage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const courses = useResource((signal) => api.get<MyCoursesResponse>('/me/courses', { signal }), [api]);
  const learningPaths = useResource((signal) => api.get<PathListResponse>('/paths', { signal }), [api]);
  return (
    <div class="page">
      <PageHeading>{t('learning.title')}</PageHeading>
      <section class="section" aria-labelledby="learning-courses">
        <h2 id="learning-courses">{t('learning.courses')}</h2>
        <Loaded resource={courses} block>
          {(data) =>
            data.items.length > 0 ? (
              <ul class="course-grid">
                {myCourses(data.items, i18n.locale).map((course) => (
                  <CourseCard
                    key={course.courseId}
                    course={course}
                    resume={course.status === 'in_progress'}
                  />
                ))}
              </ul>
            ) : (
              <EmptyState
                title={t('home.noCourses')}
                description={t('home.noCoursesHelp')}
                action={
                  <LinkButton to={paths.catalog} variant="primary">
                    {t('home.browseCatalog')}
                  </LinkButton>
                }
              />
            )
          }
        </Loaded>
      </section>
      <section class="section" aria-labelledby="learning-paths">
        <h2 id="learning-paths">{t('learning.paths')}</h2>
        <Loaded resource={learningPaths} block>
          {(data) =>
            data.items.length > 0 ? (
              <ul class="course-grid">
                {data.items.map((path) => (
                  <PathCard key={path.id} path={path} />
                ))}
              </ul>
            ) : (
              <p>{t('learning.noPaths')}</p>
            )
          }
        </Loaded>
      </section>
    </div>
  );
}
