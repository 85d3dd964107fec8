import type { SignupPolicy, TenantSettings } from '@satchel/core';
import { useState } from 'preact/hooks';
import { ApiError, fieldIssues } from '../../../api/errors.js';
import { applyBranding } from '../../../app/branding.js';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { CATALOGUE_LOCALES, endonym } from '../../../i18n/locales.js';
import {
  Alert,
  Button,
  Checkbox,
  Form,
  FormActions,
  ProgressBar,
  Select,
  showToast,
  TextField,
  useAsyncAction,
} from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import { CheckboxGroup } from '../parts/CheckboxGroup.js';
import { ErrorSummary, type FieldProblem } from '../parts/ErrorSummary.js';
import { RadioGroup } from '../parts/RadioGroup.js';
import { TextArea } from '../parts/TextArea.js';
import { BrandPreview } from './BrandPreview.js';
import { ColourField } from './ColourField.js';
import { LogoField } from './LogoField.js';
import {
  settingsPatch,
  settingsProblems,
  settingsValues,
  withLocales,
  type SettingsField,
  type SettingsProblems,
  type SettingsValues,
} from './settings-form.js';

const FIELD_ORDER: readonly SettingsField[] = [
  'name',
  'locales',
  'defaultLocale',
  'audiences',
  'inviteCode',
  'brandName',
  'primaryColor',
  'accentColor',
];
const fieldId = (field: SettingsField) => `settings-${field}`;

/** Server refusals that belong to one field (its zod messages are English only: ours replace them). */
function serverProblems(error: unknown): SettingsProblems {
  if (!(error instanceof ApiError)) return {};
  if (error.code === 'invite_code_required') return { inviteCode: 'admin.settings.inviteCodeRequired' };
  if (error.code === 'default_locale_not_offered')
    return { defaultLocale: 'admin.settings.defaultNotOffered' };
  const problems: SettingsProblems = {};
  for (const issue of fieldIssues(error)) {
    if (issue.field === 'name') problems.name = 'admin.settings.nameInvalid';
    if (issue.field === 'inviteCode') problems.inviteCode = 'admin.settings.inviteCodeInvalid';
    if (issue.field === 'audiences') problems.audiences = 'admin.settings.audiencesInvalid';
    if (issue.field === 'branding') problems.brandName = 'admin.settings.nameInvalid';
  }
  return problems;
}

export interface SettingsFormProps {
  readonly settings: TenantSettings;
  readonly onSaved: (settings: TenantSettings) => void;
  readonly onReload: () => void;
}

export function SettingsForm({ settings, onSaved, onReload }: SettingsFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [values, setValues] = useState<SettingsValues>(() => settingsValues(settings));
  const [problems, setProblems] = useState<SettingsProblems>({});
  const [attempt, setAttempt] = useState(0);
  const [conflict, setConflict] = useState(false);
  const set =
    <K extends keyof SettingsValues>(key: K) =>
    (value: SettingsValues[K]) =>
      setValues((current) => ({ ...current, [key]: value }));

  const save = useAsyncAction(async () => {
    const found = settingsProblems(values);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setAttempt((count) => count + 1);
      return;
    }
    try {
      // The version makes the server refuse (409) to save over someone else's change.
      const saved = await adminApi.saveSettings(api, { ...settingsPatch(values), version: settings.version });
      applyBranding(saved.branding);
      onSaved(saved);
      showToast(t('admin.settings.saved'), 'success');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setConflict(true);
        return;
      }
      const fromServer = serverProblems(error);
      if (Object.keys(fromServer).length > 0) {
        setProblems(fromServer);
        setAttempt((count) => count + 1);
        return;
      }
      throw error;
    }
  });

  const problem = (field: SettingsField) => {
    const key = problems[field];
    return key ? t(key) : null;
  };
  const summary: FieldProblem[] = FIELD_ORDER.flatMap((field) => {
    const key = problems[field];
    return key ? [{ target: fieldId(field), message: `${fieldLabel(field)}: ${t(key)}` }] : [];
  });
  function fieldLabel(field: SettingsField): string {
    switch (field) {
      case 'name':
        return t('admin.settings.name');
      case 'locales':
        return t('admin.settings.locales');
      case 'defaultLocale':
        return t('admin.settings.defaultLocale');
      case 'audiences':
        return t('admin.settings.audiences');
      case 'inviteCode':
        return t('admin.settings.inviteCode');
      case 'brandName':
        return t('admin.settings.brandName');
      case 'primaryColor':
        return t('admin.settings.primaryColor');
      case 'accentColor':
        return t('admin.settings.accentColor');
    }
  }

  const localeTags = [...new Set([...CATALOGUE_LOCALES, ...settings.locales])];
  const usedPercent =
    settings.storageLimitBytes > 0 ? (settings.storageUsedBytes / settings.storageLimitBytes) * 100 : 0;
  const policies: readonly SignupPolicy[] = ['open', 'invite', 'admin'];
  const logoUrl = values.logoSha256 ? api.url(`/blobs/${values.logoSha256}`) : null;

  return (
    <Form onSubmit={save.run} busy={save.busy} class="stack" aria-label={t('admin.settings.title')}>
      <ErrorSummary problems={summary} attempt={attempt} />
      {conflict && (
        <Alert tone="error" title={t('admin.settings.conflictTitle')}>
          <p>{t('admin.settings.conflict')}</p>
          <Button onClick={onReload}>{t('admin.settings.reload')}</Button>
        </Alert>
      )}
      {save.error !== null && <Alert tone="error">{i18n.errorMessage(save.error)}</Alert>}

      <section class="admin-section stack" aria-labelledby="settings-platform">
        <h2 id="settings-platform">{t('admin.settings.platform')}</h2>
        <div id={fieldId('name')}>
          <TextField
            label={t('admin.settings.name')}
            description={t('admin.settings.nameHint')}
            maxLength={120}
            value={values.name}
            onValue={set('name')}
            error={problem('name')}
          />
        </div>
        <CheckboxGroup
          id={fieldId('locales')}
          legend={t('admin.settings.locales')}
          description={t('admin.settings.localesHint')}
          choices={localeTags.map((tag) => ({ value: tag, label: endonym(tag) }))}
          selected={values.locales}
          onChange={(locales) => setValues((current) => withLocales(current, locales))}
          error={problem('locales')}
        />
        <div id={fieldId('defaultLocale')}>
          <Select
            label={t('admin.settings.defaultLocale')}
            description={t('admin.settings.defaultLocaleHint')}
            value={values.defaultLocale}
            options={values.locales.map((tag) => ({ value: tag, label: endonym(tag), lang: tag }))}
            onValue={set('defaultLocale')}
            error={problem('defaultLocale')}
          />
        </div>
        <TextArea
          id={fieldId('audiences')}
          label={t('admin.settings.audiences')}
          description={t('admin.settings.audiencesHint')}
          optional
          rows={3}
          value={values.audiences}
          onValue={set('audiences')}
          error={problem('audiences')}
        />
      </section>

      <section class="admin-section stack" aria-labelledby="settings-access">
        <h2 id="settings-access">{t('admin.settings.access')}</h2>
        <RadioGroup<SignupPolicy>
          legend={t('admin.settings.signupPolicy')}
          value={values.signupPolicy}
          onValue={set('signupPolicy')}
          choices={policies.map((policy) => ({
            value: policy,
            label: t(`admin.settings.policy.${policy}`),
            description: t(`admin.settings.policyHint.${policy}`),
          }))}
        />
        {values.signupPolicy === 'invite' && (
          <div id={fieldId('inviteCode')}>
            <TextField
              label={t('admin.settings.inviteCode')}
              description={t('admin.settings.inviteCodeHint')}
              maxLength={100}
              autocomplete="off"
              spellcheck={false}
              value={values.inviteCode}
              onValue={set('inviteCode')}
              error={problem('inviteCode')}
            />
          </div>
        )}
        <Checkbox
          label={t('admin.settings.allowPin')}
          description={t('admin.settings.allowPinHint')}
          checked={values.allowPin}
          onChecked={set('allowPin')}
        />
      </section>

      <section class="admin-section stack" aria-labelledby="settings-branding">
        <h2 id="settings-branding">{t('admin.settings.branding')}</h2>
        <div id={fieldId('brandName')}>
          <TextField
            label={t('admin.settings.brandName')}
            description={t('admin.settings.brandNameHint')}
            maxLength={120}
            value={values.brandName}
            onValue={set('brandName')}
            error={problem('brandName')}
          />
        </div>
        <div class="admin-colours">
          <ColourField
            id={fieldId('primaryColor')}
            label={t('admin.settings.primaryColor')}
            value={values.primaryColor}
            onValue={set('primaryColor')}
            error={problem('primaryColor')}
          />
          <ColourField
            id={fieldId('accentColor')}
            label={t('admin.settings.accentColor')}
            value={values.accentColor}
            onValue={set('accentColor')}
            error={problem('accentColor')}
          />
        </div>
        <h3>{t('admin.settings.preview')}</h3>
        <BrandPreview
          name={values.brandName}
          primaryColor={values.primaryColor}
          accentColor={values.accentColor}
          logoUrl={logoUrl}
        />
        <LogoField value={values.logoSha256} onValue={set('logoSha256')} />
      </section>

      <section class="admin-section stack" aria-labelledby="settings-storage">
        <h2 id="settings-storage">{t('admin.settings.storage')}</h2>
        <p>
          {t('admin.settings.storageUse', {
            used: i18n.formatBytes(settings.storageUsedBytes),
            limit: i18n.formatBytes(settings.storageLimitBytes),
          })}
        </p>
        <ProgressBar label={t('admin.settings.storage')} value={usedPercent} />
        <p class="admin-muted">
          {t('admin.settings.storageHint', { upload: i18n.formatBytes(settings.uploadLimitBytes) })}
        </p>
      </section>

      <FormActions>
        <Button type="submit" variant="primary" busy={save.busy}>
          {save.busy ? t('common.saving') : t('admin.settings.save')}
        </Button>
      </FormActions>
    </Form>
  );
}
