import type { Question, QuizSettings } from '@satchel/core';
import { fieldIds } from '../field-ids.js';
import type { Problem } from '../problems.js';

// The rules of core's Question and QuizSettings schemas, checked in plain code so the author sees every
// problem in their language before anything is sent (and the editor does not need zod).

const MAX_POINTS = 1000;

function problem(
  lessonId: string,
  question: Question,
  number: number,
  field: string,
  message: Problem['message'],
): Problem {
  return {
    target: fieldIds.questionField(lessonId, question.id, field),
    message,
    params: { number },
    lessonId,
  };
}

/** Problems of one question; `number` is its 1-based position, used in the messages. */
export function questionProblems(lessonId: string, question: Question, number: number): Problem[] {
  const found: Problem[] = [];
  const add = (field: string, message: Problem['message']) =>
    found.push(problem(lessonId, question, number, field, message));
  if (question.prompt.trim() === '') add('prompt', 'author.problem.questionPrompt');
  if (!Number.isFinite(question.points) || question.points <= 0 || question.points > MAX_POINTS) {
    add('points', 'author.problem.points');
  }
  switch (question.type) {
    case 'single':
    case 'multiple':
    case 'ordering': {
      const choices = question.type === 'ordering' ? question.items : question.options;
      if (choices.length < 2) add('choices', 'author.problem.choicesTooFew');
      else if (choices.some((choice) => choice.text.trim() === ''))
        add('choices', 'author.problem.choiceEmpty');
      if (question.type === 'single' && !question.options.some((option) => option.id === question.correct)) {
        add('correct', 'author.problem.correctMissing');
      }
      if (
        question.type === 'multiple' &&
        !question.correct.some((id) => question.options.some((o) => o.id === id))
      ) {
        add('correct', 'author.problem.correctMissing');
      }
      break;
    }
    case 'matching':
      if (question.pairs.length < 2) add('choices', 'author.problem.pairsTooFew');
      else if (question.pairs.some((pair) => pair.left.trim() === '' || pair.right.trim() === '')) {
        add('choices', 'author.problem.pairEmpty');
      }
      break;
    case 'fill':
      question.blanks.forEach((answers, index) => {
        if (!answers.some((answer) => answer.trim() !== ''))
          add(`blank-${index}`, 'author.problem.blankAnswers');
      });
      break;
    case 'numeric':
      if (!Number.isFinite(question.answer)) add('answer', 'author.problem.numericAnswer');
      if (!Number.isFinite(question.tolerance) || question.tolerance < 0)
        add('tolerance', 'author.problem.tolerance');
      break;
    case 'truefalse':
      break;
  }
  return found;
}

export function quizSettingsProblems(lessonId: string, settings: QuizSettings): Problem[] {
  const found: Problem[] = [];
  if (!Number.isFinite(settings.passMark) || settings.passMark < 0 || settings.passMark > 1) {
    found.push({
      target: fieldIds.lessonField(lessonId, 'passMark'),
      message: 'author.problem.passMark',
      lessonId,
    });
  }
  const limit = settings.attemptLimit;
  if (limit !== null && (!Number.isInteger(limit) || limit < 1)) {
    found.push({
      target: fieldIds.lessonField(lessonId, 'attemptLimit'),
      message: 'author.problem.attemptLimit',
      lessonId,
    });
  }
  return found;
}

export function quizProblems(
  lessonId: string,
  settings: QuizSettings,
  questions: readonly Question[],
): Problem[] {
  return [
    ...quizSettingsProblems(lessonId, settings),
    ...questions.flatMap((question, index) => questionProblems(lessonId, question, index + 1)),
  ];
}
