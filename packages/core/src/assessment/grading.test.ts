import { describe, expect, it } from 'vitest';
import { Lesson, Question } from '../course/course.schema.js';
import type { QuizLesson } from './grading.js';
import { gradeQuestion, gradeQuiz } from './grading.js';
import { presentedChoiceId } from './shuffle.js';

const q = (input: Record<string, unknown>): Question =>
  Question.parse({ id: 'q', prompt: 'Prompt', ...input });

const single = q({
  type: 'single',
  options: [
    { id: 'a', text: 'Lisbon' },
    { id: 'b', text: 'Porto' },
  ],
  correct: 'a',
  feedback: { correct: 'Well done', incorrect: 'Lisbon is the capital' },
});
const multiple = q({
  type: 'multiple',
  points: 2,
  options: [
    { id: 'a', text: '2' },
    { id: 'b', text: '4' },
    { id: 'c', text: '7' },
  ],
  correct: ['a', 'c'],
});
const truefalse = q({ type: 'truefalse', correct: false });
const fill = q({
  type: 'fill',
  prompt: 'The ___ is on ___',
  points: 2,
  blanks: [['Pacific'], ['Earth', 'the Earth']],
});
const numeric = q({ type: 'numeric', answer: 3.5, tolerance: 0.1 });
const ordering = q({
  type: 'ordering',
  id: 'order',
  items: [
    { id: 'i1', text: 'Wet' },
    { id: 'i2', text: 'Soap' },
    { id: 'i3', text: 'Rinse' },
  ],
});
const matching = q({
  type: 'matching',
  id: 'match',
  points: 3,
  pairs: [
    { id: 'frog', left: 'Frog', right: 'Amphibian' },
    { id: 'eagle', left: 'Eagle', right: 'Bird' },
    { id: 'shark', left: 'Shark', right: 'Fish' },
  ],
});

describe('gradeQuestion', () => {
  it('gives single-choice credit for the correct option only, with matching feedback', () => {
    expect(gradeQuestion(single, 'a')).toEqual({
      questionId: 'q',
      correct: true,
      answered: true,
      score: 1,
      maxScore: 1,
      feedback: 'Well done',
    });
    expect(gradeQuestion(single, 'b')).toMatchObject({
      correct: false,
      score: 0,
      feedback: 'Lisbon is the capital',
    });
  });

  it('leaves feedback out when the question has none', () => {
    expect(gradeQuestion(truefalse, false)).not.toHaveProperty('feedback');
  });

  it('gives multiple-choice credit only for exactly the correct set, in any order', () => {
    expect(gradeQuestion(multiple, ['c', 'a'])).toMatchObject({ correct: true, score: 2 });
    expect(gradeQuestion(multiple, ['a', 'c', 'a'])).toMatchObject({ correct: true, score: 2 });
    expect(gradeQuestion(multiple, ['a'])).toMatchObject({ correct: false, score: 0, answered: true });
    expect(gradeQuestion(multiple, ['a', 'b', 'c'])).toMatchObject({ correct: false, score: 0 });
  });

  it('grades true/false strictly by boolean', () => {
    expect(gradeQuestion(truefalse, false).score).toBe(1);
    expect(gradeQuestion(truefalse, true).score).toBe(0);
    expect(gradeQuestion(truefalse, 'false')).toMatchObject({ score: 0, answered: false });
  });

  it('gives each fill-in blank an equal share of the points', () => {
    expect(gradeQuestion(fill, ['Pacific', 'the Earth'])).toMatchObject({ correct: true, score: 2 });
    expect(gradeQuestion(fill, ['Atlantic', 'Earth'])).toMatchObject({ correct: false, score: 1 });
    expect(gradeQuestion(fill, ['Pacific'])).toMatchObject({ correct: false, score: 1 });
    expect(gradeQuestion(fill, ['', ''])).toMatchObject({ score: 0, answered: false });
  });

  it('ignores case, surrounding and repeated whitespace in fill-in answers', () => {
    expect(gradeQuestion(fill, ['  pACIFIC ', 'the \t  earth']).score).toBe(2);
  });

  it('respects case when the author asks for it', () => {
    const strict = q({ type: 'fill', blanks: [['NaCl']], caseSensitive: true });
    expect(gradeQuestion(strict, ['NaCl']).correct).toBe(true);
    expect(gradeQuestion(strict, ['nacl']).correct).toBe(false);
  });

  it('matches decomposed Portuguese and Arabic input against composed answers (NFC)', () => {
    const pt = q({ type: 'fill', blanks: [['São Tomé']] });
    expect(gradeQuestion(pt, ['Sa\u0303o Tome\u0301']).correct).toBe(true);
    const ar = q({ type: 'fill', blanks: [['\u0622\u0633\u064a\u0627']] }); // آسيا, composed alef with madda
    expect(gradeQuestion(ar, ['\u0627\u0653\u0633\u064a\u0627']).correct).toBe(true);
  });

  it('accepts numeric answers up to and including the tolerance, not beyond', () => {
    expect(gradeQuestion(numeric, 3.5).correct).toBe(true);
    expect(gradeQuestion(numeric, 3.6).correct).toBe(true);
    expect(gradeQuestion(numeric, 3.4).correct).toBe(true);
    expect(gradeQuestion(numeric, 3.6001).correct).toBe(false);
    expect(gradeQuestion(numeric, 3.3999).correct).toBe(false);
    const exact = q({ type: 'numeric', answer: 0.3 });
    expect(gradeQuestion(exact, 0.1 + 0.2).correct).toBe(true);
    expect(gradeQuestion(exact, 0.31).correct).toBe(false);
    const tenth = q({ type: 'numeric', answer: 0.3, tolerance: 0.1 });
    expect(gradeQuestion(tenth, 0.4).correct).toBe(true);
  });

  it('does not read numbers out of text: the UI parses input first', () => {
    expect(gradeQuestion(numeric, '3.5')).toMatchObject({ score: 0, answered: false });
    expect(gradeQuestion(numeric, Number.NaN)).toMatchObject({ score: 0, answered: false });
  });

  it('grades ordering all-or-nothing, by authored or presented ids', () => {
    expect(gradeQuestion(ordering, ['i1', 'i2', 'i3']).correct).toBe(true);
    const presented = ['i1', 'i2', 'i3'].map((id) => presentedChoiceId('order', id));
    expect(gradeQuestion(ordering, presented).correct).toBe(true);
    expect(gradeQuestion(ordering, ['i1', 'i3', 'i2'])).toMatchObject({ correct: false, score: 0 });
    expect(gradeQuestion(ordering, ['i1', 'i2'])).toMatchObject({ correct: false, score: 0 });
  });

  it('gives matching questions a share of the points per correct pair', () => {
    const right = (id: string): string => presentedChoiceId('match', id);
    expect(
      gradeQuestion(matching, { frog: right('frog'), eagle: right('eagle'), shark: right('shark') }),
    ).toMatchObject({ correct: true, score: 3 });
    expect(
      gradeQuestion(matching, { frog: right('frog'), eagle: right('shark'), shark: right('eagle') }),
    ).toMatchObject({ correct: false, score: 1 });
    expect(gradeQuestion(matching, { frog: 'frog', eagle: 'eagle' })).toMatchObject({
      correct: false,
      score: 2,
    });
  });

  it('accepts either copy of a right-hand text two pairs share', () => {
    const shared = q({
      type: 'matching',
      id: 'm',
      pairs: [
        { id: 'cat', left: 'Cat', right: 'Mammal' },
        { id: 'dog', left: 'Dog', right: 'Mammal' },
      ],
    });
    expect(gradeQuestion(shared, { cat: 'dog', dog: 'cat' }).correct).toBe(true);
  });

  it('rounds partial credit to four decimals', () => {
    const third = q({
      type: 'matching',
      pairs: [
        { id: 'a', left: 'A', right: '1' },
        { id: 'b', left: 'B', right: '2' },
        { id: 'c', left: 'C', right: '3' },
      ],
    });
    expect(gradeQuestion(third, { a: 'a' }).score).toBe(0.3333);
  });

  it.each([
    ['single', single, ['a']],
    ['single', single, 1],
    ['multiple', multiple, 'a'],
    ['multiple', multiple, [1, 2]],
    ['fill', fill, 'Pacific'],
    ['fill', fill, [null, 'Earth']],
    ['ordering', ordering, { 0: 'i1' }],
    ['matching', matching, ['frog']],
    ['matching', matching, { frog: 1 }],
    ['matching', matching, null],
    ['truefalse', truefalse, undefined],
  ])('scores a malformed %s response %j as unanswered, without throwing', (_type, question, response) => {
    expect(gradeQuestion(question, response)).toMatchObject({ score: 0, correct: false, answered: false });
  });
});

describe('gradeQuiz', () => {
  const quiz = (passMark: number, mode: 'graded' | 'practice' = 'graded'): QuizLesson => {
    const lesson = Lesson.parse({
      id: '01900000-0000-7000-8000-000000000001',
      title: 'Quiz',
      kind: 'quiz',
      quiz: { passMark, mode },
      questions: [single, { ...multiple, id: 'multi' }, { ...truefalse, id: 'tf' }],
    });
    if (lesson.kind !== 'quiz') throw new Error('expected a quiz');
    return lesson;
  };

  it('totals the scores, scales them and applies the pass mark', () => {
    const result = gradeQuiz(quiz(0.75), { q: 'a', multi: ['a', 'c'], tf: true });
    expect(result).toMatchObject({ score: 3, maxScore: 4, scaled: 0.75, passed: true, answered: 3 });
    expect(result.questions.map((r) => r.questionId)).toEqual(['q', 'multi', 'tf']);
    expect(gradeQuiz(quiz(0.8), { q: 'a', multi: ['a', 'c'], tf: true }).passed).toBe(false);
  });

  it('scores unanswered questions 0 and counts only answered ones', () => {
    expect(gradeQuiz(quiz(0.5), { q: 'a' })).toMatchObject({
      score: 1,
      maxScore: 4,
      scaled: 0.25,
      answered: 1,
    });
  });

  it('reports passed for practice quizzes too', () => {
    expect(gradeQuiz(quiz(0.5, 'practice'), { q: 'a', multi: ['a', 'c'] }).passed).toBe(true);
  });

  it('ignores responses to unknown questions and inherited properties', () => {
    const responses = Object.create({ q: 'a' }) as Record<string, unknown>;
    responses['other'] = 'a';
    expect(gradeQuiz(quiz(0.5), responses)).toMatchObject({ score: 0, answered: 0 });
  });

  it('survives a responses value that is not an object', () => {
    expect(gradeQuiz(quiz(0.5), null as unknown as Record<string, unknown>)).toMatchObject({
      score: 0,
      answered: 0,
    });
  });
});
