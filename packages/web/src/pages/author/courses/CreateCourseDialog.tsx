import { useState } from 'preact/hooks';
import type { EnrolmentPolicy } from '@satchel/core';
import { useApi, useTenant } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { navigate } from '../../../router/history.js';
import { Alert, Button, Dialog, Form, Select, TextField, useAsyncAction } from '../../../ui/index.js';
import { authorApi } from '../author-api.js';
import { authorErrorMessage } from '../author-errors.js';
import { languageOptions } from '../parts/languages.js';
import { courseEditorPath } from './author-paths.js';
import { EnrolmentPolicySelect } from './EnrolmentPolicySelect.js';

/** Starts a course: its title, language and who may enrol; the editor opens on it. */
export function CreateCourseDialog({
  open,
  onClose,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const tenant = useTenant();
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState(tenant.defaultLocale);
  const [policy, setPolicy] = useState<EnrolmentPolicy>('open');
  const [titleProblem, setTitleProblem] = useState<string | null>(null);
  const [invalidAttempt, setInvalidAttempt] = useState(0);

  const create = useAsyncAction(async () => {
    const trimmed = title.trim();
    const problem =
      trimmed === '' ? t('common.fieldRequired') : trimmed.length > 300 ? t('author.problem.tooLong') : null;
    setTitleProblem(problem);
    if (problem) {
      setInvalidAttempt((count) => count + 1);
      return;
    }
    const course = await authorApi.createCourse(api, { title: trimmed, language }, policy);
    navigate(courseEditorPath(course.id));
  });

  return (
    <Dialog open={open} onClose={onClose} title={t('author.courses.createTitle')}>
      {open && (
        <Form onSubmit={create.run} busy={create.busy} invalidAttempt={invalidAttempt} class="stack">
          {create.error !== null && <Alert tone="error">{authorErrorMessage(i18n, create.error)}</Alert>}
          <TextField
            label={t('author.course.title')}
            maxLength={300}
            value={title}
            onValue={setTitle}
            error={titleProblem}
          />
          <Select
            label={t('author.course.language')}
            value={language}
            onValue={setLanguage}
            options={languageOptions(tenant.locales, language)}
          />
          <EnrolmentPolicySelect value={policy} onValue={setPolicy} />
          <div class="form-actions">
            <Button type="submit" variant="primary" busy={create.busy}>
              {t('author.courses.createSubmit')}
            </Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </div>
        </Form>
      )}
    </Dialog>
  );
}
