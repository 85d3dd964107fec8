import type { ClassReportResponse } from '@satchel/core';
import { useRef } from 'preact/hooks';
import { useApi, useUser } from '../../app/context.js';
import { Loaded } from '../../app/Loaded.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../router/Link.js';
import type { PageProps } from '../../router/Router.js';
import { EmptyState, PageHeading } from '../../ui/index.js';
import { adminApi } from '../admin/admin-api.js';
import { adminPaths } from '../admin/admin-paths.js';
import '../admin/admin.css';
import { ClassEnrolments } from '../admin/enrolments/ClassEnrolments.js';
import { ProgressTable } from './ProgressTable.js';

/** A class's progress: every learner in every course it follows, a CSV of the same, and its assignments. */
export default function ClassProgressPage({ params }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const user = useUser();
  const classId = params['classId'] ?? '';
  const report = useResource((signal) => adminApi.classReport(api, classId, signal), [api, classId]);
  // Keep showing the table while it reloads after an assignment changed, instead of blanking the page.
  const latest = useRef<ClassReportResponse | null>(null);
  if (report.status === 'ready') latest.current = report.data;
  const data = latest.current;
  const isAdmin = user.roles.includes('admin');
  const back = isAdmin ? adminPaths.class(classId) : adminPaths.educatorClasses;

  return (
    <div class="page stack admin-page">
      <p class="admin-breadcrumb">
        <Link to={back}>{isAdmin ? t('educator.progress.backToClass') : t('educator.progress.back')}</Link>
      </p>
      <PageHeading>
        {data ? (
          <span dir="auto">{t('educator.progress.title', { name: data.class.name })}</span>
        ) : (
          t('educator.progress.titleLoading')
        )}
      </PageHeading>
      <Loaded resource={report} block keepWhileReloading>
        {(data) => (
          <>
            <p>{t('educator.progress.intro')}</p>
            <p>
              <a href={adminApi.classCsvUrl(api, classId)} download>
                {t('educator.progress.csv')}
              </a>
            </p>
            {data.learners.length === 0 ? (
              <EmptyState title={t('educator.progress.noLearners')} />
            ) : data.courses.length === 0 ? (
              <EmptyState
                title={t('educator.progress.noCourses')}
                description={t('educator.progress.noCoursesHelp')}
              />
            ) : (
              <ProgressTable report={data} />
            )}
            <ClassEnrolments classId={classId} className={data.class.name} onChanged={report.reload} />
          </>
        )}
      </Loaded>
    </div>
  );
}
