import { DraftCourseContent } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { fieldIds } from '../field-ids.js';
import { newQuestion, setBlankAnswers, setPrompt } from '../quiz/question-ops.js';
import { draft, markdownLesson, uuid } from '../test-support.js';
import { draftForSave, draftProblems, isHttpUrl } from './draft-validation.js';
import { newLinkLesson, newQuizLesson } from './lesson-factory.js';

const [m1, a, b, c] = [uuid(1), uuid(11), uuid(12), uuid(13)];

describe('draft checks before a save', () => {
  it('find nothing wrong in a complete draft', () => {
    expect(draftProblems(draft([{ id: m1, lessons: [markdownLesson(a)] }]))).toEqual([]);
  });

  it('list empty titles, a bad link and quiz problems in page order, each with its place', () => {
    const quiz = { ...newQuizLesson(c, 'Quiz'), questions: [newQuestion('truefalse', 'q1')] };
    const content = {
      ...draft([
        { id: m1, title: ' ', lessons: [markdownLesson(a, ''), newLinkLesson(b, 'Site', 'ftp://x'), quiz] },
      ]),
      title: '',
    };
    expect(draftProblems(content).map((problem) => [problem.target, problem.lessonId ?? null])).toEqual([
      [fieldIds.course('title'), null],
      [fieldIds.moduleTitle(m1), null],
      [fieldIds.lessonField(a, 'title'), a],
      [fieldIds.lessonField(b, 'url'), b],
      [fieldIds.questionField(c, 'q1', 'prompt'), c],
    ]);
  });

  it('accept only http and https addresses', () => {
    expect(isHttpUrl('https://example.org/a?b=c')).toBe(true);
    expect(isHttpUrl(' http://example.org ')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'ftp://x.org', 'example.org', 'https://', ''])
      expect(isHttpUrl(bad), bad).toBe(false);
  });
});

describe('the draft as sent', () => {
  it('is trimmed, drops an empty description and empty accepted answers, and is valid for the server', () => {
    const fill = setBlankAnswers(setPrompt(newQuestion('fill', 'q1'), ' The ___ '), 0, 'sea\n\n');
    const lesson = { ...markdownLesson(a, '  Reading  '), description: '  ' };
    const content = draft([
      { id: m1, title: ' Start ', lessons: [lesson, { ...newQuizLesson(c, 'Quiz'), questions: [fill] }] },
    ]);
    const sent = draftForSave({ ...content, title: ' Water ' });
    expect(sent.title).toBe('Water');
    expect(sent.modules[0]?.title).toBe('Start');
    expect(sent.modules[0]?.lessons[0]).toMatchObject({ title: 'Reading' });
    expect(sent.modules[0]?.lessons[0]).not.toHaveProperty('description');
    expect(sent.modules[0]?.lessons[1]).toMatchObject({
      questions: [{ prompt: 'The ___', blanks: [['sea']] }],
    });
    expect(DraftCourseContent.safeParse(sent).success).toBe(true);
  });
});
