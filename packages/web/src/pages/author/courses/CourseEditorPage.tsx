import type { AuthoringCourseSummary, Category, CurriculumFrameworkTree } from '@satchel/core';
import { useApi } from '../../../app/context.js';
import { paths } from '../../../app/paths.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource, type Resource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Link } from '../../../router/Link.js';
import type { PageProps } from '../../../router/Router.js';
import { authorApi } from '../author-api.js';
import { authorErrorMessage } from '../author-errors.js';
import '../author.css';
import { CourseEditor } from './CourseEditor.js';

interface Support {
  readonly frameworks: readonly CurriculumFrameworkTree[];
  readonly categories: readonly Category[];
  readonly courses: readonly Pick<AuthoringCourseSummary, 'id' | 'title'>[];
}

/** What the course form offers to choose from. Each list is optional: a failure leaves it empty. */
async function loadSupport(api: ReturnType<typeof useApi>, signal: AbortSignal): Promise<Support> {
  const [curriculum, categories, courses] = await Promise.all([
    authorApi.curriculum(api, signal).catch(() => ({ frameworks: [] })),
    authorApi.categories(api, signal).catch(() => ({ items: [] })),
    authorApi.courses(api, { pageSize: 200 }, signal).catch(() => ({ items: [], total: 0 })),
  ]);
  return { frameworks: curriculum.frameworks, categories: categories.items, courses: courses.items };
}

/** Two loads as one: the first error, else loading until both are there. */
function together<A, B>(a: Resource<A>, b: Resource<B>): Resource<readonly [A, B]> {
  if (a.status === 'error') return a;
  if (b.status === 'error') return b;
  if (a.status === 'loading' || b.status === 'loading') return { status: 'loading' };
  return { status: 'ready', data: [a.data, b.data] };
}

/** `/author/courses/:courseId`: loads the draft and what its form needs, then hands over to the editor. */
export default function CourseEditorPage({ params }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const courseId = params['courseId'] ?? '';
  const course = useResource((signal) => authorApi.course(api, courseId, signal), [api, courseId]);
  const support = useResource((signal) => loadSupport(api, signal), [api]);

  const both = {
    ...together(course, support),
    reload: () => {
      course.reload();
      support.reload();
    },
  };
  return (
    // While loading there is no heading: the editor's own takes the focus a navigation asks for when it appears.
    <Loaded
      resource={both}
      block
      loadingLabel={t('author.editor.loading')}
      errorMessage={(error) => authorErrorMessage(i18n, error)}
      failureHeading={t('author.editor.loadFailed')}
      failureActions={<Link to={paths.authorCourses}>{t('author.editor.backToCourses')}</Link>}
    >
      {([draft, choices]) => (
        <CourseEditor
          course={draft}
          frameworks={choices.frameworks}
          categories={choices.categories}
          otherCourses={choices.courses.filter((other) => other.id !== courseId)}
          onReload={course.reload}
        />
      )}
    </Loaded>
  );
}
