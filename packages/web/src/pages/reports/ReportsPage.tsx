import { useEffect, useState } from 'preact/hooks';
import { useApi, useUser } from '../../app/context.js';
import { Loaded } from '../../app/Loaded.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { navigate } from '../../router/history.js';
import type { PageProps } from '../../router/Router.js';
import { Button, Checkbox, Form, PageHeading, Select, TextField } from '../../ui/index.js';
import { adminApi } from '../admin/admin-api.js';
import { adminPaths } from '../admin/admin-paths.js';
import '../admin/admin.css';
import './reports.css';
import { AdminNav } from '../admin/parts/AdminNav.js';
import { ClassesReport } from './ClassesReport.js';
import { CoursesReport } from './CoursesReport.js';

/**
 * Reach and completion, per course and per class. Admins see the whole platform; educators see the
 * learners of the classes they teach (the server decides).
 */
export default function ReportsPage({ query }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const user = useUser();
  const isAdmin = user.roles.includes('admin');
  const q = query.get('q') ?? '';
  const classId = query.get('class') ?? '';
  const activeOnly = query.get('active') === '1';
  const classes = useResource(
    (signal) => adminApi.classes(api, { mine: !isAdmin, limit: 500, offset: 0 }, signal),
    [api, isAdmin],
  );
  const [text, setText] = useState(q);
  const [chosenClass, setChosenClass] = useState(classId);
  const [active, setActive] = useState(activeOnly);
  useEffect(() => {
    setText(q);
    setChosenClass(classId);
    setActive(activeOnly);
  }, [q, classId, activeOnly]);

  const apply = () => {
    const params = new URLSearchParams();
    if (text.trim()) params.set('q', text.trim());
    if (chosenClass) params.set('class', chosenClass);
    if (active) params.set('active', '1');
    const search = params.toString();
    navigate(search ? `${adminPaths.reports}?${search}` : adminPaths.reports);
  };

  const classList = classes.status === 'ready' ? classes.data.items : [];
  const chosen = classList.find((klass) => klass.id === classId);

  return (
    <div class="page stack admin-page">
      <PageHeading>{t('reports.title')}</PageHeading>
      {isAdmin && <AdminNav />}
      <p>{isAdmin ? t('reports.introAdmin') : t('reports.introEducator')}</p>
      <Form class="admin-filters" role="search" aria-label={t('reports.filters')} onSubmit={apply}>
        <TextField
          label={t('reports.filterCourse')}
          type="search"
          optional
          maxLength={200}
          value={text}
          onValue={setText}
        />
        <Select
          label={t('reports.filterClass')}
          optional
          value={chosenClass}
          onValue={setChosenClass}
          options={[
            { value: '', label: isAdmin ? t('reports.allClasses') : t('reports.allMyClasses') },
            ...classList.map((klass) => ({ value: klass.id, label: klass.name })),
          ]}
        />
        <Checkbox label={t('reports.activeOnly')} checked={active} onChecked={setActive} />
        <div class="admin-filters__actions">
          <Button type="submit">{t('reports.apply')}</Button>
        </div>
      </Form>
      <CoursesReport q={q} activeOnly={activeOnly} classId={classId} className={chosen?.name ?? ''} />
      <Loaded resource={classes}>
        {() => <ClassesReport key={classId} classes={chosen ? [chosen] : classList} />}
      </Loaded>
    </div>
  );
}
