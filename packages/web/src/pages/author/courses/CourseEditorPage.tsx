import type { AuthoringCourseSummary, Category, CurriculumFrameworkTree } from '@satchel/core';
import { useApi } from '../../../app/context.js';
import { paths } from '../../../app/paths.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Link } from '../../../router/Link.js';
import type { PageProps } from '../../../router/Router.js';
import { Alert, Button, PageHeading, Spinner } from '../../../ui/index.js';
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

/** `/author/courses/:courseId`: loads the draft and what its form needs, then hands over to the editor. */
export default function CourseEditorPage({ params }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const courseId = params['courseId'] ?? '';
  const course = useResource((signal) => authorApi.course(api, courseId, signal), [api, courseId]);
  const support = useResource((signal) => loadSupport(api, signal), [api]);

  if (course.status === 'error' || support.status === 'error') {
    const error =
      course.status === 'error' ? course.error : support.status === 'error' ? support.error : null;
    return (
      <div class="page stack">
        <PageHeading>{t('author.editor.loadFailed')}</PageHeading>
        <Alert tone="error">
          <p>{authorErrorMessage(i18n, error)}</p>
        </Alert>
        <div class="author-actions">
          <Button
            onClick={() => {
              course.reload();
              support.reload();
            }}
          >
            {t('common.retry')}
          </Button>
          <Link to={paths.authorCourses}>{t('author.editor.backToCourses')}</Link>
        </div>
      </div>
    );
  }
  if (course.status === 'loading' || support.status === 'loading') {
    // No heading yet: the editor's own heading takes the focus a navigation asks for when it appears.
    return <Spinner block label={t('author.editor.loading')} />;
  }
  return (
    <CourseEditor
      course={course.data}
      frameworks={support.data.frameworks}
      categories={support.data.categories}
      otherCourses={support.data.courses.filter((other) => other.id !== courseId)}
      onReload={course.reload}
    />
  );
}
