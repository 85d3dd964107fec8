import type { LibraryKind } from '@satchel/core';
import type { QueryValue } from '../../../api/client.js';

// The library page keeps its filters in the address (?kind=video&q=water), so a filtered list can be
// bookmarked, shared and reloaded, and Back undoes a filter change.

/** What authors upload; captions are added to a video or audio item instead. */
export const UPLOAD_KINDS = [
  'video',
  'audio',
  'pdf',
  'image',
  'epub',
  'html5',
  'h5p',
] as const satisfies readonly LibraryKind[];
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const LIBRARY_PAGE_SIZE = 20;

export interface LibraryFilters {
  readonly kind: UploadKind | '';
  readonly licence: string;
  readonly language: string;
  readonly q: string;
  /** 1-based. */
  readonly page: number;
}

export const NO_FILTERS: LibraryFilters = { kind: '', licence: '', language: '', q: '', page: 1 };

export function isUploadKind(value: string): value is UploadKind {
  return (UPLOAD_KINDS as readonly string[]).includes(value);
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function filtersFromQuery(query: URLSearchParams): LibraryFilters {
  const kind = query.get('kind') ?? '';
  const language = query.get('language') ?? '';
  const page = Number(query.get('page') ?? '1');
  return {
    kind: isUploadKind(kind) ? kind : '',
    licence: (query.get('licence') ?? '').trim().slice(0, 100),
    language: LANGUAGE_TAG.test(language) ? language : '',
    q: (query.get('q') ?? '').slice(0, 200),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The page address's search part for these filters ('' when none is set). */
export function filtersToSearch(filters: LibraryFilters): string {
  const params = new URLSearchParams();
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.licence) params.set('licence', filters.licence);
  if (filters.language) params.set('language', filters.language);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.page > 1) params.set('page', String(filters.page));
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

/** The query of `GET /library` for these filters. */
export function libraryListQuery(
  filters: LibraryFilters,
  pageSize = LIBRARY_PAGE_SIZE,
): Record<string, QueryValue> {
  return {
    kind: filters.kind || undefined,
    licence: filters.licence || undefined,
    language: filters.language || undefined,
    q: filters.q.trim() || undefined,
    limit: pageSize,
    offset: (filters.page - 1) * pageSize,
  };
}

export function pageCount(total: number, pageSize = LIBRARY_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function hasFilters(filters: LibraryFilters): boolean {
  return filters.kind !== '' || filters.licence !== '' || filters.language !== '' || filters.q.trim() !== '';
}
