import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/errors.js';
import { fieldIds } from '../field-ids.js';
import { draft, markdownLesson, uuid } from '../test-support.js';
import { newQuizLesson } from './lesson-factory.js';
import { pathSegments, problemsFromPublishError, problemsFromSaveError } from './server-problems.js';

const [m1, m2] = [uuid(1), uuid(2)];
const [intro, quiz, reading] = [uuid(11), uuid(12), uuid(13)];
const quizLesson = {
  ...newQuizLesson(quiz, 'Check'),
  questions: [{ id: 'q1', type: 'truefalse' as const, prompt: 'x', points: 1, correct: true }],
};
const content = draft([
  { id: m1, title: 'Start', lessons: [markdownLesson(intro, 'Intro')] },
  { id: m2, title: 'Practice', lessons: [quizLesson, markdownLesson(reading, 'Reading')] },
]);

const refused = (code: string, details: Record<string, unknown>, status = 400) =>
  new ApiError(status, code, 'refused', details);

describe('a refused save', () => {
  it('lands on the lesson its schema issue names, by position in what was sent', () => {
    const error = refused('validation_failed', {
      issues: [{ path: 'content.modules.1.lessons.1.title', message: 'Too small' }],
    });
    expect(problemsFromSaveError(error, content)).toEqual([
      {
        target: fieldIds.lessonField(reading, 'title'),
        message: 'author.problem.serverLesson',
        moduleId: m2,
        lessonId: reading,
        detail: 'Too small',
      },
    ]);
  });

  it('points at the question inside a quiz, and reads array paths too', () => {
    const error = refused('validation_failed', {
      issues: [
        { path: ['content', 'modules', 1, 'lessons', 0, 'questions', 0, 'prompt'], message: 'Required' },
      ],
    });
    expect(problemsFromSaveError(error, content)?.[0]).toMatchObject({
      target: fieldIds.question(quiz, 'q1'),
      lessonId: quiz,
    });
  });

  it('places module and course issues on their fields', () => {
    const error = refused('validation_failed', {
      issues: [
        { path: 'content.modules.0.title', message: 'a' },
        { path: 'content.prerequisiteCourseIds.0', message: 'b' },
      ],
    });
    expect(problemsFromSaveError(error, content)?.map((problem) => problem.target)).toEqual([
      fieldIds.moduleTitle(m1),
      fieldIds.course('prerequisites'),
    ]);
  });

  it('is left to the caller when it is not about the draft', () => {
    expect(problemsFromSaveError(refused('edit_conflict', {}, 409), content)).toBeNull();
    expect(problemsFromSaveError(new Error('offline'), content)).toBeNull();
    expect(pathSegments('content.modules.3')).toEqual(['content', 'modules', 3]);
  });
});

describe('a refused publish', () => {
  it('shows an empty quiz beside its lesson, at its add-question button', () => {
    expect(
      problemsFromPublishError(refused('quiz_empty', { lessonId: quiz, lessonTitle: 'Check' }), content),
    ).toEqual([
      {
        target: fieldIds.addQuestion(quiz),
        message: 'author.publish.quizEmpty',
        moduleId: m2,
        lessonId: quiz,
      },
    ]);
  });

  it('shows each lesson whose file is missing once, and the cover image', () => {
    const error = refused('missing_blob', {
      lessonId: intro,
      missing: [
        { lessonId: intro, sha256: 'a' },
        { lessonId: intro, sha256: 'b' },
        { lessonId: reading, sha256: 'c' },
        { lessonId: null, sha256: 'd' },
      ],
    });
    expect(
      problemsFromPublishError(error, content)?.map((problem) => [problem.lessonId ?? null, problem.message]),
    ).toEqual([
      [intro, 'author.publish.missingFile'],
      [reading, 'author.publish.missingFile'],
      [null, 'author.publish.missingCover'],
    ]);
  });

  it('places course-wide refusals on the course fields they are about', () => {
    const target = (code: string) => problemsFromPublishError(refused(code, {}), content)?.[0]?.target;
    expect(target('course_empty')).toBe(fieldIds.addModule);
    expect(target('curriculum_item_not_found')).toBe(fieldIds.course('tags'));
    expect(target('prerequisite_not_found')).toBe(fieldIds.course('prerequisites'));
    expect(target('category_not_found')).toBe(fieldIds.course('category'));
  });

  it('is left to the caller for other failures', () => {
    expect(problemsFromPublishError(new ApiError(0, 'network_error', 'offline'), content)).toBeNull();
    expect(problemsFromPublishError(refused('publish_conflict', {}, 409), content)).toBeNull();
  });
});
