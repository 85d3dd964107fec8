import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Question } from '../course/course.schema.js';
import type { QuizLesson } from './grading.js';
import { gradeQuestion, gradeQuiz } from './grading.js';

const id = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
// A blank answer of only spaces can never be matched, by design; keys here are real answers.
const text = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '');
const points = fc.integer({ min: 1, max: 1000 }).map((n) => n / 4);

const optionList = fc
  .uniqueArray(id, { minLength: 2, maxLength: 6 })
  .map((ids) => ids.map((o) => ({ id: o, text: o })));

const arbQuestion = (qid: string): fc.Arbitrary<Question> =>
  fc.oneof(
    fc
      .record({ options: optionList, points })
      .chain(({ options, points }) =>
        fc
          .constantFrom(...options)
          .map((o): Question => ({ id: qid, prompt: 'p', points, type: 'single', options, correct: o.id })),
      ),
    fc.record({ options: optionList, points }).chain(({ options, points }) =>
      fc
        .subarray(
          options.map((o) => o.id),
          { minLength: 1 },
        )
        .map((correct): Question => ({ id: qid, prompt: 'p', points, type: 'multiple', options, correct })),
    ),
    fc
      .record({ correct: fc.boolean(), points })
      .map((r): Question => ({ id: qid, prompt: 'p', type: 'truefalse', ...r })),
    fc
      .record({
        blanks: fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        caseSensitive: fc.boolean(),
        points,
      })
      .map((r): Question => ({ id: qid, prompt: 'p', type: 'fill', ...r })),
    fc
      .record({
        answer: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
        tolerance: fc.double({ noNaN: true, min: 0, max: 10 }),
        points,
      })
      .map((r): Question => ({ id: qid, prompt: 'p', type: 'numeric', ...r })),
    fc
      .record({ items: optionList, points })
      .map((r): Question => ({ id: qid, prompt: 'p', type: 'ordering', ...r })),
    fc
      .record({ ids: fc.uniqueArray(id, { minLength: 2, maxLength: 6 }), points })
      .map(({ ids, points }): Question => ({
        id: qid,
        prompt: 'p',
        type: 'matching',
        points,
        pairs: ids.map((p, i) => ({ id: p, left: `L${i}`, right: `R${i % 3}` })),
      })),
  );

/** Anything a broken or hostile client might send. */
const arbResponse: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.string(),
  fc.array(fc.oneof(id, fc.string(), fc.integer())),
  fc.dictionary(id, fc.oneof(id, fc.integer())),
  fc.anything(),
);

const arbQuiz = fc
  .uniqueArray(id, { minLength: 1, maxLength: 8 })
  .chain((ids) => fc.tuple(...ids.map((qid) => arbQuestion(qid))))
  .map((questions): QuizLesson => ({
    id: '01900000-0000-7000-8000-000000000003',
    title: 'Quiz',
    kind: 'quiz',
    required: true,
    outcomeIds: [],
    quiz: {
      mode: 'graded',
      passMark: 0.6,
      attemptLimit: null,
      shuffleQuestions: false,
      shuffleOptions: false,
      showFeedback: true,
    },
    questions,
  }));

describe('grading properties', () => {
  it('never throws and never scores outside 0..max, whatever the response', () => {
    fc.assert(
      fc.property(arbQuestion('q'), arbResponse, (question, response) => {
        const result = gradeQuestion(question, response);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(result.maxScore);
        expect(result.correct).toBe(result.score === result.maxScore);
      }),
    );
  });

  it('gives full marks to the answer key itself', () => {
    fc.assert(
      fc.property(arbQuestion('q'), (question) => {
        expect(gradeQuestion(question, answerKey(question)).correct).toBe(true);
      }),
    );
  });

  it('keeps quiz totals within 0..max and scaled within 0..1', () => {
    fc.assert(
      fc.property(arbQuiz, fc.dictionary(id, arbResponse), (quiz, responses) => {
        const result = gradeQuiz(quiz, responses);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(result.maxScore);
        expect(result.scaled).toBeGreaterThanOrEqual(0);
        expect(result.scaled).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('does not depend on the order of keys in the responses', () => {
    fc.assert(
      fc.property(
        arbQuiz.chain((quiz) =>
          fc.tuple(
            fc.constant(quiz),
            fc.tuple(...quiz.questions.map((q) => fc.oneof(fc.constant(answerKey(q)), arbResponse))),
          ),
        ),
        ([quiz, answers]) => {
          const entries = quiz.questions.map((q, i) => [q.id, answers[i]] as const);
          const forward = gradeQuiz(quiz, Object.fromEntries(entries));
          const backward = gradeQuiz(quiz, Object.fromEntries([...entries].reverse()));
          expect(backward).toEqual(forward);
        },
      ),
    );
  });
});

function answerKey(question: Question): unknown {
  switch (question.type) {
    case 'single':
    case 'multiple':
    case 'truefalse':
      return question.correct;
    case 'fill':
      return question.blanks.map((accepted) => accepted[0]);
    case 'numeric':
      return question.answer;
    case 'ordering':
      return question.items.map((item) => item.id);
    case 'matching':
      return Object.fromEntries(question.pairs.map((p) => [p.id, p.id]));
  }
}
