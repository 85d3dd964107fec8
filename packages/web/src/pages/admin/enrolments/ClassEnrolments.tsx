import type { EnrolmentListItem } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import {
  Alert,
  Button,
  EmptyState,
  Form,
  FormActions,
  showToast,
  Table,
  useAsyncAction,
} from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import { ConfirmDialog } from '../../../ui/index.js';
import { CoursePicker, type CourseChoice } from '../parts/CoursePicker.js';
import { PathPicker } from '../parts/PathPicker.js';
import { RadioGroup } from '../parts/RadioGroup.js';
import { enrolmentTitle } from './enrolment-names.js';

type Kind = 'course' | 'path';

export interface ClassEnrolmentsProps {
  readonly classId: string;
  readonly className: string;
  /** After an assignment was added or removed (a progress table may want to reload). */
  readonly onChanged?: () => void;
}

/** The courses and learning paths assigned to a class, and a form to assign more (admins and its educators). */
export function ClassEnrolments({ classId, className, onChanged }: ClassEnrolmentsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const list = useResource(
    (signal) => adminApi.enrolments(api, { classId, pageSize: 200 }, signal),
    [api, classId],
  );
  const [kind, setKind] = useState<Kind>('course');
  const [course, setCourse] = useState<CourseChoice | null>(null);
  const [pathId, setPathId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [removing, setRemoving] = useState<EnrolmentListItem | null>(null);

  const assign = useAsyncAction(async () => {
    const chosen = kind === 'course' ? (course?.courseId ?? '') : pathId;
    if (chosen === '') {
      setProblem(
        t(kind === 'course' ? 'admin.enrolments.chooseCourseFirst' : 'admin.enrolments.choosePathFirst'),
      );
      return;
    }
    setProblem(null);
    await adminApi.assign(
      api,
      kind === 'course' ? { courseId: chosen, classId } : { pathId: chosen, classId },
    );
    showToast(t('admin.enrolments.assignedToClass', { name: className }), 'success');
    list.reload();
    onChanged?.();
  });
  const remove = useAsyncAction(async () => {
    if (!removing) return;
    await adminApi.unassign(api, removing.id);
    showToast(t('admin.enrolments.removedDone', { title: enrolmentTitle(removing) }), 'success');
    setRemoving(null);
    list.reload();
    onChanged?.();
  });

  return (
    <section class="admin-section stack" aria-labelledby="class-enrolments">
      <h2 id="class-enrolments">{t('admin.enrolments.classTitle')}</h2>
      <Loaded
        resource={list}
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyState title={t('admin.enrolments.classEmpty')} />}
      >
        {(data) => (
          <Table caption={t('admin.enrolments.classCaption', { name: className })}>
            <thead>
              <tr>
                <th scope="col">{t('admin.enrolments.what')}</th>
                <th scope="col">{t('admin.enrolments.kind')}</th>
                <th scope="col">{t('admin.enrolments.since')}</th>
                <th scope="col">{t('admin.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row" dir="auto">
                    {enrolmentTitle(item)}
                  </th>
                  <td>{item.courseId ? t('admin.enrolments.kindCourse') : t('admin.enrolments.kindPath')}</td>
                  <td>{i18n.formatDate(item.createdAt)}</td>
                  <td>
                    <Button variant="quiet" class="admin-danger-text" onClick={() => setRemoving(item)}>
                      {t('admin.enrolments.remove')}
                      <span class="sr-only"> {enrolmentTitle(item)}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Loaded>

      <Form
        class="admin-subform stack"
        onSubmit={assign.run}
        busy={assign.busy}
        aria-labelledby="class-assign"
      >
        <h3 id="class-assign">{t('admin.enrolments.assignTitle')}</h3>
        <RadioGroup<Kind>
          legend={t('admin.enrolments.assignWhat')}
          inline
          value={kind}
          onValue={(value) => {
            setKind(value);
            setProblem(null);
          }}
          choices={[
            { value: 'course', label: t('admin.enrolments.kindCourse') },
            { value: 'path', label: t('admin.enrolments.kindPath') },
          ]}
        />
        {kind === 'course' ? (
          <CoursePicker value={course} onValue={setCourse} error={problem} />
        ) : (
          <PathPicker value={pathId} onValue={setPathId} error={problem} />
        )}
        {assign.error !== null && <Alert tone="error">{i18n.errorMessage(assign.error)}</Alert>}
        <FormActions>
          <Button type="submit" variant="primary" busy={assign.busy}>
            {t('admin.enrolments.assignToClass')}
          </Button>
        </FormActions>
      </Form>

      <ConfirmDialog
        open={removing !== null}
        title={removing ? t('admin.enrolments.removeTitle', { title: enrolmentTitle(removing) }) : ''}
        confirmLabel={t('admin.enrolments.remove')}
        danger
        action={remove}
        onCancel={() => {
          setRemoving(null);
        }}
      >
        <p>{t('admin.enrolments.removeClassBody', { name: className })}</p>
      </ConfirmDialog>
    </section>
  );
}
