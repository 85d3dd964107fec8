import { LibraryUploadQuery, UpdateLibraryItemRequest } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { libraryItem } from '../test-support.js';
import {
  filtersFromQuery,
  filtersToSearch,
  hasFilters,
  libraryListQuery,
  pageCount,
} from './library-filters.js';
import {
  EMPTY_METADATA,
  metadataFromItem,
  metadataPatch,
  metadataProblems,
  uploadQuery,
} from './metadata.js';
import { acceptFor, guessKind, titleFromFileName, uploadContentType } from './upload-file.js';

describe('library filters in the address', () => {
  it('survive a round trip and become the list query', () => {
    const filters = filtersFromQuery(
      new URLSearchParams('kind=video&licence=CC0-1.0&language=fr&q=water&page=3'),
    );
    expect(filters).toEqual({ kind: 'video', licence: 'CC0-1.0', language: 'fr', q: 'water', page: 3 });
    expect(filtersFromQuery(new URLSearchParams(filtersToSearch(filters).slice(1)))).toEqual(filters);
    expect(libraryListQuery(filters, 20)).toEqual({
      kind: 'video',
      licence: 'CC0-1.0',
      language: 'fr',
      q: 'water',
      limit: 20,
      offset: 40,
    });
  });

  it('ignore values the server would refuse', () => {
    expect(filtersFromQuery(new URLSearchParams('kind=captions&language=French&page=-2'))).toEqual({
      kind: '',
      licence: '',
      language: '',
      q: '',
      page: 1,
    });
    expect(filtersToSearch(filtersFromQuery(new URLSearchParams('')))).toBe('');
    expect(hasFilters(filtersFromQuery(new URLSearchParams('page=2')))).toBe(false);
    expect(pageCount(0)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
  });
});

describe('library item metadata', () => {
  const complete = {
    ...EMPTY_METADATA,
    title: ' Rain ',
    licenceChoice: 'CC-BY-4.0',
    sourceUrl: 'https://example.org',
  };

  it('requires a title and a licence', () => {
    expect(metadataProblems(EMPTY_METADATA)).toEqual({
      title: 'common.fieldRequired',
      licence: 'author.library.licenceRequired',
    });
    expect(metadataProblems(complete)).toEqual({});
  });

  it('checks an "other" licence as an identifier and the source as a web address', () => {
    expect(metadataProblems({ ...complete, licenceChoice: 'other', licenceOther: '' }).licence).toBe(
      'common.fieldRequired',
    );
    expect(
      metadataProblems({ ...complete, licenceChoice: 'other', licenceOther: 'my licence' }).licence,
    ).toBe('author.library.licenceInvalid');
    expect(metadataProblems({ ...complete, licenceChoice: 'other', licenceOther: 'MIT' })).toEqual({});
    expect(metadataProblems({ ...complete, sourceUrl: 'javascript:alert(1)' }).sourceUrl).toBe(
      'author.problem.linkUrl',
    );
  });

  it('becomes an upload query the server accepts, without empty optional fields', () => {
    const query = uploadQuery('pdf', { ...complete, author: '  ', language: 'pt-BR' });
    expect(query).toMatchObject({
      kind: 'pdf',
      title: 'Rain',
      licence: 'CC-BY-4.0',
      sourceUrl: 'https://example.org',
      language: 'pt-BR',
    });
    expect(query['author']).toBeUndefined();
    expect(
      LibraryUploadQuery.safeParse(
        Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)),
      ).success,
    ).toBe(true);
  });

  it('round-trips an item with an unlisted licence, and clears emptied fields with null', () => {
    const item = libraryItem({ licence: 'CC-BY-ND-4.0', provider: 'UNICEF' });
    const draft = metadataFromItem(item);
    expect(draft).toMatchObject({ licenceChoice: 'other', licenceOther: 'CC-BY-ND-4.0', provider: 'UNICEF' });
    const patch = metadataPatch({ ...draft, provider: '' }, item.version);
    expect(patch).toMatchObject({ licence: 'CC-BY-ND-4.0', provider: null, author: 'Ana Lima', version: 1 });
    expect(UpdateLibraryItemRequest.safeParse(patch).success).toBe(true);
  });
});

describe('choosing a file to upload', () => {
  it('guesses the kind from the type, then the extension', () => {
    expect(guessKind({ name: 'a.bin', type: 'video/mp4' })).toBe('video');
    expect(guessKind({ name: 'book.epub', type: '' })).toBe('epub');
    expect(guessKind({ name: 'book.epub', type: 'application/epub+zip' })).toBe('epub');
    expect(guessKind({ name: 'game.zip', type: 'application/x-zip-compressed' })).toBe('html5');
    expect(guessKind({ name: 'notes.txt', type: 'text/plain' })).toBe('');
    expect(acceptFor('pdf')).toContain('.pdf');
  });

  it('starts the title from the file name', () => {
    expect(titleFromFileName('water_cycle_v2.mp4')).toBe('water cycle v2');
    expect(titleFromFileName('.hidden')).toBe('.hidden');
  });

  it('never sends a type an HTML form could send (the server refuses those)', () => {
    expect(uploadContentType('text/plain')).toBe('application/octet-stream');
    expect(uploadContentType('')).toBe('application/octet-stream');
    expect(uploadContentType('multipart/form-data; boundary=x')).toBe('application/octet-stream');
    expect(uploadContentType('video/mp4')).toBe('video/mp4');
  });
});
