import {
  ClassCode,
  Password,
  Pin,
  Role,
  USER_IMPORT_COLUMNS,
  Username,
  detectDelimiter,
  parseCsv,
  type ImportRowError,
  type Sex,
  type UserImportColumn,
} from '@satchel/core';
import { z } from 'zod';
import { invalid } from '../http/errors.js';

// Reads a roster CSV into checked rows, without touching the database. A file that
// cannot be read as a roster at all (not text, no header, no rows) is refused with
// a 400 and a code saying why; problems in single rows are collected, each with its
// spreadsheet row number and column, so an admin can fix them all in one pass.

/** More rows than this are refused: split the file (each import is one transaction). */
export const MAX_IMPORT_ROWS = 50_000;
const REQUIRED: readonly UserImportColumn[] = ['username', 'role'];

/** OneRoster role names, mapped onto Satchel's. */
const ROLE_ALIASES = new Map<string, Role>([
  ['student', 'learner'],
  ['teacher', 'educator'],
  ['administrator', 'admin'],
]);
const SEX_ALIASES = new Map<string, Sex | null>([
  ['female', 'female'],
  ['f', 'female'],
  ['male', 'male'],
  ['m', 'male'],
  ['other', 'other'],
  ['o', 'other'],
  ['unspecified', null],
]);
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);
const Email = z.email();

export interface ImportRow {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  sourcedId: string | null;
  username: string;
  /** From givenName and familyName; null when both are empty. */
  displayName: string | null;
  roles: Role[];
  password: string | null;
  pin: string | null;
  email: string | null;
  phone: string | null;
  /** The first grade code of `grades` (OneRoster allows a list). */
  grade: string | null;
  classCodes: string[];
  sex: Sex | null;
  birthYear: number | null;
  region: string | null;
  disability: boolean | null;
}

export interface ParsedRoster {
  /** Rows without errors. */
  rows: ImportRow[];
  /** Number of data rows in the file (blank lines are not rows). */
  rowCount: number;
  errors: ImportRowError[];
  ignoredColumns: string[];
}

/** The file's text: UTF-8 (with or without BOM) or UTF-16 with a BOM, as spreadsheets save them. */
export function decodeRoster(input: Uint8Array | string): string {
  if (typeof input === 'string') return input;
  try {
    if (input[0] === 0xff && input[1] === 0xfe)
      return new TextDecoder('utf-16le', { fatal: true }).decode(input);
    if (input[0] === 0xfe && input[1] === 0xff)
      return new TextDecoder('utf-16be', { fatal: true }).decode(input);
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw invalid(
      'csv_not_utf8',
      'The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma delimited)”.',
    );
  }
}

const normalise = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');
const KNOWN = new Map<string, UserImportColumn>(USER_IMPORT_COLUMNS.map((c) => [normalise(c), c]));

export function parseRoster(text: string, currentYear: number): ParsedRoster {
  if (text.trim() === '') throw invalid('csv_empty', 'The file is empty');
  if (text.includes('\u0000')) throw invalid('csv_not_text', 'The file is not a CSV text file');
  const { rows: records, errors: syntax } = parseCsv(text, { delimiter: detectDelimiter(text) });
  const header = records[0] ?? [];
  if (syntax.some((e) => e.row === 1))
    throw invalid('csv_unreadable', 'The header row (row 1) is not valid CSV');

  const columns = new Map<UserImportColumn, number>();
  const ignoredColumns: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim();
    const known = KNOWN.get(normalise(name));
    if (!known) {
      if (name !== '') ignoredColumns.push(name);
      return;
    }
    if (columns.has(known))
      throw invalid('csv_duplicate_columns', `The column "${known}" appears twice in the header`, {
        column: known,
      });
    columns.set(known, index);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw invalid('csv_missing_columns', `The header row needs the columns: ${missing.join(', ')}`, {
      missing,
      found: header.map((h) => h.trim()).filter(Boolean),
      expected: [...USER_IMPORT_COLUMNS],
    });
  }

  const dataRows: { row: number; fields: string[] }[] = [];
  records.slice(1).forEach((fields, i) => {
    if (fields.some((f) => f.trim() !== '')) dataRows.push({ row: i + 2, fields });
  });
  if (dataRows.length === 0) throw invalid('csv_no_rows', 'The file has a header but no rows of users');
  if (dataRows.length > MAX_IMPORT_ROWS) {
    throw invalid(
      'csv_too_many_rows',
      `A file may hold at most ${MAX_IMPORT_ROWS} rows; split it into smaller files`,
      {
        rows: dataRows.length,
        max: MAX_IMPORT_ROWS,
      },
    );
  }

  const dataRowNumbers = new Set(dataRows.map((d) => d.row));
  const errors: ImportRowError[] = syntax
    .filter((e) => dataRowNumbers.has(e.row))
    .map((e) => ({ row: e.row, column: null, code: 'csv_syntax', message: e.message }));
  const syntaxRows = new Set(errors.map((e) => e.row));
  const rows: ImportRow[] = [];
  const seenUsernames = new Map<string, number>();
  const seenSourcedIds = new Map<string, number>();

  for (const { row, fields } of dataRows) {
    const rowErrors: ImportRowError[] = [];
    const fail = (column: UserImportColumn | null, code: string, message: string): void => {
      rowErrors.push({ row, column, code, message });
    };
    const cell = (column: UserImportColumn): string => {
      const index = columns.get(column);
      return index === undefined ? '' : (fields[index] ?? '').trim();
    };
    if (fields.slice(header.length).some((f) => f.trim() !== '')) {
      fail(null, 'extra_fields', `The row has ${fields.length} fields but the header has ${header.length}`);
    }
    const result = readRow(cell, fail, currentYear);
    if (result) {
      const firstName = seenUsernames.get(result.username);
      if (firstName !== undefined)
        fail(
          'username',
          'duplicate_username',
          `The username "${result.username}" is also on row ${firstName}`,
        );
      else seenUsernames.set(result.username, row);
      if (result.sourcedId) {
        const firstId = seenSourcedIds.get(result.sourcedId);
        if (firstId !== undefined)
          fail(
            'sourcedId',
            'duplicate_sourced_id',
            `The sourcedId "${result.sourcedId}" is also on row ${firstId}`,
          );
        else seenSourcedIds.set(result.sourcedId, row);
      }
    }
    errors.push(...rowErrors);
    if (result && rowErrors.length === 0 && !syntaxRows.has(row)) rows.push({ row, ...result });
  }
  return { rows, rowCount: dataRows.length, errors, ignoredColumns };
}

type Cell = (column: UserImportColumn) => string;
type Fail = (column: UserImportColumn | null, code: string, message: string) => void;

/** One row's values, checked; null when a value needed to go on is unusable (the errors say which). */
function readRow(cell: Cell, fail: Fail, currentYear: number): Omit<ImportRow, 'row'> | null {
  const username = Username.safeParse(cell('username'));
  if (cell('username') === '') fail('username', 'required', 'A username is required');
  else if (!username.success)
    fail(
      'username',
      'invalid_username',
      'A username has 2 to 64 letters, digits, dots, dashes or underscores',
    );

  const roles: Role[] = [];
  const roleText = cell('role');
  if (roleText === '')
    fail('role', 'required', 'A role is required (learner, educator, facilitator, author, admin)');
  for (const word of roleText.split(/[;|\s]+/).filter(Boolean)) {
    const lower = word.toLowerCase();
    const role = ROLE_ALIASES.get(lower) ?? Role.safeParse(lower).data;
    if (role) roles.push(role);
    else
      fail(
        'role',
        'invalid_role',
        `"${word}" is not a role; use learner, educator, facilitator, author or admin (or student, teacher, administrator)`,
      );
  }

  const optional = <T>(
    column: UserImportColumn,
    read: (v: string) => T | undefined,
    code: string,
    message: string,
  ): T | null => {
    const value = cell(column);
    if (value === '') return null;
    const out = read(value);
    if (out === undefined) fail(column, code, message);
    return out ?? null;
  };
  const password = optional(
    'password',
    (v) => Password.safeParse(v).data,
    'invalid_password',
    'A password needs 8 to 200 characters',
  );
  const pin = optional('pin', (v) => Pin.safeParse(v).data, 'invalid_pin', 'A PIN is 4 to 6 digits');
  const email = optional(
    'email',
    (v) => Email.safeParse(v).data,
    'invalid_email',
    'This is not an email address',
  );
  const phone = optional(
    'phone',
    (v) => (v.length <= 40 ? v : undefined),
    'invalid_phone',
    'A phone number has at most 40 characters',
  );
  const region = optional(
    'region',
    (v) => (v.length <= 120 ? v : undefined),
    'invalid_region',
    'A region has at most 120 characters',
  );
  const sourcedId = optional(
    'sourcedId',
    (v) => (v.length <= 200 ? v : undefined),
    'invalid_sourced_id',
    'A sourcedId has at most 200 characters',
  );
  const grade = optional(
    'grades',
    (v) => firstGrade(v),
    'invalid_grades',
    'Grades are codes of at most 64 characters',
  );
  const sex = optional(
    'sex',
    (v) => (SEX_ALIASES.has(v.toLowerCase()) ? (SEX_ALIASES.get(v.toLowerCase()) ?? null) : undefined),
    'invalid_sex',
    'Sex is female, male or other (or F, M, O), or empty',
  );
  const birthYear = optional(
    'birthYear',
    (v) => (/^\d{4}$/.test(v) && Number(v) >= 1900 && Number(v) <= currentYear ? Number(v) : undefined),
    'invalid_birth_year',
    `A birth year is a four-digit year from 1900 to ${currentYear}`,
  );
  const disability = optional(
    'disability',
    (v) => (YES.has(v.toLowerCase()) ? true : NO.has(v.toLowerCase()) ? false : undefined),
    'invalid_disability',
    'Disability is yes or no (or true/false, 1/0), or empty',
  );
  const classCodes: string[] = [];
  for (const code of cell('classCode')
    .split(/[;|]/)
    .map((c) => c.trim())
    .filter(Boolean)) {
    const parsed = ClassCode.safeParse(code);
    if (parsed.success) {
      if (!classCodes.includes(parsed.data)) classCodes.push(parsed.data);
    } else
      fail(
        'classCode',
        'invalid_class_code',
        `"${code.slice(0, 80)}" is not a class code (1 to 64 characters)`,
      );
  }
  const displayName = [cell('givenName'), cell('familyName')].filter(Boolean).join(' ');
  if (displayName.length > 120)
    fail('givenName', 'name_too_long', 'givenName and familyName together have at most 120 characters');

  if (!username.success || roles.length === 0) return null;
  return {
    sourcedId,
    username: username.data,
    displayName: displayName === '' ? null : displayName,
    roles: [...new Set(roles)],
    password,
    pin,
    email,
    phone,
    grade,
    classCodes,
    sex,
    birthYear,
    region,
    disability,
  };
}

function firstGrade(value: string): string | undefined {
  const first = value
    .split(/[,;|]/)
    .map((g) => g.trim())
    .find(Boolean);
  return first !== undefined && first.length <= 64 ? first : undefined;
}
