import type { CourseEnrolmentState, SelfEnrolResponse } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { useI18n } from '../../i18n/i18n.js';
import { navigate } from '../../router/history.js';
import { Alert, Button, ConfirmDialog, LinkButton, showToast, useAsyncAction } from '../../ui/index.js';
import type { CourseAction } from './course-outline.js';
import { learnerErrorMessage } from './learner-errors.js';

export interface CourseActionsProps {
  readonly courseId: string;
  readonly courseTitle: string;
  readonly action: CourseAction;
  readonly enrolment: CourseEnrolmentState;
  /** The title of the lesson the main button opens, said under it. */
  readonly nextLessonTitle: string | null;
  readonly onEnrolment: (state: CourseEnrolmentState) => void;
  readonly onLeft: () => void;
}

/** The course page's main button (enrol, start, continue, review) or why there is none. */
export function CourseActions(props: CourseActionsProps) {
  const { courseId, courseTitle, action, enrolment, nextLessonTitle, onEnrolment, onLeft } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [leaving, setLeaving] = useState(false);
  const enrolPath = `/courses/${encodeURIComponent(courseId)}/enrol`;

  const enrol = useAsyncAction(async (then?: string) => {
    const { state } = await api.post<SelfEnrolResponse>(enrolPath);
    onEnrolment(state);
    if (then) navigate(then);
    else showToast(t('course.enrolled', { title: courseTitle }), 'success');
  });
  const leave = useAsyncAction(async () => {
    await api.delete(enrolPath);
    setLeaving(false);
    showToast(t('course.left', { title: courseTitle }));
    onLeft();
  });

  let main = null;
  switch (action.kind) {
    case 'start':
    case 'continue':
    case 'review': {
      const label = t(`course.action.${action.kind}`);
      const target = paths.lesson(courseId, action.lessonId);
      main = action.enrolFirst ? (
        <Button variant="primary" busy={enrol.busy} onClick={() => void enrol.run(target)}>
          {label}
        </Button>
      ) : (
        <LinkButton variant="primary" to={target}>
          {label}
        </LinkButton>
      );
      break;
    }
    case 'enrol':
      main = (
        <Button variant="primary" busy={enrol.busy} onClick={() => void enrol.run()}>
          {t('course.action.enrol')}
        </Button>
      );
      break;
    case 'prerequisites':
      main = <Alert tone="info">{t('course.needsPrerequisites')}</Alert>;
      break;
    case 'assigned':
      main = <Alert tone="info">{t('course.assignedOnly')}</Alert>;
      break;
    case 'empty':
      main = <Alert tone="info">{t('course.noLessons')}</Alert>;
      break;
  }

  return (
    <div class="course-actions">
      <div class="course-actions__main">
        {main}
        {(action.kind === 'continue' || action.kind === 'start') && nextLessonTitle && (
          <p class="course-actions__next" dir="auto">
            {t('course.nextLesson', { title: nextLessonTitle })}
          </p>
        )}
      </div>
      {enrol.error !== null && <Alert tone="error">{learnerErrorMessage(i18n, enrol.error)}</Alert>}
      {enrolment.canUnenrol && (
        <Button variant="quiet" class="course-actions__leave" onClick={() => setLeaving(true)}>
          {t('course.leave')}
        </Button>
      )}
      <ConfirmDialog
        open={leaving}
        title={t('course.leaveTitle')}
        confirmLabel={t('course.leaveConfirm')}
        danger
        errorMessage={(error) => learnerErrorMessage(i18n, error)}
        action={leave}
        onCancel={() => {
          setLeaving(false);
        }}
      >
        <p>{t('course.leaveBody', { title: courseTitle })}</p>
      </ConfirmDialog>
    </div>
  );
}
