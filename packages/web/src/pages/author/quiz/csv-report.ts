import { ApiError } from '../../../api/errors.js';

/** One problem of a question sheet, as the import endpoint reports it (row 1 is the header). */
export interface CsvRowError {
  readonly row: number;
  readonly column: string | null;
  readonly message: string;
}

/** The per-row errors of a refused import (`invalid_question_csv`); empty for any other error. */
export function csvRowErrors(error: unknown): CsvRowError[] {
  if (!(error instanceof ApiError) || error.code !== 'invalid_question_csv') return [];
  const errors = error.details['errors'];
  if (!Array.isArray(errors)) return [];
  const rows: CsvRowError[] = [];
  for (const entry of errors) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    const row = record['row'];
    if (typeof row !== 'number') continue;
    rows.push({
      row,
      column: typeof record['column'] === 'string' ? record['column'] : null,
      message: typeof record['message'] === 'string' ? record['message'] : '',
    });
  }
  return rows.sort((a, b) => a.row - b.row);
}

/** The template as a link target: a UTF-8 CSV with a byte-order mark so spreadsheet programs read accents. */
export function templateHref(template: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${template}`)}`;
}
