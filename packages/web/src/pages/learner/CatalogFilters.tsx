import type { CategoryListResponse, CurriculumResponse } from '@satchel/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useTenant } from '../../app/context.js';
import { useI18n } from '../../i18n/i18n.js';
import { endonym } from '../../i18n/locales.js';
import { Button } from '../../ui/index.js';
import {
  activeFilterCount,
  NO_FILTERS,
  withFilter,
  type CatalogFilterName,
  type CatalogFilters as Filters,
} from './catalog-query.js';
import { categoryOptions, curriculumOptions, outcomesFor } from './curriculum-names.js';
import { FilterSelect, type FilterOption } from './FilterSelect.js';

export interface FilterSources {
  readonly curriculum: CurriculumResponse | null;
  readonly categories: CategoryListResponse | null;
}

export interface CatalogFiltersProps {
  readonly filters: Filters;
  readonly sources: FilterSources;
  readonly onChange: (next: Filters, push: boolean) => void;
}

const wideScreen = (): boolean =>
  typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 48rem)').matches;

/** Search box, then the filters (folded away on phones until opened, or while some are set). */
export function CatalogFilters({ filters, sources, onChange }: CatalogFiltersProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const tenant = useTenant();
  const [text, setText] = useState(filters.q);
  const [open, setOpen] = useState(() => activeFilterCount(filters) > 0 || wideScreen());
  const active = activeFilterCount(filters);
  // Back and Forward change the address under the box: show the search that is in it.
  useEffect(() => setText(filters.q), [filters.q]);

  const curriculum = useMemo(
    () => curriculumOptions(sources.curriculum?.frameworks ?? [], i18n.locale),
    [sources.curriculum, i18n.locale],
  );
  const categories = useMemo(
    () => categoryOptions(sources.categories?.items ?? [], i18n.locale),
    [sources.categories, i18n.locale],
  );
  const languages: FilterOption[] = tenant.locales.map((tag) => ({
    value: tag,
    label: endonym(tag),
    lang: tag,
  }));
  const outcomes = outcomesFor(curriculum.outcomes, filters.grade, filters.subject);

  const set = (name: CatalogFilterName) => (value: string) =>
    onChange(withFilter(filters, name, value), false);

  return (
    <div class="catalog-search">
      <form
        role="search"
        class="catalog-search__form"
        onSubmit={(event) => {
          event.preventDefault();
          onChange(withFilter(filters, 'q', text), true);
        }}
      >
        <label class="field__label" for="catalog-q">
          {t('catalog.searchLabel')}
        </label>
        <div class="catalog-search__row">
          <input
            id="catalog-q"
            type="search"
            name="q"
            class="field__control"
            value={text}
            maxLength={200}
            enterKeyHint="search"
            onInput={(event) => setText(event.currentTarget.value)}
          />
          <Button type="submit" variant="primary">
            {t('catalog.search')}
          </Button>
        </div>
      </form>

      <details class="catalog-filters" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary class="catalog-filters__summary">
          {active > 0 ? t('catalog.filtersActive', { count: active }) : t('catalog.filters')}
        </summary>
        <div class="catalog-filters__grid">
          {curriculum.grades.length > 0 && (
            <FilterSelect
              name="grade"
              label={t('catalog.grade')}
              anyLabel={t('catalog.anyGrade')}
              value={filters.grade}
              options={curriculum.grades}
              onValue={set('grade')}
            />
          )}
          {curriculum.subjects.length > 0 && (
            <FilterSelect
              name="subject"
              label={t('catalog.subject')}
              anyLabel={t('catalog.anySubject')}
              value={filters.subject}
              options={curriculum.subjects}
              onValue={set('subject')}
            />
          )}
          {(outcomes.length > 0 || filters.outcome !== '') && (
            <FilterSelect
              name="outcome"
              label={t('catalog.outcome')}
              anyLabel={t('catalog.anyOutcome')}
              value={filters.outcome}
              options={outcomes}
              onValue={set('outcome')}
            />
          )}
          {languages.length > 1 && (
            <FilterSelect
              name="language"
              label={t('catalog.language')}
              anyLabel={t('catalog.anyLanguage')}
              value={filters.language}
              options={languages}
              onValue={set('language')}
            />
          )}
          {categories.length > 0 && (
            <FilterSelect
              name="category"
              label={t('catalog.category')}
              anyLabel={t('catalog.anyCategory')}
              value={filters.category}
              options={categories}
              onValue={set('category')}
            />
          )}
          {tenant.audiences.length > 0 && (
            <FilterSelect
              name="audience"
              label={t('catalog.audience')}
              anyLabel={t('catalog.anyAudience')}
              value={filters.audience}
              options={tenant.audiences.map((audience) => ({ value: audience, label: audience }))}
              onValue={set('audience')}
            />
          )}
          <FilterSelect
            name="sort"
            label={t('catalog.sort')}
            anyLabel={t('catalog.sortTitle')}
            value={filters.sort === 'newest' ? 'newest' : ''}
            options={[{ value: 'newest', label: t('catalog.sortNewest') }]}
            onValue={(value) =>
              onChange(withFilter(filters, 'sort', value === 'newest' ? 'newest' : 'title'), false)
            }
          />
        </div>
        {active > 0 && (
          <Button
            variant="quiet"
            class="catalog-filters__clear"
            onClick={() => {
              setText('');
              onChange(NO_FILTERS, true);
            }}
          >
            {t('catalog.clearFilters')}
          </Button>
        )}
      </details>
    </div>
  );
}
