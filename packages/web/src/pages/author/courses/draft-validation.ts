import type { DraftCourseContent, DraftLesson } from '@satchel/core';
import { fieldIds } from '../field-ids.js';
import type { Problem } from '../problems.js';
import { cleanQuestion } from '../quiz/question-ops.js';
import { quizProblems } from '../quiz/quiz-validation.js';

// What the editor checks before it sends a draft: the draft schema's rules that an author can break by
// typing (empty titles, a bad web address, a question without its answer), in plain code.

const MAX_TITLE = 300;
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

export function isHttpUrl(value: string): boolean {
  if (!HTTP_URL.test(value.trim())) return false;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function titleProblem(title: string): boolean {
  const trimmed = title.trim();
  return trimmed === '' || trimmed.length > MAX_TITLE;
}

export function lessonProblems(lesson: DraftLesson, moduleId: string): Problem[] {
  const found: Problem[] = [];
  const at = (field: string, message: Problem['message']): Problem => ({
    target: fieldIds.lessonField(lesson.id, field),
    message,
    moduleId,
    lessonId: lesson.id,
  });
  if (titleProblem(lesson.title)) found.push(at('title', 'author.problem.lessonTitle'));
  const minutes = lesson.durationMinutes;
  if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_000)) {
    found.push(at('duration', 'author.problem.duration'));
  }
  if (lesson.kind === 'link' && !isHttpUrl(lesson.url)) found.push(at('url', 'author.problem.linkUrl'));
  if (lesson.kind === 'quiz') {
    found.push(
      ...quizProblems(lesson.id, lesson.quiz, lesson.questions).map((problem) => ({ ...problem, moduleId })),
    );
  }
  return found;
}

/** Every problem of the draft, in the order of the page (course fields, then modules and their lessons). */
export function draftProblems(content: DraftCourseContent): Problem[] {
  const found: Problem[] = [];
  if (titleProblem(content.title))
    found.push({ target: fieldIds.course('title'), message: 'author.problem.courseTitle' });
  content.modules.forEach((module, index) => {
    if (titleProblem(module.title)) {
      found.push({
        target: fieldIds.moduleTitle(module.id),
        message: 'author.problem.moduleTitle',
        params: { number: index + 1 },
        moduleId: module.id,
      });
    }
    for (const lesson of module.lessons) found.push(...lessonProblems(lesson, module.id));
  });
  return found;
}

/** The draft as it is sent: texts trimmed, empty optional texts left out, questions cleaned. */
export function draftForSave(content: DraftCourseContent): DraftCourseContent {
  return {
    ...content,
    title: content.title.trim(),
    audiences: content.audiences.filter((audience) => audience.trim() !== ''),
    modules: content.modules.map((module) => ({
      ...module,
      title: module.title.trim(),
      lessons: module.lessons.map(lessonForSave),
    })),
  };
}

function lessonForSave(lesson: DraftLesson): DraftLesson {
  const { description, ...rest } = lesson;
  const base = { ...rest, title: lesson.title.trim() } as DraftLesson;
  const withDescription =
    description !== undefined && description.trim() !== '' ? { ...base, description } : base;
  switch (withDescription.kind) {
    case 'quiz':
      return { ...withDescription, questions: withDescription.questions.map(cleanQuestion) };
    case 'link':
      return { ...withDescription, url: withDescription.url.trim() };
    case 'video':
    case 'audio':
    case 'pdf':
    case 'epub':
    case 'markdown':
    case 'html5':
    case 'scorm':
    case 'h5p':
    case 'cmi5':
      return withDescription;
  }
}
