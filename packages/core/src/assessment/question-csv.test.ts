import { describe, expect, it } from 'vitest';
import { formatCsv } from '../csv/csv.js';
import { gradeQuestion } from './grading.js';
import { parseQuestionCsv, QUESTION_CSV_TEMPLATE } from './question-csv.js';

const HEADER = [
  'type',
  'prompt',
  'option_1',
  'option_2',
  'option_3',
  'correct',
  'points',
  'tolerance',
  'case_sensitive',
];
const sheet = (...rows: string[][]): string => formatCsv([HEADER, ...rows]);

describe('parseQuestionCsv', () => {
  it('reads the template: one question of every type, no errors', () => {
    const { questions, errors } = parseQuestionCsv(QUESTION_CSV_TEMPLATE);
    expect(errors).toEqual([]);
    expect(questions.map((q) => [q.id, q.type])).toEqual([
      ['q1', 'single'],
      ['q2', 'multiple'],
      ['q3', 'truefalse'],
      ['q4', 'fill'],
      ['q5', 'numeric'],
      ['q6', 'ordering'],
      ['q7', 'matching'],
    ]);
    expect(questions[0]).toMatchObject({
      correct: 'o2',
      feedback: { correct: 'Yes.', incorrect: 'Brasília has been the capital since 1960.' },
    });
    expect(questions[1]).toMatchObject({ correct: ['o1', 'o3'], points: 2 });
    expect(questions[3]).toMatchObject({
      blanks: [['Pacific'], ['Earth', 'the Earth']],
      caseSensitive: false,
    });
    expect(questions[4]).toMatchObject({ answer: 250, tolerance: 0.5 });
    expect(questions[6]).toMatchObject({
      pairs: [
        { id: 'p1', left: 'Frog', right: 'Amphibian' },
        { id: 'p2', left: 'Eagle', right: 'Bird' },
        { id: 'p3', left: 'Shark', right: 'Fish' },
      ],
    });
  });

  it('produces questions the grader accepts with their own answer keys', () => {
    const [single, , , fill, numeric, ordering] = parseQuestionCsv(QUESTION_CSV_TEMPLATE).questions;
    expect(gradeQuestion(single!, 'o2').correct).toBe(true);
    expect(gradeQuestion(fill!, ['pacific', 'the earth']).correct).toBe(true);
    expect(gradeQuestion(numeric!, 250.4).correct).toBe(true);
    expect(gradeQuestion(ordering!, ['o1', 'o2', 'o3', 'o4', 'o5']).correct).toBe(true);
  });

  it('reads semicolon-delimited sheets from Excel in Portuguese, with decimal commas', () => {
    const text = '\uFEFFtype;prompt;correct;tolerance\r\nnumeric;Quanto é 7 ÷ 2?;3,5;0,1\r\n';
    const { questions, errors } = parseQuestionCsv(text);
    expect(errors).toEqual([]);
    expect(questions[0]).toMatchObject({ prompt: 'Quanto é 7 ÷ 2?', answer: 3.5, tolerance: 0.1 });
  });

  it('accepts column names written like spreadsheet headings, in any order', () => {
    const text = 'Correct,Option 2,Prompt,Type,OPTION-1\n1,No,Is it?,single,Yes\n';
    expect(parseQuestionCsv(text)).toMatchObject({
      errors: [],
      questions: [{ type: 'single', correct: 'o1' }],
    });
  });

  it('uses authored ids and refuses duplicates', () => {
    const text = 'id,type,prompt,correct\nintro,truefalse,A?,true\nintro,truefalse,B?,false\n';
    const { questions, errors } = parseQuestionCsv(text);
    expect(questions.map((q) => q.id)).toEqual(['intro']);
    expect(errors).toEqual([{ row: 3, column: 'id', message: expect.stringContaining('row 2') }]);
  });

  it('skips blank rows but keeps ids tied to spreadsheet rows', () => {
    const { questions } = parseQuestionCsv(
      sheet(['truefalse', 'A?', '', '', '', 'yes'], ['', '', '', ''], ['truefalse', 'B?', '', '', '', 'no']),
    );
    expect(questions.map((q) => [q.id, q.type === 'truefalse' && q.correct])).toEqual([
      ['q1', true],
      ['q3', false],
    ]);
  });

  it('reads escaped separators in fill answers and matching pairs', () => {
    const { questions, errors } = parseQuestionCsv(
      sheet(
        ['fill', 'Ratio: ___', '', '', '', '1\\|2|one\\;two', '', '', 'true'],
        ['matching', 'Match', 'x\\=1=solution', 'a=b', '', '', '', '', ''],
      ),
    );
    expect(errors).toEqual([]);
    expect(questions[0]).toMatchObject({ blanks: [['1|2', 'one;two']], caseSensitive: true });
    expect(questions[1]).toMatchObject({
      pairs: [
        { left: 'x=1', right: 'solution' },
        { left: 'a', right: 'b' },
      ],
    });
  });

  it.each([
    [['essay', 'Why?', '', '', '', '', '', '', ''], 'type', 'unknown type'],
    [['single', 'Pick', 'A', 'B', '', '3', '', '', ''], 'correct', 'does not name a filled option'],
    [['single', 'Pick', 'A', 'B', '', '1|2', '', '', ''], 'correct', 'exactly one'],
    [['single', 'Pick', 'A', '', '', '1', '', '', ''], 'option_1', 'at least 2 options'],
    [['multiple', 'Pick', 'A', 'B', '', '', '', '', ''], 'correct', 'number of the correct option'],
    [['truefalse', 'True?', '', '', '', 'maybe', '', '', ''], 'correct', 'true or false'],
    [
      ['truefalse', 'True?', 'True', 'False', '', 'true', '', '', ''],
      'option_1',
      'leave the option columns empty',
    ],
    [['fill', 'A ___ and ___', '', '', '', 'one', '', '', ''], 'correct', 'the prompt has 2 blank(s)'],
    [['fill', 'A ___', '', '', '', 'one;', '', '', ''], 'correct', 'at least one accepted answer'],
    [['fill', 'A ___', '', '', '', 'one', '', '', 'sometimes'], 'case_sensitive', 'true or false'],
    [['numeric', 'How many?', '', '', '', '', '', '', ''], 'correct', 'needs its answer'],
    [['numeric', 'How many?', '', '', '', '1,000', '', '', ''], 'correct', 'ambiguous'],
    [['numeric', 'How many?', '', '', '', 'ten', '', '', ''], 'correct', 'not a number'],
    [['numeric', 'How many?', '', '', '', '10', '', '-1', ''], 'tolerance', 'tolerance'],
    [['ordering', 'Order', 'A', 'B', '', '1|2', '', '', ''], 'correct', 'correct order'],
    [['matching', 'Match', 'a=b', 'c', '', '', '', '', ''], 'option_2', 'left=right'],
    [['matching', 'Match', 'a=b', 'c=', '', '', '', '', ''], 'option_2', 'right'],
    [['truefalse', '', '', '', '', 'true', '', '', ''], 'prompt', 'prompt'],
    [['truefalse', 'True?', '', '', '', 'true', '0', '', ''], 'points', 'points'],
  ])('rejects %j with an error on column %s', (row, column, message) => {
    const { questions, errors } = parseQuestionCsv(sheet(row));
    expect(questions).toEqual([]);
    expect(errors).toContainEqual({ row: 2, column, message: expect.stringContaining(message) });
  });

  it('keeps the good rows when some are bad, and names each bad row', () => {
    const { questions, errors } = parseQuestionCsv(
      sheet(
        ['truefalse', 'A?', '', '', '', 'true'],
        ['truefalse', 'B?', '', '', '', 'perhaps'],
        ['truefalse', 'C?', '', '', '', 'false'],
      ),
    );
    expect(questions.map((q) => q.prompt)).toEqual(['A?', 'C?']);
    expect(errors.map((e) => e.row)).toEqual([3]);
  });

  it('reports a missing required column and reads nothing', () => {
    expect(parseQuestionCsv('prompt,correct\nA?,true\n')).toEqual({
      questions: [],
      errors: [{ row: 1, message: 'missing required column(s): type' }],
    });
  });

  it('reports an empty file', () => {
    expect(parseQuestionCsv('').errors).toEqual([{ row: 1, message: expect.stringContaining('empty') }]);
  });

  it('reports unknown and repeated columns', () => {
    const { errors, questions } = parseQuestionCsv(
      'type,prompt,correct,feedbak,prompt\ntruefalse,A?,true,x,B?\n',
    );
    expect(questions).toHaveLength(1);
    expect(errors).toEqual([
      { row: 1, column: 'feedbak', message: expect.stringContaining('unknown column') },
      { row: 1, column: 'prompt', message: expect.stringContaining('twice') },
    ]);
  });

  it('rejects values beyond the last named column and rows with broken quoting', () => {
    const { questions, errors } = parseQuestionCsv(
      'type,prompt,correct\ntruefalse,A?,true,extra\ntruefalse,"B?,true\n',
    );
    expect(questions).toEqual([]);
    expect(new Set(errors.map((e) => e.row))).toEqual(new Set([2, 3]));
  });

  it('imports 10,000 questions', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [
      'single',
      `Question ${i}?`,
      'Yes',
      'No',
      'Maybe',
      '2',
      '1',
      '',
      '',
    ]);
    const { questions, errors } = parseQuestionCsv(sheet(...rows));
    expect(errors).toEqual([]);
    expect(questions).toHaveLength(10_000);
    expect(questions[9_999]!.id).toBe('q10000');
  });
});
