import { useEffect, useState } from 'preact/hooks';
import { useTenant } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Button, Form, FormActions, Select, TextField } from '../../../ui/index.js';
import { kindName } from '../author-errors.js';
import { languageOptions } from '../parts/languages.js';
import {
  NO_FILTERS,
  UPLOAD_KINDS,
  hasFilters,
  isUploadKind,
  type LibraryFilters,
} from './library-filters.js';
import { licenceOptions } from './MetadataFields.js';

export interface LibraryFiltersFormProps {
  readonly filters: LibraryFilters;
  readonly onApply: (filters: LibraryFilters) => void;
}

/** Kind, licence and language apply as soon as they change; the search words when submitted. */
export function LibraryFiltersForm({ filters, onApply }: LibraryFiltersFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const tenant = useTenant();
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  const apply = (patch: Partial<LibraryFilters>) => onApply({ ...filters, ...patch, page: 1 });
  return (
    <Form
      onSubmit={() => apply({ q })}
      class="author-filters"
      role="search"
      aria-label={t('author.library.filters')}
    >
      <Select
        label={t('author.library.filterKind')}
        value={filters.kind}
        onValue={(kind) => apply({ kind: isUploadKind(kind) ? kind : '' })}
        options={[
          { value: '', label: t('author.library.allKinds') },
          ...UPLOAD_KINDS.map((value) => ({ value, label: kindName(i18n, value) })),
        ]}
      />
      <Select
        label={t('author.library.filterLicence')}
        value={filters.licence}
        onValue={(licence) => apply({ licence })}
        options={[
          { value: '', label: t('author.library.allLicences') },
          ...licenceOptions(t),
          ...(filters.licence && !licenceOptions(t).some((option) => option.value === filters.licence)
            ? [{ value: filters.licence, label: filters.licence }]
            : []),
        ]}
      />
      <Select
        label={t('author.library.filterLanguage')}
        value={filters.language}
        onValue={(language) => apply({ language })}
        options={languageOptions(tenant.locales, filters.language, t('author.library.allLanguages'))}
      />
      <TextField
        label={t('author.library.search')}
        type="search"
        optional
        value={q}
        onValue={setQ}
        maxLength={200}
      />
      <FormActions>
        <Button type="submit">{t('author.library.searchSubmit')}</Button>
        {hasFilters(filters) && (
          <Button
            variant="quiet"
            onClick={() => {
              setQ('');
              onApply(NO_FILTERS);
            }}
          >
            {t('author.library.clearFilters')}
          </Button>
        )}
      </FormActions>
    </Form>
  );
}
