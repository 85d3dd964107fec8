import type { ImportReport, ImportRowError } from '@satchel/core';
import { ApiError } from '../../../api/errors.js';
import type { MessageParams } from '../../../i18n/message-format.js';
import type { MessageKey } from '../../../i18n/messages/en.js';

// What the roster import's refusals mean, in the admin's language. The server explains each problem in
// English and gives it a stable code; known codes get our own words, unknown ones keep the server's.

const ROW_MESSAGES: Readonly<Record<string, MessageKey>> = {
  csv_syntax: 'admin.import.row.csv_syntax',
  extra_fields: 'admin.import.row.extra_fields',
  required: 'admin.import.row.required',
  invalid_username: 'admin.import.row.invalid_username',
  invalid_role: 'admin.import.row.invalid_role',
  invalid_password: 'admin.import.row.invalid_password',
  invalid_pin: 'admin.import.row.invalid_pin',
  invalid_email: 'admin.import.row.invalid_email',
  invalid_phone: 'admin.import.row.invalid_phone',
  invalid_region: 'admin.import.row.invalid_region',
  invalid_sourced_id: 'admin.import.row.invalid_sourced_id',
  invalid_grades: 'admin.import.row.invalid_grades',
  invalid_sex: 'admin.import.row.invalid_sex',
  invalid_birth_year: 'admin.import.row.invalid_birth_year',
  invalid_disability: 'admin.import.row.invalid_disability',
  invalid_class_code: 'admin.import.row.invalid_class_code',
  name_too_long: 'admin.import.row.name_too_long',
  duplicate_username: 'admin.import.row.duplicate_username',
  duplicate_sourced_id: 'admin.import.row.duplicate_sourced_id',
  duplicate_user: 'admin.import.row.duplicate_user',
  username_taken: 'admin.import.row.username_taken',
  sourced_id_mismatch: 'admin.import.row.sourced_id_mismatch',
  operator_protected: 'admin.import.row.operator_protected',
};

/** Codes whose server message names the other row involved ("… is also on row 7"). */
const NAMES_OTHER_ROW = new Set(['duplicate_username', 'duplicate_sourced_id', 'duplicate_user']);

export interface Translated {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

/** Our message for a row problem, or null to show the server's own words. */
export function rowProblem(error: ImportRowError): Translated | null {
  const key = ROW_MESSAGES[error.code];
  if (!key) return null;
  if (NAMES_OTHER_ROW.has(error.code)) {
    const other = /\brow (\d+)\b/.exec(error.message)?.[1];
    return other ? { key: `${key}Other` as MessageKey, params: { other: Number(other) } } : { key };
  }
  return { key };
}

export type ImportOutcome =
  | { readonly kind: 'report'; readonly report: ImportReport }
  | { readonly kind: 'file'; readonly message: Translated };

function isReport(value: unknown): value is ImportReport {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    Array.isArray(record['errors']) &&
    typeof record['rows'] === 'number' &&
    typeof record['errorCount'] === 'number'
  );
}

const FILE_MESSAGES: Readonly<Record<string, MessageKey>> = {
  csv_empty: 'admin.import.file.csv_empty',
  csv_not_text: 'admin.import.file.csv_not_text',
  csv_not_utf8: 'admin.import.file.csv_not_utf8',
  csv_unreadable: 'admin.import.file.csv_unreadable',
  csv_no_rows: 'admin.import.file.csv_no_rows',
  payload_too_large: 'admin.import.file.payload_too_large',
  unsupported_media_type: 'admin.import.file.unsupported_media_type',
  import_conflict: 'admin.import.file.import_conflict',
};

/**
 * What a failed upload means: a refused import still carries its report (row problems to show), other
 * refusals are about the whole file. Null: not an import refusal (offline, signed out...), shown as is.
 */
export function importFailure(error: unknown): ImportOutcome | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'import_rows_invalid' && isReport(error.details))
    return { kind: 'report', report: error.details };
  const details = error.details;
  switch (error.code) {
    case 'csv_missing_columns': {
      const missing = Array.isArray(details['missing'])
        ? details['missing'].filter((item) => typeof item === 'string')
        : [];
      return {
        kind: 'file',
        message: { key: 'admin.import.file.csv_missing_columns', params: { columns: missing.join(', ') } },
      };
    }
    case 'csv_duplicate_columns': {
      const column = typeof details['column'] === 'string' ? details['column'] : '';
      return {
        kind: 'file',
        message: { key: 'admin.import.file.csv_duplicate_columns', params: { column } },
      };
    }
    case 'csv_too_many_rows': {
      const max = typeof details['max'] === 'number' ? details['max'] : 50_000;
      return { kind: 'file', message: { key: 'admin.import.file.csv_too_many_rows', params: { max } } };
    }
    default: {
      const key = FILE_MESSAGES[error.code];
      return key ? { kind: 'file', message: { key } } : null;
    }
  }
}

/** Does this file look like a CSV? Browsers label CSV files inconsistently, so the name decides too. */
export function looksLikeCsv(file: { readonly name: string; readonly type: string }): boolean {
  return (
    /\.(csv|txt)$/i.test(file.name) ||
    /^(text\/csv|application\/csv|application\/vnd\.ms-excel|text\/plain)$/i.test(file.type)
  );
}
