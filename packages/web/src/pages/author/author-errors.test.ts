import { QUESTION_CSV_TEMPLATE, parseQuestionCsv } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.js';
import { createI18n } from '../../i18n/i18n.js';
import { en } from '../../i18n/messages/en.js';
import { fr } from '../../i18n/messages/fr.js';
import { authorErrorMessage } from './author-errors.js';
import { csvRowErrors, templateHref } from './quiz/csv-report.js';

const english = createI18n('en', en);

describe('author error messages', () => {
  it('say how large a file may be, with the limit formatted for the reader', () => {
    const tooLarge = new ApiError(413, 'payload_too_large', 'x', {
      rule: 'upload_limit',
      limit: 5_000_000,
      used: 7_000_000,
    });
    expect(authorErrorMessage(english, tooLarge)).toBe(
      'This file is too large: files up to 5 MB can be uploaded.',
    );
    expect(authorErrorMessage(createI18n('fr', fr), tooLarge)).toMatch(/5\sMo/);
    expect(authorErrorMessage(english, new ApiError(413, 'payload_too_large', 'x'))).toBe(
      'This file is too large to upload.',
    );
  });

  it('tell a full storage apart from a too large file', () => {
    const full = new ApiError(413, 'payload_too_large', 'x', {
      rule: 'storage_quota',
      limit: 1_000_000_000,
      used: 999_000_000,
    });
    expect(authorErrorMessage(english, full)).toMatch(/999\sMB of 1\sGB used/);
  });

  it('name the kind a refused file should have been, and what it looks like', () => {
    const refused = new ApiError(400, 'unsupported_file', 'x', { kind: 'video', detected: 'pdf' });
    expect(authorErrorMessage(english, refused)).toBe(
      'Satchel cannot use this file as “Video”: it looks like pdf. Check the file and the kind of content.',
    );
    const captions = new ApiError(400, 'unsupported_file', 'x', { kind: 'captions', line: 3 });
    expect(authorErrorMessage(english, captions)).toBe(
      'This is not a valid WebVTT captions file: see line 3.',
    );
  });

  it('fall back to the app’s messages for everything else', () => {
    expect(authorErrorMessage(english, new ApiError(0, 'network_error', 'x'))).toBe(
      english.errorMessage(new ApiError(0, 'network_error', 'x')),
    );
  });
});

describe('question sheet import', () => {
  it('reports every row error the server sends, in row order', () => {
    const error = new ApiError(400, 'invalid_question_csv', 'x', {
      errors: [
        { row: 4, column: 'correct', message: 'bad' },
        { row: 2, message: 'unknown type' },
        { nonsense: true },
      ],
    });
    expect(csvRowErrors(error)).toEqual([
      { row: 2, column: null, message: 'unknown type' },
      { row: 4, column: 'correct', message: 'bad' },
    ]);
    expect(csvRowErrors(new ApiError(409, 'edit_conflict', 'x'))).toEqual([]);
  });

  it('offers a template that the importer reads without a single error', () => {
    const href = templateHref(QUESTION_CSV_TEMPLATE);
    const text = decodeURIComponent(href.slice(href.indexOf(',') + 1));
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = parseQuestionCsv(text.slice(1));
    expect(parsed.errors).toEqual([]);
    expect(parsed.questions).toHaveLength(7);
  });
});
