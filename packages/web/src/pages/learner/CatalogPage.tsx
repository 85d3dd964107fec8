import type { CatalogResponse, CategoryListResponse, CurriculumResponse } from '@satchel/core';
import { useEffect, useRef } from 'preact/hooks';
import { useApi } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { Loaded } from '../../app/Loaded.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../router/Link.js';
import type { PageProps } from '../../router/Router.js';
import { EmptyState, PageHeading } from '../../ui/index.js';
import { CatalogCard } from './CatalogCard.js';
import { CatalogFilters } from './CatalogFilters.js';
import {
  activeFilterCount,
  catalogRequest,
  catalogSearch,
  pageCount,
  readCatalogFilters,
  withFilter,
  type CatalogFilters as Filters,
} from './catalog-query.js';
import { showQuery } from './query-navigation.js';
import './learner-pages.css';

/** The catalog: find published courses by words, curriculum, language and category. */
export default function CatalogPage({ query }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const filters = readCatalogFilters(query);
  const search = catalogSearch(filters);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);

  // Filter choices are a convenience: if they cannot load, searching by words still works.
  const sources = useResource(
    (signal) =>
      Promise.all([
        api.get<CurriculumResponse>('/curriculum', { signal }).catch(() => null),
        api.get<CategoryListResponse>('/categories', { signal }).catch(() => null),
      ]).then(([curriculum, categories]) => ({ curriculum, categories })),
    [api],
  );
  const results = useResource(
    (signal) => api.get<CatalogResponse>('/catalog', { signal, query: catalogRequest(filters) }),
    [api, search],
  );

  const show = (next: Filters, push: boolean) => {
    focusResults.current = push;
    showQuery(`${paths.catalog}${catalogSearch(next)}`, push);
  };

  useEffect(() => {
    if (results.status !== 'ready' || !focusResults.current) return;
    focusResults.current = false;
    resultsHeading.current?.focus();
  }, [results.status]);

  const pages = results.status === 'ready' ? pageCount(results.data.total, results.data.pageSize) : 1;
  const pageLink = (page: number) => `${paths.catalog}${catalogSearch(withFilter(filters, 'page', page))}`;
  const goToPage = (page: number) => (event: MouseEvent) => {
    event.preventDefault();
    show(withFilter(filters, 'page', page), true);
  };

  return (
    <div class="page catalog">
      <PageHeading>{t('catalog.title')}</PageHeading>
      <CatalogFilters
        filters={filters}
        sources={sources.status === 'ready' ? sources.data : { curriculum: null, categories: null }}
        onChange={show}
      />

      <section class="section" aria-labelledby="catalog-results">
        <h2 id="catalog-results" ref={resultsHeading} tabIndex={-1}>
          {t('catalog.results')}
        </h2>
        <p class="catalog__count" role="status">
          {results.status === 'ready' ? t('catalog.found', { count: results.data.total }) : ''}
        </p>
        <Loaded
          resource={results}
          block
          isEmpty={(data) => data.items.length === 0}
          empty={
            <EmptyState
              title={t('catalog.noneTitle')}
              description={
                activeFilterCount(filters) > 0 || filters.q !== ''
                  ? t('catalog.noneFiltered')
                  : t('catalog.noneAtAll')
              }
            />
          }
        >
          {(data) => (
            <>
              <ul class="course-grid">
                {data.items.map((item) => (
                  <CatalogCard key={item.courseId} item={item} />
                ))}
              </ul>
              {pages > 1 && (
                <nav class="pager" aria-label={t('catalog.pages')}>
                  {filters.page > 1 ? (
                    <Link
                      class="button button--secondary"
                      to={pageLink(filters.page - 1)}
                      onClick={goToPage(filters.page - 1)}
                    >
                      {t('catalog.previousPage')}
                    </Link>
                  ) : (
                    <span />
                  )}
                  <span class="pager__where">{t('catalog.pageOf', { page: filters.page, pages })}</span>
                  {filters.page < pages ? (
                    <Link
                      class="button button--secondary"
                      to={pageLink(filters.page + 1)}
                      onClick={goToPage(filters.page + 1)}
                    >
                      {t('catalog.nextPage')}
                    </Link>
                  ) : (
                    <span />
                  )}
                </nav>
              )}
            </>
          )}
        </Loaded>
      </section>
    </div>
  );
}
