// Question import from a spreadsheet. Authors keep question banks in Excel or
// Google Sheets; one row is one question. Every row either becomes a question
// or gets at least one error naming its row (and column), so an author can fix
// the sheet and import again.
import { Question } from '../course/course.schema.js';
import { detectDelimiter, parseCsv } from '../csv/csv.js';
import type { OptionCell, QuestionCsvError } from './question-csv.row.js';
import { readNumber, RowCells, CSV_QUESTION_TYPES, typeFields } from './question-csv.row.js';

export type { QuestionCsvError } from './question-csv.row.js';

export const QUESTION_CSV_MAX_OPTIONS = 20;

const OPTION_COLUMNS = Array.from({ length: QUESTION_CSV_MAX_OPTIONS }, (_, i) => `option_${i + 1}`);

/** Every column the importer reads; only `type` and `prompt` are required, order is free. */
export const QUESTION_CSV_COLUMNS: readonly string[] = [
  'id',
  'type',
  'prompt',
  ...OPTION_COLUMNS,
  'correct',
  'points',
  'feedback_correct',
  'feedback_incorrect',
  'tolerance',
  'case_sensitive',
];

/** A starting sheet for authors: the header and one example row per question type. */
export const QUESTION_CSV_TEMPLATE = [
  'type,prompt,option_1,option_2,option_3,option_4,option_5,option_6,correct,points,feedback_correct,feedback_incorrect,tolerance,case_sensitive',
  'single,What is the capital of Brazil?,Rio de Janeiro,Brasília,São Paulo,,,,2,1,Yes.,Brasília has been the capital since 1960.,,',
  'multiple,Which are prime numbers?,2,4,7,9,,,1|3,2,,,,',
  'truefalse,Water boils at 100 °C at sea level.,,,,,,,true,1,,,,',
  'fill,The ___ is the largest ocean on ___.,,,,,,,Pacific;Earth|the Earth,2,,,,false',
  'numeric,How many centimetres are in 2.5 metres?,,,,,,,250,1,,,0.5,',
  'ordering,Put the steps of washing hands in order.,Wet hands,Apply soap,Scrub for 20 seconds,Rinse,Dry,,,1,,,,',
  'matching,Match each animal to its group.,Frog=Amphibian,Eagle=Bird,Shark=Fish,,,,,3,,,,',
].join('\r\n');

export interface QuestionCsvResult {
  questions: Question[];
  errors: QuestionCsvError[];
}

export interface QuestionCsvOptions {
  /** Detected from the header row when absent (`,`, `;` or tab). */
  delimiter?: string;
}

/**
 * Parses a question sheet. Columns, by `type`:
 * - single / multiple: option_1…option_20 hold the choices; `correct` holds the
 *   number(s) of the correct option column(s), e.g. `2`, or `1|3` (also `1,3`, `1;3`).
 * - truefalse: `correct` is true/false (also yes/no, 1/0).
 * - fill: `correct` lists accepted answers, `|` between alternatives and `;`
 *   between blanks: `Pacific;Earth|the Earth`. `case_sensitive` true/false.
 *   If the prompt marks blanks with `___`, their count must match.
 * - numeric: `correct` is the number, `tolerance` the allowed difference. `.` is
 *   the decimal point; a lone `,` is accepted as one unless ambiguous (`1,000`).
 * - ordering: the options in the correct order; `correct` stays empty.
 * - matching: options hold `left=right` pairs; `correct` stays empty.
 * In `correct` and matching options, `\` escapes `|`, `;`, `=` and `\` itself.
 * `points` defaults to 1. `id` is optional; a row without one gets `q<n>`, n
 * being its spreadsheet row minus the header row (row 2 → q1). Blank rows are skipped.
 */
export function parseQuestionCsv(text: string, options: QuestionCsvOptions = {}): QuestionCsvResult {
  const parsed = parseCsv(text, { delimiter: options.delimiter ?? detectDelimiter(text) });
  const errors: QuestionCsvError[] = [];
  const syntaxErrorRows = new Set<number>();
  for (const e of parsed.errors) {
    errors.push({ row: e.row, message: e.message });
    syntaxErrorRows.add(e.row);
  }
  const [headerCells, ...dataRows] = parsed.rows;
  if (headerCells === undefined || isBlank(headerCells)) {
    errors.push({
      row: 1,
      message: `the file is empty: the first row must name the columns (${QUESTION_CSV_COLUMNS.slice(0, 3).join(', ')}, …)`,
    });
    return { questions: [], errors };
  }
  const header = readHeader(headerCells, errors);
  const missing = ['type', 'prompt'].filter((c) => !header.has(c));
  if (missing.length > 0) {
    errors.push({ row: 1, message: `missing required column(s): ${missing.join(', ')}` });
    return { questions: [], errors };
  }

  const questions: Question[] = [];
  const rowOfId = new Map<string, number>();
  dataRows.forEach((cells, index) => {
    const row = index + 2;
    if (isBlank(cells)) return;
    const rowErrors: QuestionCsvError[] = [];
    const question = readQuestion(new RowCells(header, cells, row, headerCells.length, rowErrors), index + 1);
    if (question) {
      const earlier = rowOfId.get(question.id);
      if (earlier !== undefined) {
        rowErrors.push({
          row,
          column: 'id',
          message: `question id "${question.id}" is already used on row ${earlier}`,
        });
      } else {
        rowOfId.set(question.id, row);
      }
    }
    errors.push(...rowErrors);
    if (question && rowErrors.length === 0 && !syntaxErrorRows.has(row)) questions.push(question);
  });
  return { questions, errors };
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** "Option 1", "OPTION-1" and "option_1" all name the same column. */
function normaliseColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function readHeader(cells: readonly string[], errors: QuestionCsvError[]): Map<string, number> {
  const header = new Map<string, number>();
  cells.forEach((cell, index) => {
    const name = normaliseColumnName(cell);
    if (name === '') return;
    if (!QUESTION_CSV_COLUMNS.includes(name)) {
      errors.push({ row: 1, column: cell, message: `unknown column "${cell}"; its values are ignored` });
    } else if (header.has(name)) {
      errors.push({
        row: 1,
        column: name,
        message: `column "${name}" appears twice; only the first is read`,
      });
    } else {
      header.set(name, index);
    }
  });
  return header;
}

function readQuestion(cells: RowCells, position: number): Question | null {
  const typeText = cells.get('type').toLowerCase();
  const type = CSV_QUESTION_TYPES.find((t) => t === typeText);
  if (type === undefined) {
    cells.fail(
      'type',
      typeText === ''
        ? 'type is empty'
        : `unknown type "${typeText}"; expected one of ${CSV_QUESTION_TYPES.join(', ')}`,
    );
    return null;
  }
  const errorsBefore = cells.errors.length;
  const options: OptionCell[] = [];
  OPTION_COLUMNS.forEach((column, i) => {
    const text = cells.get(column);
    if (text !== '') options.push({ column, number: i + 1, text });
  });
  const candidate: Record<string, unknown> = {
    id: cells.get('id') || `q${position}`,
    type,
    prompt: cells.get('prompt'),
    ...typeFields(type, cells, options),
  };
  const points = cells.get('points');
  if (points !== '') candidate['points'] = readNumber(cells, 'points', points);
  const feedback = { correct: cells.get('feedback_correct'), incorrect: cells.get('feedback_incorrect') };
  if (feedback.correct || feedback.incorrect) {
    candidate['feedback'] = {
      ...(feedback.correct ? { correct: feedback.correct } : {}),
      ...(feedback.incorrect ? { incorrect: feedback.incorrect } : {}),
    };
  }
  if (cells.errors.length > errorsBefore) return null;

  const result = Question.safeParse(candidate);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    cells.fail(
      columnOfIssue(issue.path, options),
      `${issue.path.map(String).join('.') || 'question'}: ${issue.message}`,
    );
  }
  return null;
}

const COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  correct: 'correct',
  blanks: 'correct',
  answer: 'correct',
  id: 'id',
  prompt: 'prompt',
  points: 'points',
  tolerance: 'tolerance',
  caseSensitive: 'case_sensitive',
};

/** The sheet column a schema issue points at, so the author knows which cell to fix. */
function columnOfIssue(path: readonly PropertyKey[], options: readonly OptionCell[]): string | undefined {
  const [field, index] = path;
  if (field === 'options' || field === 'items' || field === 'pairs') {
    return typeof index === 'number' ? options[index]?.column : 'option_1';
  }
  if (field === 'feedback') return index === 'incorrect' ? 'feedback_incorrect' : 'feedback_correct';
  return typeof field === 'string' && Object.hasOwn(COLUMN_OF_FIELD, field)
    ? COLUMN_OF_FIELD[field]
    : undefined;
}
