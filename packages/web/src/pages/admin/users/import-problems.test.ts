import type { ImportReport } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/errors.js';
import { en } from '../../../i18n/messages/en.js';
import { importFailure, looksLikeCsv, rowProblem } from './import-problems.js';

const report: ImportReport = {
  rows: 2,
  created: 1,
  updated: 0,
  classesCreated: 0,
  errors: [{ row: 3, column: 'pin', code: 'invalid_pin', message: 'A PIN is 4 to 6 digits' }],
  errorCount: 1,
  ignoredColumns: [],
  dryRun: false,
  imported: false,
};

describe('roster import problems', () => {
  it('translates known row problems and leaves unknown ones to the server', () => {
    expect(rowProblem({ row: 3, column: 'pin', code: 'invalid_pin', message: '' })).toEqual({
      key: 'admin.import.row.invalid_pin',
    });
    expect(rowProblem({ row: 3, column: null, code: 'something_new', message: 'New rule' })).toBeNull();
  });

  it('keeps the other row of a duplicate', () => {
    const problem = rowProblem({
      row: 9,
      column: 'username',
      code: 'duplicate_username',
      message: 'The username "a" is also on row 4',
    });
    expect(problem).toEqual({ key: 'admin.import.row.duplicate_usernameOther', params: { other: 4 } });
    expect(rowProblem({ row: 9, column: 'username', code: 'duplicate_user', message: 'same user' })).toEqual({
      key: 'admin.import.row.duplicate_user',
    });
  });

  it('has an English message for every key it can return', () => {
    for (const code of [
      'invalid_pin',
      'duplicate_username',
      'duplicate_sourced_id',
      'duplicate_user',
      'operator_protected',
    ]) {
      for (const message of ['row 2', 'no number']) {
        const problem = rowProblem({ row: 1, column: null, code, message });
        expect(problem && problem.key in en, `${code}/${message}`).toBe(true);
      }
    }
  });

  it('reads the report out of an import refused for row problems', () => {
    const error = new ApiError(400, 'import_rows_invalid', '1 row(s) have errors', { ...report });
    expect(importFailure(error)).toEqual({ kind: 'report', report });
  });

  it('explains refusals of the whole file, with their details', () => {
    expect(
      importFailure(new ApiError(400, 'csv_missing_columns', 'x', { missing: ['username', 'role'] })),
    ).toEqual({
      kind: 'file',
      message: { key: 'admin.import.file.csv_missing_columns', params: { columns: 'username, role' } },
    });
    expect(importFailure(new ApiError(400, 'csv_too_many_rows', 'x', { max: 50000 }))).toEqual({
      kind: 'file',
      message: { key: 'admin.import.file.csv_too_many_rows', params: { max: 50000 } },
    });
    expect(importFailure(new ApiError(413, 'payload_too_large', 'x'))?.kind).toBe('file');
    expect(importFailure(new ApiError(0, 'network_error', 'offline'))).toBeNull();
    expect(importFailure(new Error('boom'))).toBeNull();
  });

  it('recognises CSV files by name or type', () => {
    expect(looksLikeCsv({ name: 'roster.CSV', type: '' })).toBe(true);
    expect(looksLikeCsv({ name: 'roster', type: 'application/vnd.ms-excel' })).toBe(true);
    expect(looksLikeCsv({ name: 'photo.png', type: 'image/png' })).toBe(false);
  });
});
