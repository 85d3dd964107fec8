import { describe, expect, it } from 'vitest';
import {
  catalogRequest,
  catalogSearch,
  NO_FILTERS,
  pageCount,
  readCatalogFilters,
  withFilter,
} from './catalog-query.js';

const GRADE = '0190d5a8-0000-7000-8000-000000000001';
const SUBJECT = '0190d5a8-0000-7000-8000-000000000002';
const OUTCOME = '0190d5a8-0000-7000-8000-000000000003';

describe('catalog filters in the address', () => {
  it('survive a round trip through the query string', () => {
    const filters = {
      ...NO_FILTERS,
      q: 'clean water',
      grade: GRADE,
      language: 'pt-BR',
      sort: 'newest' as const,
      page: 3,
    };
    const search = catalogSearch(filters);
    expect(search).toBe(`?q=clean+water&grade=${GRADE}&language=pt-BR&sort=newest&page=3`);
    expect(readCatalogFilters(new URLSearchParams(search))).toEqual(filters);
  });

  it('leave defaults out, so the plain catalog has a plain address', () => {
    expect(catalogSearch(NO_FILTERS)).toBe('');
    expect(catalogSearch({ ...NO_FILTERS, q: '   ' })).toBe('');
  });

  it('ignore hand-edited values the API would refuse', () => {
    const filters = readCatalogFilters(
      new URLSearchParams('grade=7&language=English&page=-2&sort=random&outcome=x'),
    );
    expect(filters).toEqual(NO_FILTERS);
  });

  it('go back to the first page when anything but the page changes', () => {
    const onPage4 = { ...NO_FILTERS, page: 4 };
    expect(withFilter(onPage4, 'q', 'soap').page).toBe(1);
    expect(withFilter(onPage4, 'page', 5).page).toBe(5);
  });

  it('drop the outcome when another grade or subject is chosen', () => {
    const chosen = { ...NO_FILTERS, grade: GRADE, outcome: OUTCOME };
    expect(withFilter(chosen, 'subject', SUBJECT)).toMatchObject({ subject: SUBJECT, outcome: '' });
    expect(withFilter(chosen, 'language', 'fr').outcome).toBe(OUTCOME);
  });

  it('become the API request, with a page size', () => {
    expect(catalogRequest({ ...NO_FILTERS, q: ' maths ', subject: SUBJECT })).toEqual({
      q: 'maths',
      subject: SUBJECT,
      sort: 'title',
      page: 1,
      pageSize: 12,
    });
    expect(pageCount(0, 12)).toBe(1);
    expect(pageCount(25, 12)).toBe(3);
  });
});
