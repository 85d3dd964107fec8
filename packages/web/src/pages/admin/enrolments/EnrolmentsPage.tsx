import type { EnrolmentListItem, User } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { navigate } from '../../../router/history.js';
import type { PageProps } from '../../../router/Router.js';
import {
  Alert,
  Button,
  EmptyState,
  Form,
  FormActions,
  PageHeading,
  Select,
  showToast,
  Table,
  useAsyncAction,
} from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import { adminPaths } from '../admin-paths.js';
import '../admin.css';
import { AdminNav } from '../parts/AdminNav.js';
import { ConfirmDialog } from '../../../ui/index.js';
import { CoursePicker, type CourseChoice } from '../parts/CoursePicker.js';
import { pageCount, Pager } from '../parts/Pager.js';
import { UserPicker } from '../parts/UserPicker.js';
import { enrolmentHolder } from './enrolment-names.js';

const PAGE_SIZE = 50;

/** A course's side of enrolments: who takes it (people and classes), assign it to more, remove some. */
export default function EnrolmentsPage({ query }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const courseId = query.get('course') ?? '';
  const courseTitle = query.get('title') ?? '';
  const [course, setCourse] = useState<CourseChoice | null>(
    courseId ? { courseId, title: courseTitle || courseId } : null,
  );
  const choose = (next: CourseChoice | null) => {
    setCourse(next);
    const params = new URLSearchParams();
    if (next) {
      params.set('course', next.courseId);
      params.set('title', next.title);
    }
    const text = params.toString();
    navigate(text ? `${adminPaths.enrolments}?${text}` : adminPaths.enrolments, { replace: true });
  };

  return (
    <div class="page stack admin-page">
      <PageHeading>{t('admin.enrolments.title')}</PageHeading>
      <AdminNav />
      <p>{t('admin.enrolments.intro')}</p>
      <CoursePicker value={course} onValue={choose} label={t('admin.enrolments.course')} />
      {course && <CourseEnrolments key={course.courseId} course={course} />}
    </div>
  );
}

function CourseEnrolments({ course }: { readonly course: CourseChoice }) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [page, setPage] = useState(1);
  const list = useResource(
    (signal) => adminApi.enrolments(api, { courseId: course.courseId, page, pageSize: PAGE_SIZE }, signal),
    [api, course.courseId, page],
  );
  const classes = useResource((signal) => adminApi.classes(api, { limit: 500, offset: 0 }, signal), [api]);
  const [classId, setClassId] = useState('');
  const [classProblem, setClassProblem] = useState<string | null>(null);
  const [removing, setRemoving] = useState<EnrolmentListItem | null>(null);

  const assignClass = useAsyncAction(async () => {
    if (classId === '') {
      setClassProblem(t('admin.enrolments.chooseClassFirst'));
      return;
    }
    setClassProblem(null);
    await adminApi.assign(api, { courseId: course.courseId, classId });
    const name =
      classes.status === 'ready' ? (classes.data.items.find((item) => item.id === classId)?.name ?? '') : '';
    showToast(t('admin.enrolments.assignedToClass', { name }), 'success');
    list.reload();
  });
  const assignUser = useAsyncAction(async (user: User) => {
    await adminApi.assign(api, { courseId: course.courseId, userId: user.id });
    showToast(t('admin.enrolments.assignedToUser', { name: user.displayName }), 'success');
    list.reload();
  });
  const remove = useAsyncAction(async () => {
    if (!removing) return;
    await adminApi.unassign(api, removing.id);
    showToast(t('admin.enrolments.unassignedDone', { name: enrolmentHolder(removing) }), 'success');
    setRemoving(null);
    list.reload();
  });

  return (
    <>
      <section class="admin-section stack" aria-labelledby="course-enrolments">
        <h2 id="course-enrolments" dir="auto">
          {t('admin.enrolments.enrolledIn', { title: course.title })}
        </h2>
        <p>
          <a href={adminApi.courseCsvUrl(api, course.courseId)} download>
            {t('admin.enrolments.progressCsv')}
          </a>
        </p>
        <Loaded
          resource={list}
          isEmpty={(data) => data.items.length === 0}
          empty={<EmptyState title={t('admin.enrolments.courseEmpty')} />}
        >
          {(data) => (
            <Table caption={t('admin.enrolments.count', { count: data.total })}>
              <thead>
                <tr>
                  <th scope="col">{t('admin.enrolments.who')}</th>
                  <th scope="col">{t('admin.enrolments.whoKind')}</th>
                  <th scope="col">{t('admin.enrolments.how')}</th>
                  <th scope="col">{t('admin.enrolments.since')}</th>
                  <th scope="col">{t('admin.users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row" dir="auto">
                      {enrolmentHolder(item)}
                    </th>
                    <td>
                      {item.classId ? t('admin.enrolments.holderClass') : t('admin.enrolments.holderUser')}
                    </td>
                    <td>
                      {item.source === 'self'
                        ? t('admin.enrolments.sourceSelf')
                        : t('admin.enrolments.sourceAssigned')}
                    </td>
                    <td>{i18n.formatDate(item.createdAt)}</td>
                    <td>
                      <Button variant="quiet" class="admin-danger-text" onClick={() => setRemoving(item)}>
                        {t('admin.enrolments.remove')}
                        <span class="sr-only"> {enrolmentHolder(item)}</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Loaded>
        <Pager
          page={page}
          pages={list.status === 'ready' ? pageCount(list.data.total, PAGE_SIZE) : 1}
          onPage={setPage}
        />
      </section>

      <section class="admin-section stack" aria-labelledby="course-assign">
        <h2 id="course-assign" dir="auto">
          {t('admin.enrolments.assignCourse', { title: course.title })}
        </h2>
        <Form
          class="admin-subform stack"
          onSubmit={assignClass.run}
          busy={assignClass.busy}
          aria-labelledby="assign-class"
        >
          <h3 id="assign-class">{t('admin.enrolments.toClass')}</h3>
          <Loaded resource={classes}>
            {(data) => (
              <Select
                label={t('admin.enrolments.class')}
                description={data.items.length === 0 ? t('admin.enrolments.noClasses') : undefined}
                value={classId}
                error={classProblem}
                onValue={setClassId}
                options={[
                  { value: '', label: t('admin.enrolments.chooseClass') },
                  ...data.items.map((item) => ({
                    value: item.id,
                    label: item.code ? `${item.name} (${item.code})` : item.name,
                  })),
                ]}
              />
            )}
          </Loaded>
          {assignClass.error !== null && <Alert tone="error">{i18n.errorMessage(assignClass.error)}</Alert>}
          <FormActions>
            <Button type="submit" variant="primary" busy={assignClass.busy}>
              {t('admin.enrolments.assignToClass')}
            </Button>
          </FormActions>
        </Form>
        <div class="admin-subform stack">
          <h3>{t('admin.enrolments.toUser')}</h3>
          {assignUser.error !== null && <Alert tone="error">{i18n.errorMessage(assignUser.error)}</Alert>}
          <UserPicker
            label={t('admin.enrolments.findLearners')}
            initialRole="learner"
            actions={(user) => (
              <Button variant="quiet" busy={assignUser.busy} onClick={() => void assignUser.run(user)}>
                {t('admin.enrolments.assignToUser')}
                <span class="sr-only"> {user.displayName}</span>
              </Button>
            )}
          />
        </div>
      </section>

      <ConfirmDialog
        open={removing !== null}
        title={removing ? t('admin.enrolments.unassignTitle', { name: enrolmentHolder(removing) }) : ''}
        confirmLabel={t('admin.enrolments.remove')}
        danger
        action={remove}
        onCancel={() => {
          setRemoving(null);
        }}
      >
        <p>{t('admin.enrolments.unassignBody', { title: course.title })}</p>
      </ConfirmDialog>
    </>
  );
}
