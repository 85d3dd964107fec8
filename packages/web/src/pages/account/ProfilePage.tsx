import { useState } from 'preact/hooks';
import type { MeResponse } from '../../api/types.js';
import { useApi, useSession, useUser } from '../../app/context.js';
import { createI18n, loadCatalogue, useLocaleControl } from '../../i18n/i18n.js';
import { endonym } from '../../i18n/locales.js';
import type { PageProps } from '../../router/Router.js';
import {
  Alert,
  Button,
  Card,
  Form,
  FormActions,
  PageHeading,
  Select,
  showToast,
  TextField,
  useAsyncAction,
} from '../../ui/index.js';
import { serverFieldProblems } from '../auth/auth-errors.js';
import { displayNameProblem } from '../auth/validation.js';

export default function ProfilePage(_props: PageProps) {
  const { i18n, available, setLocale } = useLocaleControl();
  const { t } = i18n;
  const user = useUser();
  const session = useSession();
  const api = useApi();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [locale, setLocaleChoice] = useState(
    available.includes(i18n.locale) ? i18n.locale : (available[0] ?? 'en'),
  );
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [invalidAttempt, setInvalidAttempt] = useState(0);

  const save = useAsyncAction(async () => {
    const problem = displayNameProblem(displayName);
    setNameProblem(problem ? t(problem) : null);
    if (problem) {
      setInvalidAttempt((count) => count + 1);
      return;
    }
    try {
      const { user: saved } = await api.patch<MeResponse>('/me', { displayName: displayName.trim(), locale });
      session.updated(saved);
      // Already saved with the profile: switch the interface without a second request, and confirm
      // in the language the learner just chose.
      const changed = locale !== i18n.locale;
      if (changed) await setLocale(locale, { save: false });
      const confirm = changed ? createI18n(locale, await loadCatalogue(locale)) : i18n;
      showToast(confirm.t('profile.saved'), 'success');
    } catch (error) {
      if (serverFieldProblems(error, { displayName: 'common.fieldRequired' }).displayName) {
        setNameProblem(t('common.fieldRequired'));
        setInvalidAttempt((count) => count + 1);
      }
      throw error;
    }
  });

  return (
    <div class="page page--narrow stack">
      <PageHeading>{t('profile.title')}</PageHeading>
      <Card as="section" class="stack">
        <dl class="facts">
          <div>
            <dt>{t('profile.username')}</dt>
            <dd dir="auto">{user.username}</dd>
          </div>
          <div>
            <dt>{t('profile.roles')}</dt>
            <dd>{user.roles.map((role) => t(`roles.${role}`)).join(', ')}</dd>
          </div>
        </dl>
      </Card>
      <Form onSubmit={save.run} busy={save.busy} invalidAttempt={invalidAttempt} class="stack">
        {save.error !== null && <Alert tone="error">{i18n.errorMessage(save.error)}</Alert>}
        <TextField
          label={t('profile.displayName')}
          autocomplete="name"
          maxLength={120}
          value={displayName}
          onValue={setDisplayName}
          error={nameProblem}
        />
        {available.length > 1 && (
          <Select
            label={t('profile.language')}
            description={t('profile.languageHint')}
            value={locale}
            onValue={setLocaleChoice}
            options={available.map((tag) => ({ value: tag, label: endonym(tag), lang: tag }))}
          />
        )}
        <FormActions>
          <Button type="submit" variant="primary" busy={save.busy}>
            {save.busy ? t('common.saving') : t('common.save')}
          </Button>
        </FormActions>
      </Form>
    </div>
  );
}
