// The catalog's search and filters live in the address (`/catalog?q=water&grade=…&page=2`), so a
// filtered list can be bookmarked, shared and restored by Back. The names are the API's own
// (core/api/catalog.api.ts CatalogQuery), so the address passes straight through to the request.

export const CATALOG_PAGE_SIZE = 12;

export type CatalogSort = 'title' | 'newest';

export interface CatalogFilters {
  readonly q: string;
  readonly grade: string;
  readonly subject: string;
  readonly outcome: string;
  readonly language: string;
  readonly category: string;
  readonly audience: string;
  readonly sort: CatalogSort;
  readonly page: number;
}

export type CatalogFilterName = 'grade' | 'subject' | 'outcome' | 'language' | 'category' | 'audience';

export const FILTER_NAMES: readonly CatalogFilterName[] = [
  'grade',
  'subject',
  'outcome',
  'language',
  'category',
  'audience',
];

export const NO_FILTERS: CatalogFilters = {
  q: '',
  grade: '',
  subject: '',
  outcome: '',
  language: '',
  category: '',
  audience: '',
  sort: 'title',
  page: 1,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCALE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** What each filter may hold; anything else in a hand-edited address is ignored, not sent. */
const VALID: Readonly<Record<CatalogFilterName, (value: string) => boolean>> = {
  grade: (value) => UUID.test(value),
  subject: (value) => UUID.test(value),
  outcome: (value) => UUID.test(value),
  category: (value) => UUID.test(value),
  language: (value) => LOCALE_TAG.test(value),
  audience: (value) => value.length > 0 && value.length <= 100,
};

export function readCatalogFilters(query: URLSearchParams): CatalogFilters {
  const pick = (name: CatalogFilterName): string => {
    const value = (query.get(name) ?? '').trim();
    return VALID[name](value) ? value : '';
  };
  const page = Number(query.get('page'));
  return {
    q: (query.get('q') ?? '').slice(0, 200),
    grade: pick('grade'),
    subject: pick('subject'),
    outcome: pick('outcome'),
    language: pick('language'),
    category: pick('category'),
    audience: pick('audience'),
    sort: query.get('sort') === 'newest' ? 'newest' : 'title',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The query string for these filters (`?q=…`, or '' with none); defaults are left out. */
export function catalogSearch(filters: CatalogFilters): string {
  const params = new URLSearchParams();
  const q = filters.q.trim();
  if (q !== '') params.set('q', q);
  for (const name of FILTER_NAMES) if (filters[name] !== '') params.set(name, filters[name]);
  if (filters.sort !== 'title') params.set('sort', filters.sort);
  if (filters.page > 1) params.set('page', String(filters.page));
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

/** The request's query: the same names, plus the page size. */
export function catalogRequest(filters: CatalogFilters): Record<string, string | number> {
  const request: Record<string, string | number> = {
    sort: filters.sort,
    page: filters.page,
    pageSize: CATALOG_PAGE_SIZE,
  };
  const q = filters.q.trim();
  if (q !== '') request['q'] = q;
  for (const name of FILTER_NAMES) if (filters[name] !== '') request[name] = filters[name];
  return request;
}

/** Filters with one value changed; any change but paging goes back to the first page of results. */
export function withFilter<K extends keyof CatalogFilters>(
  filters: CatalogFilters,
  name: K,
  value: CatalogFilters[K],
): CatalogFilters {
  const next = { ...filters, [name]: value };
  if (name !== 'page') next.page = 1;
  // An outcome belongs to one grade and subject: choosing another grade or subject clears it.
  if (name === 'grade' || name === 'subject') next.outcome = '';
  return next;
}

export function activeFilterCount(filters: CatalogFilters): number {
  return FILTER_NAMES.filter((name) => filters[name] !== '').length;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}
