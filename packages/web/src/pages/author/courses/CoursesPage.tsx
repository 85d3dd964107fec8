import { useEffect, useState } from 'preact/hooks';
import type { AuthoringCourseSummary } from '@satchel/core';
import { useApi } from '../../../app/context.js';
import { paths } from '../../../app/paths.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { endonym } from '../../../i18n/locales.js';
import { navigate } from '../../../router/history.js';
import { Link } from '../../../router/Link.js';
import type { PageProps } from '../../../router/Router.js';
import { Button, LinkButton, EmptyState, Form, PageHeading, Table, TextField } from '../../../ui/index.js';
import { authorApi } from '../author-api.js';
import { authorErrorMessage } from '../author-errors.js';
import '../author.css';
import { courseEditorPath } from './author-paths.js';
import { IMPORT_CARTRIDGE_PATH } from '../import/cartridge-api.js';
import { CourseStatusBadge } from './CourseStatusBadge.js';
import { CreateCourseDialog } from './CreateCourseDialog.js';
import { VariantDialog } from './VariantDialog.js';

const PAGE_SIZE = 50;

/** Every course of the platform for its authors: drafts and published ones, newest change first. */
export default function CoursesPage({ query }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const q = query.get('q') ?? '';
  const pageNumber = Math.max(1, Number(query.get('page') ?? '1') || 1);
  const list = useResource(
    (signal) =>
      authorApi.courses(api, { ...(q ? { q } : {}), page: pageNumber, pageSize: PAGE_SIZE }, signal),
    [api, q, pageNumber],
  );
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const [creating, setCreating] = useState(false);
  const [translating, setTranslating] = useState<AuthoringCourseSummary | null>(null);
  const go = (nextQ: string, nextPage: number) => {
    const params = new URLSearchParams();
    if (nextQ.trim()) params.set('q', nextQ.trim());
    if (nextPage > 1) params.set('page', String(nextPage));
    const text = params.toString();
    navigate(text ? `${paths.authorCourses}?${text}` : paths.authorCourses);
  };
  const pages = list.status === 'ready' ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <div class="page stack author-page">
      <PageHeading>{t('author.courses.heading')}</PageHeading>
      <div class="author-actions">
        <Button variant="primary" onClick={() => setCreating(true)}>
          {t('author.courses.create')}
        </Button>
        <LinkButton to={IMPORT_CARTRIDGE_PATH}>{t('author.ccImport.link')}</LinkButton>
        <LinkButton to="/author/import-scorm">{t('author.scormImport.link')}</LinkButton>
        <LinkButton to="/author/import-cmi5">{t('author.cmi5Import.link')}</LinkButton>
      </div>
      <Form
        onSubmit={() => go(search, 1)}
        class="author-filters"
        role="search"
        aria-label={t('author.courses.searchLabel')}
      >
        <TextField
          label={t('author.courses.search')}
          type="search"
          optional
          maxLength={200}
          value={search}
          onValue={setSearch}
        />
        <div class="form-actions">
          <Button type="submit">{t('author.library.searchSubmit')}</Button>
        </div>
      </Form>
      <Loaded
        resource={list}
        block
        errorMessage={(error) => authorErrorMessage(i18n, error)}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState
            title={q ? t('author.courses.noMatch') : t('author.courses.empty')}
            description={q ? undefined : t('author.courses.emptyHelp')}
          />
        }
      >
        {(data) => (
          <Table caption={t('author.courses.count', { count: data.total })}>
            <thead>
              <tr>
                <th scope="col">{t('author.course.title')}</th>
                <th scope="col">{t('author.course.language')}</th>
                <th scope="col">{t('author.courses.status')}</th>
                <th scope="col">{t('author.courses.updated')}</th>
                <th scope="col">{t('author.courses.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((course) => (
                <tr key={course.id}>
                  <th scope="row">
                    <Link to={courseEditorPath(course.id)}>
                      <span dir="auto">{course.title}</span>
                    </Link>
                  </th>
                  <td lang={course.language}>{endonym(course.language)}</td>
                  <td>
                    <CourseStatusBadge course={course} />
                  </td>
                  <td>{i18n.formatDate(course.updatedAt)}</td>
                  <td>
                    {!course.archived && (
                      <Button variant="quiet" onClick={() => setTranslating(course)}>
                        {t('author.courses.addVariant')}
                        <span class="sr-only"> {course.title}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Loaded>
      {pages > 1 && (
        <nav class="author-pager" aria-label={t('author.pager.label')}>
          <Button
            aria-disabled={pageNumber <= 1 ? 'true' : undefined}
            onClick={() => pageNumber > 1 && go(q, pageNumber - 1)}
          >
            {t('author.pager.previous')}
          </Button>
          <span>{t('author.pager.position', { page: pageNumber, pages })}</span>
          <Button
            aria-disabled={pageNumber >= pages ? 'true' : undefined}
            onClick={() => pageNumber < pages && go(q, pageNumber + 1)}
          >
            {t('author.pager.next')}
          </Button>
        </nav>
      )}
      <CreateCourseDialog open={creating} onClose={() => setCreating(false)} />
      <VariantDialog course={translating} onClose={() => setTranslating(null)} />
    </div>
  );
}
