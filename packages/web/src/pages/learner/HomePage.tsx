import type { MyCoursesResponse } from '../../api/types.js';
import { useApi, useUser } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { Loaded } from '../../app/Loaded.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../router/Router.js';
import { EmptyState, LinkButton, PageHeading } from '../../ui/index.js';
import { CourseCard } from './CourseCard.js';
import { continueLearning, myCourses } from './course-lists.js';

/** The learner's start page: a welcome, the courses to resume, and every enrolled course. */
export default function HomePage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const user = useUser();
  const api = useApi();
  const courses = useResource((signal) => api.get<MyCoursesResponse>('/me/courses', { signal }), [api]);
  const resume = courses.status === 'ready' ? continueLearning(courses.data.items) : [];
  const browse = (
    <LinkButton to={paths.catalog} variant="primary">
      {t('home.browseCatalog')}
    </LinkButton>
  );

  return (
    <div class="page">
      <PageHeading>{t('home.welcome', { name: user.displayName })}</PageHeading>
      <Loaded resource={courses} block>
        {(data) => (
          <>
            <section class="section" aria-labelledby="home-continue">
              <h2 id="home-continue">{t('home.continueLearning')}</h2>
              {resume.length > 0 ? (
                <ul class="course-grid">
                  {resume.map((course) => (
                    <CourseCard key={course.courseId} course={course} resume />
                  ))}
                </ul>
              ) : (
                <EmptyState
                  title={t('home.nothingInProgress')}
                  description={t('home.nothingInProgressHelp')}
                  action={browse}
                />
              )}
            </section>
            <section class="section" aria-labelledby="home-mine">
              <h2 id="home-mine">{t('home.myCourses')}</h2>
              {data.items.length > 0 ? (
                <ul class="course-grid">
                  {myCourses(data.items, i18n.locale).map((course) => (
                    <CourseCard key={course.courseId} course={course} />
                  ))}
                </ul>
              ) : (
                <EmptyState
                  title={t('home.noCourses')}
                  description={t('home.noCoursesHelp')}
                  action={browse}
                />
              )}
            </section>
          </>
        )}
      </Loaded>
    </div>
  );
}
