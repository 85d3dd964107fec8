import { Question } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import {
  QUESTION_TYPES,
  addChoice,
  changeQuestionType,
  cleanQuestion,
  countBlanks,
  moveOrderingItem,
  moveQuestion,
  newQuestion,
  nextQuestionId,
  removeChoice,
  setBlankAnswers,
  setChoiceText,
  setCorrectChoice,
  setFeedback,
  setPairSide,
  setPrompt,
} from './question-ops.js';

/** A new question with everything filled in, as an author would leave it. */
function filled(type: (typeof QUESTION_TYPES)[number]): Question {
  let question = setPrompt(
    newQuestion(type, 'q1'),
    type === 'fill' ? 'Water boils at ___ degrees.' : 'Which?',
  );
  if (question.type === 'single' || question.type === 'multiple' || question.type === 'ordering') {
    const ids =
      question.type === 'ordering'
        ? question.items.map((item) => item.id)
        : question.options.map((option) => option.id);
    for (const id of ids) question = setChoiceText(question, id, `choice ${id}`);
    if (question.type === 'single' || question.type === 'multiple')
      question = setCorrectChoice(question, 'o2', true);
  }
  if (question.type === 'matching') {
    for (const pair of question.pairs)
      question = setPairSide(
        setPairSide(question, pair.id, 'left', `L${pair.id}`),
        pair.id,
        'right',
        `R${pair.id}`,
      );
  }
  if (question.type === 'fill') question = setBlankAnswers(question, 0, '100\none hundred\n');
  return cleanQuestion(question);
}

describe('quiz questions', () => {
  it('of every type are valid for the server once the author filled them in', () => {
    for (const type of QUESTION_TYPES) {
      const result = Question.safeParse(filled(type));
      expect(result.success, `${type}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });

  it('get the first free id', () => {
    expect(nextQuestionId([])).toBe('q1');
    expect(nextQuestionId([newQuestion('single', 'q1'), newQuestion('single', 'q3')])).toBe('q2');
  });

  it('keep prompt, points, feedback and written choices when their type changes', () => {
    let single = setFeedback({ ...filled('single'), points: 3 }, 'correct', 'Well done');
    single = setCorrectChoice(single, 'o2', true);
    const multiple = changeQuestionType(single, 'multiple');
    expect(multiple).toMatchObject({
      type: 'multiple',
      prompt: 'Which?',
      points: 3,
      feedback: { correct: 'Well done' },
      correct: ['o2'],
    });
    const ordering = changeQuestionType(multiple, 'ordering');
    expect(ordering.type === 'ordering' && ordering.items.map((item) => item.text)).toEqual([
      'choice o1',
      'choice o2',
    ]);
    const back = changeQuestionType(multiple, 'single');
    expect(back).toMatchObject({ type: 'single', correct: 'o2' });
    expect(changeQuestionType(changeQuestionType(single, 'ordering'), 'single')).toMatchObject({
      correct: '',
    });
    expect(changeQuestionType(single, 'truefalse')).toMatchObject({
      type: 'truefalse',
      prompt: 'Which?',
      correct: true,
    });
  });

  it('have one correct choice for single choice, several for multiple, in option order', () => {
    const single = setCorrectChoice(newQuestion('single', 'q1'), 'o2', true);
    expect(single).toMatchObject({ correct: 'o2' });
    let multiple = newQuestion('multiple', 'q1');
    multiple = setCorrectChoice(multiple, 'o3', true);
    multiple = setCorrectChoice(multiple, 'o1', true);
    expect(multiple).toMatchObject({ correct: ['o1', 'o3'] });
    expect(setCorrectChoice(multiple, 'o1', false)).toMatchObject({ correct: ['o3'] });
  });

  it('forget a removed choice as an answer', () => {
    const single = setCorrectChoice(addChoice(newQuestion('single', 'q1')), 'o3', true);
    expect(removeChoice(single, 'o3')).toMatchObject({ correct: '' });
    expect(removeChoice(single, 'o1')).toMatchObject({ correct: 'o3' });
    const multiple = setCorrectChoice(newQuestion('multiple', 'q1'), 'o2', true);
    const without = removeChoice(multiple, 'o2');
    expect(without).toMatchObject({ correct: [] });
    expect(without.type === 'multiple' && without.options.map((option) => option.id)).toEqual(['o1', 'o3']);
  });

  it('never reuse a choice id after a removal', () => {
    const question = addChoice(removeChoice(newQuestion('ordering', 'q1'), 'o2'));
    expect(question.type === 'ordering' && question.items.map((item) => item.id)).toEqual(['o1', 'o3', 'o2']);
    const pairs = addChoice(newQuestion('matching', 'q1'));
    expect(pairs.type === 'matching' && pairs.pairs.map((pair) => pair.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('give a fill-in question one list of answers per blank in its prompt', () => {
    expect(countBlanks('A ___ and a _____ but not __.')).toBe(2);
    let fill = setBlankAnswers(newQuestion('fill', 'q1'), 0, 'Pacific');
    fill = setPrompt(fill, 'The ___ is on ___.');
    expect(fill).toMatchObject({ blanks: [['Pacific'], ['']] });
    fill = setPrompt(fill, 'No blanks marked');
    expect(fill).toMatchObject({ blanks: [['Pacific']] });
  });

  it('keep empty lines while the author types accepted answers, and drop them when saved', () => {
    const typing = setBlankAnswers(newQuestion('fill', 'q1'), 0, 'Earth\n\n the Earth ');
    expect(typing).toMatchObject({ blanks: [['Earth', '', ' the Earth ']] });
    expect(cleanQuestion(typing)).toMatchObject({ blanks: [['Earth', 'the Earth']] });
  });

  it('drop feedback that was emptied', () => {
    const withFeedback = setFeedback(newQuestion('truefalse', 'q1'), 'incorrect', 'Look again');
    expect(withFeedback.feedback).toEqual({ incorrect: 'Look again' });
    expect(setFeedback(withFeedback, 'incorrect', '')).not.toHaveProperty('feedback');
  });

  it('reorder items and questions one place at a time', () => {
    const ordering = moveOrderingItem(newQuestion('ordering', 'q1'), 'o3', 'up');
    expect(ordering.type === 'ordering' && ordering.items.map((item) => item.id)).toEqual(['o1', 'o3', 'o2']);
    expect(moveOrderingItem(ordering, 'o1', 'up')).toBe(ordering);
    const questions = ['q1', 'q2', 'q3'].map((id) => newQuestion('truefalse', id));
    expect(moveQuestion(questions, 'q1', 'down').map((question) => question.id)).toEqual(['q2', 'q1', 'q3']);
    expect(moveQuestion(questions, 'q3', 'down').map((question) => question.id)).toEqual(['q1', 'q2', 'q3']);
  });
});
