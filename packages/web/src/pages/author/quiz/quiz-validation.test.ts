import { Question, QuizSettings } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { fieldIds } from '../field-ids.js';
import { uuid } from '../test-support.js';
import { DEFAULT_QUIZ_SETTINGS } from '../courses/lesson-factory.js';
import {
  cleanQuestion,
  newQuestion,
  setBlankAnswers,
  setChoiceText,
  setCorrectChoice,
  setPairSide,
  setPrompt,
} from './question-ops.js';
import { questionProblems, quizProblems, quizSettingsProblems } from './quiz-validation.js';

const lessonId = uuid(1);
const numericQuestion = (fields: { answer?: number; tolerance?: number; points?: number }): Question => ({
  id: 'q1',
  type: 'numeric',
  prompt: 'How many?',
  points: fields.points ?? 1,
  answer: fields.answer ?? 0,
  tolerance: fields.tolerance ?? 0,
});
const messages = (question: Question) =>
  questionProblems(lessonId, question, 2).map((problem) => problem.message);

describe('question checks', () => {
  it('ask for the prompt, the choices and the correct answer of a new choice question', () => {
    expect(messages(newQuestion('multiple', 'q1'))).toEqual([
      'author.problem.questionPrompt',
      'author.problem.choiceEmpty',
      'author.problem.correctMissing',
    ]);
  });

  it('point at the field to fix and name the question by its number', () => {
    const [problem] = questionProblems(lessonId, newQuestion('truefalse', 'q7'), 4);
    expect(problem).toEqual({
      target: fieldIds.questionField(lessonId, 'q7', 'prompt'),
      message: 'author.problem.questionPrompt',
      params: { number: 4 },
      lessonId,
    });
  });

  it('ask for an accepted answer in every blank', () => {
    const fill = setBlankAnswers(setPrompt(newQuestion('fill', 'q1'), '___ and ___'), 0, 'rain');
    expect(questionProblems(lessonId, fill, 1).map((problem) => problem.target)).toEqual([
      fieldIds.questionField(lessonId, 'q1', 'blank-1'),
    ]);
  });

  it('refuse what is not a number in numeric questions and points', () => {
    const numeric = numericQuestion({ answer: Number.NaN, tolerance: -1, points: 0 });
    expect(messages(numeric)).toEqual([
      'author.problem.points',
      'author.problem.numericAnswer',
      'author.problem.tolerance',
    ]);
  });

  it('ask for both sides of every matching pair', () => {
    const matching = setPairSide(setPrompt(newQuestion('matching', 'q1'), 'Match'), 'p1', 'left', 'Frog');
    expect(messages(matching)).toEqual(['author.problem.pairEmpty']);
  });

  it('refuse a single-choice question with no correct answer, which the schema would store unanswerable', () => {
    const unmarked = setChoiceText(
      setChoiceText(setPrompt(newQuestion('single', 'q1'), 'Pick'), 'o1', 'A'),
      'o2',
      'B',
    );
    expect(Question.safeParse(cleanQuestion(unmarked)).success).toBe(true);
    expect(messages(unmarked)).toEqual(['author.problem.correctMissing']);
  });

  it('otherwise pass exactly the questions the server schema accepts', () => {
    const cases: Question[] = [
      newQuestion('single', 'q1'),
      setCorrectChoice(
        setChoiceText(setChoiceText(setPrompt(newQuestion('single', 'q1'), 'Pick'), 'o1', 'A'), 'o2', 'B'),
        'o2',
        true,
      ),
      setPrompt(newQuestion('truefalse', 'q1'), 'True?'),
      setBlankAnswers(setPrompt(newQuestion('fill', 'q1'), 'A ___'), 0, '\n \n'),
      setBlankAnswers(setPrompt(newQuestion('fill', 'q1'), 'A ___'), 0, 'x'),
      numericQuestion({ answer: 2.5, tolerance: 0.1 }),
      numericQuestion({ points: 1001 }),
      setChoiceText(
        setChoiceText(setChoiceText(setPrompt(newQuestion('ordering', 'q1'), 'Order'), 'o1', 'a'), 'o2', 'b'),
        'o3',
        'c',
      ),
    ];
    for (const question of cases) {
      const clean = cleanQuestion(question);
      expect(questionProblems(lessonId, question, 1).length === 0, JSON.stringify(question)).toBe(
        Question.safeParse(clean).success,
      );
    }
  });
});

describe('quiz settings checks', () => {
  it('want a pass mark between 0 and 100 % and at least one attempt', () => {
    expect(quizSettingsProblems(lessonId, DEFAULT_QUIZ_SETTINGS)).toEqual([]);
    expect(QuizSettings.safeParse(DEFAULT_QUIZ_SETTINGS).success).toBe(true);
    const bad = { ...DEFAULT_QUIZ_SETTINGS, passMark: 1.2, attemptLimit: 0 };
    expect(quizSettingsProblems(lessonId, bad).map((problem) => problem.target)).toEqual([
      fieldIds.lessonField(lessonId, 'passMark'),
      fieldIds.lessonField(lessonId, 'attemptLimit'),
    ]);
    expect(quizProblems(lessonId, { ...DEFAULT_QUIZ_SETTINGS, attemptLimit: 2.5 }, [])).toHaveLength(1);
  });
});
