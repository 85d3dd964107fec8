// Reading one question sheet row: the cells of a row by column name, and the
// per-type rules that turn cells into a candidate question for the schema.

export interface QuestionCsvError {
  /** 1-based spreadsheet row; the header is row 1. */
  row: number;
  column?: string;
  message: string;
}

export const CSV_QUESTION_TYPES = [
  'single',
  'multiple',
  'truefalse',
  'fill',
  'numeric',
  'ordering',
  'matching',
] as const;
export type CsvQuestionType = (typeof CSV_QUESTION_TYPES)[number];

/** One data row, read by column name, collecting this row's errors. */
export class RowCells {
  constructor(
    private readonly header: ReadonlyMap<string, number>,
    private readonly cells: readonly string[],
    readonly row: number,
    headerWidth: number,
    readonly errors: QuestionCsvError[],
  ) {
    const extra = cells.slice(headerWidth).filter((c) => c.trim() !== '');
    if (extra.length > 0) {
      this.fail(undefined, `the row has ${extra.length} value(s) to the right of the last named column`);
    }
  }

  /** The trimmed value of a column; '' when the column or the cell is absent. */
  get(column: string): string {
    const index = this.header.get(column);
    return index === undefined ? '' : (this.cells[index] ?? '').trim();
  }

  fail(column: string | undefined, message: string): void {
    this.errors.push(column === undefined ? { row: this.row, message } : { row: this.row, column, message });
  }
}

export interface OptionCell {
  column: string;
  /** 1-based column number, as authors refer to it in `correct`. */
  number: number;
  text: string;
}

export function typeFields(
  type: CsvQuestionType,
  cells: RowCells,
  options: OptionCell[],
): Record<string, unknown> {
  const correct = cells.get('correct');
  const needOptions = (min: number): void => {
    if (options.length < min) cells.fail('option_1', `a ${type} question needs at least ${min} options`);
  };
  const refuseOptions = (): void => {
    if (options.length > 0) {
      cells.fail(
        options[0]!.column,
        `a ${type} question takes its answer from "correct"; leave the option columns empty`,
      );
    }
  };
  const refuseCorrect = (why: string): void => {
    if (correct !== '') cells.fail('correct', `leave "correct" empty for ${type} questions: ${why}`);
  };
  switch (type) {
    case 'single':
    case 'multiple': {
      needOptions(2);
      const chosen = readOptionNumbers(cells, correct, options);
      if (type === 'single' && chosen.length > 1) {
        cells.fail(
          'correct',
          'a single-choice question has exactly one correct option; use type "multiple" for more',
        );
      }
      const choices = options.map((o) => ({ id: `o${o.number}`, text: o.text }));
      const ids = chosen.map((n) => `o${n}`);
      return type === 'single'
        ? { options: choices, correct: ids[0] ?? '' }
        : { options: choices, correct: ids };
    }
    case 'truefalse': {
      refuseOptions();
      const value = readBoolean(correct);
      if (value === null) cells.fail('correct', `"correct" must be true or false, got "${correct}"`);
      return { correct: value ?? false };
    }
    case 'fill': {
      refuseOptions();
      const blanks = splitEscaped(correct, ';').map((blank) =>
        splitEscaped(blank, '|')
          .map((a) => unescape(a).trim())
          .filter((a) => a !== ''),
      );
      if (correct === '' || blanks.some((b) => b.length === 0)) {
        cells.fail(
          'correct',
          'every blank needs at least one accepted answer: "answer|alternative;next blank"',
        );
      }
      const marked = (cells.get('prompt').match(/_{3,}/g) ?? []).length;
      if (marked > 0 && marked !== blanks.length) {
        cells.fail(
          'correct',
          `the prompt has ${marked} blank(s) (___) but "correct" gives answers for ${blanks.length}`,
        );
      }
      const caseText = cells.get('case_sensitive');
      const caseSensitive = caseText === '' ? false : readBoolean(caseText);
      if (caseSensitive === null) {
        cells.fail('case_sensitive', `"case_sensitive" must be true or false, got "${caseText}"`);
      }
      return { blanks, caseSensitive: caseSensitive ?? false };
    }
    case 'numeric': {
      refuseOptions();
      if (correct === '') cells.fail('correct', 'a numeric question needs its answer in "correct"');
      const tolerance = cells.get('tolerance');
      return {
        answer: correct === '' ? 0 : readNumber(cells, 'correct', correct),
        ...(tolerance === '' ? {} : { tolerance: readNumber(cells, 'tolerance', tolerance) }),
      };
    }
    case 'ordering':
      needOptions(2);
      refuseCorrect('list the options in the correct order instead');
      return { items: options.map((o) => ({ id: `o${o.number}`, text: o.text })) };
    case 'matching': {
      needOptions(2);
      refuseCorrect('write each option as left=right instead');
      const pairs = options.map((o) => {
        const [left = '', ...rest] = splitEscaped(o.text, '=');
        if (rest.length !== 1) cells.fail(o.column, `a matching option is "left=right", got "${o.text}"`);
        return { id: `p${o.number}`, left: unescape(left).trim(), right: unescape(rest[0] ?? '').trim() };
      });
      return { pairs };
    }
  }
}

function readOptionNumbers(cells: RowCells, correct: string, options: readonly OptionCell[]): number[] {
  if (correct === '') {
    cells.fail('correct', 'give the number of the correct option, e.g. 2 for option_2');
    return [];
  }
  const numbers: number[] = [];
  for (const part of correct.split(/[|,;\s]+/).filter((p) => p !== '')) {
    const n = /^\d+$/.test(part) ? Number(part) : NaN;
    if (!options.some((o) => o.number === n)) {
      cells.fail('correct', `"${part}" does not name a filled option column (1 means option_1)`);
    } else if (!numbers.includes(n)) {
      numbers.push(n);
    }
  }
  return numbers;
}

function readBoolean(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (value === 'true' || value === 'yes' || value === '1') return true;
  if (value === 'false' || value === 'no' || value === '0') return false;
  return null;
}

export function readNumber(cells: RowCells, column: string, text: string): number {
  if (/^[+-]?\d+,\d{3}$/.test(text)) {
    cells.fail(column, `"${text}" is ambiguous: write 1000 for a thousand or 1.000 for one`);
    return 0;
  }
  const dotted = /^[+-]?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(dotted)) {
    cells.fail(column, `"${text}" is not a number`);
    return 0;
  }
  return Number(dotted);
}

/** Splits on `separator` except where a backslash escapes it; escapes stay for unescape. */
function splitEscaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1]!;
      i += 1;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
