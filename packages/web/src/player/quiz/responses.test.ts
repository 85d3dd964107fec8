import type { PresentedQuestion } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { collectResponses, emptyDraft, moveItem, splitBlanks, type Draft } from './responses.js';

const base = { prompt: 'Q', points: 1 };
const questions: PresentedQuestion[] = [
  {
    ...base,
    id: 'single',
    type: 'single',
    options: [
      { id: 'a', text: 'A' },
      { id: 'b', text: 'B' },
    ],
  },
  {
    ...base,
    id: 'multiple',
    type: 'multiple',
    options: [
      { id: 'a', text: 'A' },
      { id: 'b', text: 'B' },
    ],
  },
  { ...base, id: 'tf', type: 'truefalse' },
  { ...base, id: 'fill', type: 'fill', blankCount: 2 },
  { ...base, id: 'num', type: 'numeric' },
  {
    ...base,
    id: 'order',
    type: 'ordering',
    items: [
      { id: 'x', text: 'X' },
      { id: 'y', text: 'Y' },
      { id: 'z', text: 'Z' },
    ],
  },
  {
    ...base,
    id: 'match',
    type: 'matching',
    left: [
      { id: 'l1', text: 'Cat' },
      { id: 'l2', text: 'Dog' },
    ],
    right: [
      { id: 'r1', text: 'Meow' },
      { id: 'r2', text: 'Woof' },
    ],
  },
];
const quiz = { questions };
const blank = Object.fromEntries(questions.map((q) => [q.id, emptyDraft(q)]));

describe('collecting quiz answers', () => {
  it('sends nothing for untouched questions and lists every one as unanswered', () => {
    const collected = collectResponses(quiz, blank, 'en');
    expect(collected.unanswered).toEqual(questions.map((q) => q.id));
    // An untouched ordering is still the learner's order, so it goes with the attempt.
    expect(collected.responses).toEqual({ order: ['x', 'y', 'z'] });
    expect(collected.invalid).toEqual([]);
  });

  it('turns each kind of answer into the response shape the grader takes', () => {
    const drafts: Record<string, Draft> = {
      single: { type: 'single', choice: 'b' },
      multiple: { type: 'multiple', choices: ['b', 'a'] },
      tf: { type: 'truefalse', value: false },
      fill: { type: 'fill', blanks: [' soap ', 'water'] },
      num: { type: 'numeric', text: '3,5' },
      order: { type: 'ordering', order: ['z', 'x', 'y'], moved: true },
      match: { type: 'matching', pairs: { l1: 'r1', l2: 'r2' } },
    };
    const collected = collectResponses(quiz, drafts, 'fr');
    expect(collected.responses).toEqual({
      single: 'b',
      multiple: ['b', 'a'],
      tf: false,
      fill: ['soap', 'water'],
      num: 3.5,
      order: ['z', 'x', 'y'],
      match: { l1: 'r1', l2: 'r2' },
    });
    expect(collected.unanswered).toEqual([]);
  });

  it('reads numbers the way the learner’s language writes them', () => {
    const one = (text: string, locale: string) =>
      collectResponses({ questions: [questions[4]!] }, { num: { type: 'numeric', text } }, locale).responses[
        'num'
      ];
    expect(one('1,000', 'en')).toBe(1000);
    expect(one('1,5', 'pt')).toBe(1.5);
    expect(one('٣٫٥', 'ar')).toBe(3.5);
  });

  it('flags text that is not a number instead of sending it', () => {
    const collected = collectResponses(quiz, { ...blank, num: { type: 'numeric', text: 'three' } }, 'en');
    expect(collected.invalid).toEqual(['num']);
    expect(collected.responses['num']).toBeUndefined();
    expect(collected.unanswered).not.toContain('num');
  });

  it('warns about half-answered questions but still sends what was given', () => {
    const collected = collectResponses(
      quiz,
      {
        ...blank,
        fill: { type: 'fill', blanks: ['soap', ''] },
        match: { type: 'matching', pairs: { l1: 'r2', l2: '' } },
      },
      'en',
    );
    expect(collected.responses['fill']).toEqual(['soap', '']);
    expect(collected.responses['match']).toEqual({ l1: 'r2' });
    expect(collected.unanswered).toContain('fill');
    expect(collected.unanswered).toContain('match');
  });
});

describe('ordering with buttons', () => {
  it('moves one item up or down, and not past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
  });
});

describe('fill-in prompts', () => {
  it('cuts the prompt where the blanks are, when their number matches', () => {
    expect(splitBlanks('Wash with ___ and _____.', 2)).toEqual(['Wash with ', ' and ', '.']);
    expect(splitBlanks('Name two things.', 2)).toBeNull();
    expect(splitBlanks('A ___ B', 2)).toBeNull();
  });
});
