import { useApi } from '../../app/context.js';
import { Loaded } from '../../app/Loaded.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../router/Router.js';
import { EmptyState, LinkButton, PageHeading } from '../../ui/index.js';
import { adminApi } from '../admin/admin-api.js';
import { adminPaths } from '../admin/admin-paths.js';
import '../admin/admin.css';
import { ClassesTable } from '../admin/classes/ClassesTable.js';
import { useGradeNames } from '../admin/classes/use-grades.js';

/** The classes the signed-in educator teaches, each leading to its progress table. */
export default function EducatorClassesPage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const list = useResource(
    (signal) => adminApi.classes(api, { mine: true, limit: 500, offset: 0 }, signal),
    [api],
  );
  const gradeNames = useGradeNames();
  return (
    <div class="page stack admin-page">
      <PageHeading>{t('educator.classes.title')}</PageHeading>
      <p>{t('educator.classes.intro')}</p>
      <div class="admin-actions">
        <LinkButton to={adminPaths.reports}>{t('educator.classes.reports')}</LinkButton>
      </div>
      <Loaded
        resource={list}
        block
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState title={t('educator.classes.empty')} description={t('educator.classes.emptyHelp')} />
        }
      >
        {(data) => (
          <ClassesTable
            caption={t('educator.classes.caption', { count: data.total })}
            classes={data.items}
            gradeNames={gradeNames}
            linkTo={(klass) => adminPaths.classProgress(klass.id)}
          />
        )}
      </Loaded>
    </div>
  );
}
