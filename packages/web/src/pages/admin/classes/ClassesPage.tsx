import { useEffect, useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { navigate } from '../../../router/history.js';
import type { PageProps } from '../../../router/Router.js';
import { Button, EmptyState, Form, PageHeading, showToast, TextField } from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import { adminPaths } from '../admin-paths.js';
import '../admin.css';
import { AdminNav } from '../parts/AdminNav.js';
import { pageCount, Pager } from '../parts/Pager.js';
import { ClassDialog } from './ClassDialog.js';
import { ClassesTable } from './ClassesTable.js';
import { useGradeNames } from './use-grades.js';

const PAGE_SIZE = 50;

/** Every class of the platform, for admins: search, create, open one to manage members and courses. */
export default function ClassesPage({ query }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const q = query.get('q') ?? '';
  const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
  const list = useResource(
    (signal) =>
      adminApi.classes(
        api,
        { ...(q ? { q } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
        signal,
      ),
    [api, q, page],
  );
  const gradeNames = useGradeNames();
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const [creating, setCreating] = useState(false);
  const go = (nextQ: string, nextPage: number) => {
    const params = new URLSearchParams();
    if (nextQ.trim()) params.set('q', nextQ.trim());
    if (nextPage > 1) params.set('page', String(nextPage));
    const text = params.toString();
    navigate(text ? `${adminPaths.classes}?${text}` : adminPaths.classes);
  };
  const pages = list.status === 'ready' ? pageCount(list.data.total, PAGE_SIZE) : 1;

  return (
    <div class="page stack admin-page">
      <PageHeading>{t('admin.classes.title')}</PageHeading>
      <AdminNav />
      <div class="admin-actions">
        <Button variant="primary" onClick={() => setCreating(true)}>
          {t('admin.classes.create')}
        </Button>
      </div>
      <Form
        class="admin-filters"
        role="search"
        aria-label={t('admin.classes.searchLabel')}
        onSubmit={() => go(search, 1)}
      >
        <TextField
          label={t('admin.classes.search')}
          type="search"
          optional
          maxLength={100}
          value={search}
          onValue={setSearch}
        />
        <div class="admin-filters__actions">
          <Button type="submit">{t('admin.users.searchSubmit')}</Button>
        </div>
      </Form>
      <Loaded
        resource={list}
        block
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState
            title={q ? t('admin.classes.noMatch') : t('admin.classes.empty')}
            description={q ? undefined : t('admin.classes.emptyHelp')}
          />
        }
      >
        {(data) => (
          <ClassesTable
            caption={t('admin.classes.count', { count: data.total })}
            classes={data.items}
            gradeNames={gradeNames}
            linkTo={(klass) => adminPaths.class(klass.id)}
          />
        )}
      </Loaded>
      <Pager page={page} pages={pages} onPage={(next) => go(q, next)} />
      <ClassDialog
        target={creating ? 'new' : null}
        onClose={() => setCreating(false)}
        onSaved={(klass) => {
          setCreating(false);
          showToast(t('admin.classes.createdDone', { name: klass.name }), 'success');
          navigate(adminPaths.class(klass.id));
        }}
      />
    </div>
  );
}
