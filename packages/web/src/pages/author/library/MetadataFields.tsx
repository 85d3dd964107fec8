import { useTenant } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { MessageKey } from '../../../i18n/messages/en.js';
import { Select, TextField } from '../../../ui/index.js';
import { languageOptions } from '../parts/languages.js';
import { TextArea } from '../parts/TextArea.js';
import { LICENCE_CHOICES, OTHER_LICENCE, type MetadataDraft, type MetadataProblems } from './metadata.js';

const LICENCE_NAMES: Readonly<Record<(typeof LICENCE_CHOICES)[number], MessageKey>> = {
  'CC-BY-4.0': 'author.licence.ccBy',
  'CC-BY-SA-4.0': 'author.licence.ccBySa',
  'CC-BY-NC-4.0': 'author.licence.ccByNc',
  'CC-BY-NC-SA-4.0': 'author.licence.ccByNcSa',
  'CC0-1.0': 'author.licence.cc0',
  'public-domain': 'author.licence.publicDomain',
  'all-rights-reserved': 'author.licence.allRightsReserved',
};

/** A licence identifier as people read it ("CC BY 4.0 – Attribution"); unknown ones as they are. */
export function licenceName(t: ReturnType<typeof useI18n>['t'], licence: string): string {
  const key = (LICENCE_NAMES as Readonly<Record<string, MessageKey>>)[licence];
  return key ? t(key) : licence;
}

export function licenceOptions(t: ReturnType<typeof useI18n>['t']) {
  return LICENCE_CHOICES.map((licence) => ({ value: licence, label: licenceName(t, licence) }));
}

export interface MetadataFieldsProps {
  readonly value: MetadataDraft;
  readonly onChange: (value: MetadataDraft) => void;
  readonly problems: MetadataProblems;
}

/** Title, licence and origin of a library item: every item carries its licence, and learners see it. */
export function MetadataFields({ value, onChange, problems }: MetadataFieldsProps) {
  const { t } = useI18n();
  const tenant = useTenant();
  const set = (patch: Partial<MetadataDraft>) => onChange({ ...value, ...patch });
  const problem = (field: keyof MetadataProblems) => {
    const key = problems[field];
    return key ? t(key) : null;
  };
  return (
    <>
      <TextField
        label={t('author.library.title')}
        maxLength={300}
        value={value.title}
        onValue={(title) => set({ title })}
        error={problem('title')}
      />
      <Select
        label={t('author.library.licence')}
        description={t('author.library.licenceHint')}
        value={value.licenceChoice}
        onValue={(licenceChoice) => set({ licenceChoice })}
        error={value.licenceChoice === OTHER_LICENCE ? null : problem('licence')}
        options={[
          { value: '', label: t('author.library.chooseLicence') },
          ...licenceOptions(t),
          { value: OTHER_LICENCE, label: t('author.licence.other') },
        ]}
      />
      {value.licenceChoice === OTHER_LICENCE && (
        <TextField
          label={t('author.library.licenceOther')}
          description={t('author.library.licenceOtherHint')}
          maxLength={100}
          autocapitalize="none"
          spellcheck={false}
          value={value.licenceOther}
          onValue={(licenceOther) => set({ licenceOther })}
          error={problem('licence')}
        />
      )}
      <TextField
        label={t('author.library.author')}
        optional
        maxLength={300}
        value={value.author}
        onValue={(author) => set({ author })}
        error={problem('author')}
      />
      <TextField
        label={t('author.library.provider')}
        description={t('author.library.providerHint')}
        optional
        maxLength={300}
        value={value.provider}
        onValue={(provider) => set({ provider })}
        error={problem('provider')}
      />
      <TextField
        label={t('author.library.sourceUrl')}
        type="url"
        optional
        maxLength={2000}
        autocapitalize="none"
        spellcheck={false}
        value={value.sourceUrl}
        onValue={(sourceUrl) => set({ sourceUrl })}
        error={problem('sourceUrl')}
      />
      <Select
        label={t('author.library.language')}
        optional
        value={value.language}
        onValue={(language) => set({ language })}
        options={languageOptions(tenant.locales, value.language, t('author.library.noLanguage'))}
      />
      <TextArea
        label={t('author.library.description')}
        optional
        maxLength={4000}
        rows={3}
        value={value.description}
        onValue={(description) => set({ description })}
        error={problem('description')}
      />
    </>
  );
}
