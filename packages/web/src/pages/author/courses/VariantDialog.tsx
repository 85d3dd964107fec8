import { useEffect, useState } from 'preact/hooks';
import type { AuthoringCourseSummary } from '@satchel/core';
import { ApiError } from '../../../api/errors.js';
import { useApi, useTenant } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Link } from '../../../router/Link.js';
import { navigate } from '../../../router/history.js';
import { Alert, Button, Dialog, Form, Select, TextField, useAsyncAction } from '../../../ui/index.js';
import { authorApi } from '../author-api.js';
import { authorErrorMessage } from '../author-errors.js';
import { languageOptions } from '../parts/languages.js';
import { courseEditorPath } from './author-paths.js';

export interface VariantDialogProps {
  /** The course to translate; null keeps the dialog closed. */
  readonly course: Pick<AuthoringCourseSummary, 'id' | 'title' | 'language'> | null;
  readonly onClose: () => void;
}

/**
 * Starts a language version of a course: a copy of its draft in the same variant group, which learners
 * can switch between. The copy opens in the editor to be translated.
 */
export function VariantDialog({ course, onClose }: VariantDialogProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const tenant = useTenant();
  const others = tenant.locales.filter((tag) => tag !== course?.language);
  const [language, setLanguage] = useState(others[0] ?? '');
  const [title, setTitle] = useState('');
  useEffect(() => {
    setLanguage(others[0] ?? '');
    setTitle('');
  }, [course?.id]);

  const create = useAsyncAction(async () => {
    if (!course || language === '') return;
    const variant = await authorApi.createVariant(api, course.id, language, title.trim() || undefined);
    navigate(courseEditorPath(variant.id));
  });
  const existing =
    create.error instanceof ApiError &&
    create.error.code === 'variant_exists' &&
    typeof create.error.details['courseId'] === 'string'
      ? create.error.details['courseId']
      : null;

  return (
    <Dialog
      open={course !== null}
      onClose={onClose}
      title={t('author.variant.title', { title: course?.title ?? '' })}
    >
      {course !== null && (
        <Form onSubmit={create.run} busy={create.busy} class="stack">
          <p>{t('author.variant.intro')}</p>
          {create.error !== null && (
            <Alert tone="error">
              <p>{authorErrorMessage(i18n, create.error)}</p>
              {existing && <Link to={courseEditorPath(existing)}>{t('author.variant.openExisting')}</Link>}
            </Alert>
          )}
          {others.length === 0 ? (
            <Alert tone="info">{t('author.variant.noLanguages')}</Alert>
          ) : (
            <>
              <Select
                label={t('author.variant.language')}
                value={language}
                onValue={setLanguage}
                options={languageOptions(others, language)}
              />
              <TextField
                label={t('author.variant.newTitle')}
                description={t('author.variant.newTitleHint')}
                optional
                maxLength={300}
                value={title}
                onValue={setTitle}
              />
            </>
          )}
          <div class="form-actions">
            {others.length > 0 && (
              <Button type="submit" variant="primary" busy={create.busy}>
                {t('author.variant.submit')}
              </Button>
            )}
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </div>
        </Form>
      )}
    </Dialog>
  );
}
