import type { ClassDetail } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { navigate } from '../../../router/history.js';
import { Link } from '../../../router/Link.js';
import type { PageProps } from '../../../router/Router.js';
import { Button, LinkButton, PageHeading, showToast, useAsyncAction } from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import { adminPaths } from '../admin-paths.js';
import '../admin.css';
import { ClassEnrolments } from '../enrolments/ClassEnrolments.js';
import { AdminNav } from '../parts/AdminNav.js';
import { ConfirmDialog } from '../../../ui/index.js';
import { ClassDialog } from './ClassDialog.js';
import { MembersSection } from './MembersSection.js';
import { useGradeNames } from './use-grades.js';

/** One class, for admins: its details, its members and the courses assigned to it. */
export default function ClassPage({ params }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const classId = params['classId'] ?? '';
  const loaded = useResource((signal) => adminApi.classDetail(api, classId, signal), [api, classId]);
  const [changed, setChanged] = useState<ClassDetail | null>(null);
  const klass = changed ?? (loaded.status === 'ready' ? loaded.data : null);
  const gradeNames = useGradeNames();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useAsyncAction(async () => {
    if (!klass) return;
    await adminApi.deleteClass(api, klass.id);
    showToast(t('admin.classes.deletedDone', { name: klass.name }), 'success');
    navigate(adminPaths.classes, { replace: true });
  });

  return (
    <div class="page stack admin-page">
      <p class="admin-breadcrumb">
        <Link to={adminPaths.classes}>{t('admin.classes.back')}</Link>
      </p>
      <PageHeading>{klass ? <span dir="auto">{klass.name}</span> : t('admin.classes.title')}</PageHeading>
      <AdminNav />
      <Loaded resource={loaded} block>
        {(data) => {
          // What the admin changed here since it loaded wins over what was loaded.
          const shown = changed ?? data;
          return (
            <>
              <dl class="facts admin-facts">
                <div>
                  <dt>{t('admin.classes.code')}</dt>
                  <dd dir="auto">{shown.code ?? '—'}</dd>
                </div>
                <div>
                  <dt>{t('admin.classes.grade')}</dt>
                  <dd>{shown.gradeId ? (gradeNames.get(shown.gradeId) ?? '—') : '—'}</dd>
                </div>
                {shown.description && (
                  <div>
                    <dt>{t('admin.classes.description')}</dt>
                    <dd dir="auto">{shown.description}</dd>
                  </div>
                )}
              </dl>
              <div class="admin-actions">
                <Button onClick={() => setEditing(true)}>{t('admin.classes.edit')}</Button>
                <LinkButton to={adminPaths.classProgress(shown.id)}>{t('admin.classes.progress')}</LinkButton>
                <Button variant="danger" onClick={() => setDeleting(true)}>
                  {t('admin.classes.delete')}
                </Button>
              </div>
              <MembersSection klass={shown} onChanged={setChanged} />
              <ClassEnrolments classId={shown.id} className={shown.name} />
              <ClassDialog
                target={editing ? shown : null}
                onClose={() => setEditing(false)}
                onSaved={(saved) => {
                  setEditing(false);
                  setChanged(saved);
                  showToast(t('admin.classes.savedDone', { name: saved.name }), 'success');
                }}
              />
              <ConfirmDialog
                open={deleting}
                title={t('admin.classes.deleteTitle', { name: shown.name })}
                confirmLabel={t('admin.classes.delete')}
                danger
                action={remove}
                onCancel={() => {
                  setDeleting(false);
                }}
              >
                <p>{t('admin.classes.deleteBody')}</p>
              </ConfirmDialog>
            </>
          );
        }}
      </Loaded>
    </div>
  );
}
