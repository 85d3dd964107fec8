import type { DraftCourseContent } from '@satchel/core';
import { ApiError } from '../../../api/errors.js';
import { fieldIds, type CourseField } from '../field-ids.js';
import type { Problem } from '../problems.js';

// The server's refusals of a save or a publish, turned into problems placed where the author can fix
// them: beside the lesson, module or course field they name.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An issue path as segments: the draft route joins it with dots, zod routes send an array. */
export function pathSegments(path: unknown): Array<string | number> {
  const raw: unknown[] = typeof path === 'string' ? path.split('.') : Array.isArray(path) ? path : [];
  return raw
    .filter((part): part is string | number => typeof part === 'string' || typeof part === 'number')
    .map((part) => (typeof part === 'string' && /^\d+$/.test(part) ? Number(part) : part));
}

const COURSE_FIELDS: Readonly<Record<string, CourseField>> = {
  title: 'title',
  description: 'description',
  language: 'language',
  categoryId: 'category',
  tags: 'tags',
  prerequisiteCourseIds: 'prerequisites',
  coverImage: 'cover',
};

/** Where one schema issue of a sent draft points, with the server's message as detail. */
export function problemFromIssuePath(
  sent: DraftCourseContent,
  segments: ReadonlyArray<string | number>,
  detail: string,
): Problem {
  const path = segments[0] === 'content' ? segments.slice(1) : segments;
  const [head, moduleIndex, third, lessonIndex, ...rest] = path;
  if (head === 'modules' && typeof moduleIndex === 'number') {
    const module = sent.modules[moduleIndex];
    if (module && third === 'lessons' && typeof lessonIndex === 'number') {
      const lesson = module.lessons[lessonIndex];
      if (lesson) {
        const [field, questionIndex] = rest;
        const question =
          field === 'questions' && typeof questionIndex === 'number' && lesson.kind === 'quiz'
            ? lesson.questions[questionIndex]
            : undefined;
        const target = question
          ? fieldIds.question(lesson.id, question.id)
          : field === 'title' || field === 'url' || field === 'description'
            ? fieldIds.lessonField(lesson.id, field)
            : fieldIds.lesson(lesson.id);
        return {
          target,
          message: 'author.problem.serverLesson',
          moduleId: module.id,
          lessonId: lesson.id,
          detail,
        };
      }
    }
    if (module) {
      const target = third === 'title' ? fieldIds.moduleTitle(module.id) : fieldIds.module(module.id);
      return { target, message: 'author.problem.serverModule', moduleId: module.id, detail };
    }
  }
  const courseField = typeof head === 'string' ? COURSE_FIELDS[head] : undefined;
  return {
    target: courseField ? fieldIds.course(courseField) : fieldIds.course('title'),
    message: 'author.problem.serverCourse',
    detail,
  };
}

/** Problems of a refused save (`validation_failed` on the draft, or a duplicate id); null for other errors. */
export function problemsFromSaveError(error: unknown, sent: DraftCourseContent): Problem[] | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'validation_failed') {
    const issues = error.details['issues'];
    if (!Array.isArray(issues) || issues.length === 0) return null;
    return issues
      .filter(isRecord)
      .map((issue) =>
        problemFromIssuePath(
          sent,
          pathSegments(issue['path']),
          typeof issue['message'] === 'string' ? issue['message'] : '',
        ),
      );
  }
  if (error.code === 'duplicate_id') {
    const lessonId = error.details['lessonId'];
    if (typeof lessonId === 'string' && lessonOf(sent, lessonId)) {
      return [
        {
          target: fieldIds.lesson(lessonId),
          message: 'author.problem.serverLesson',
          lessonId,
          detail: error.message,
        },
      ];
    }
    return [{ target: fieldIds.modules, message: 'author.problem.serverCourse', detail: error.message }];
  }
  return null;
}

function lessonOf(content: DraftCourseContent, lessonId: string) {
  for (const module of content.modules) {
    const lesson = module.lessons.find((item) => item.id === lessonId);
    if (lesson) return { module, lesson };
  }
  return null;
}

function lessonProblem(
  content: DraftCourseContent,
  lessonId: unknown,
  message: Problem['message'],
  target?: string,
): Problem | null {
  if (typeof lessonId !== 'string') return null;
  const found = lessonOf(content, lessonId);
  if (!found) return null;
  return { target: target ?? fieldIds.lesson(lessonId), message, moduleId: found.module.id, lessonId };
}

/**
 * Problems of a refused publish, each beside what it names: an empty quiz or a missing file beside its
 * lesson, unknown tags or prerequisites beside those course fields. Null when the error is not one of
 * the publishing rules (offline, a conflict...), which the editor reports on its own.
 */
export function problemsFromPublishError(error: unknown, content: DraftCourseContent): Problem[] | null {
  if (!(error instanceof ApiError)) return null;
  const details = error.details;
  switch (error.code) {
    case 'course_empty':
      return [{ target: fieldIds.addModule, message: 'author.publish.empty' }];
    case 'quiz_empty': {
      const lessonId = details['lessonId'];
      const found =
        typeof lessonId === 'string'
          ? lessonProblem(content, lessonId, 'author.publish.quizEmpty', fieldIds.addQuestion(lessonId))
          : null;
      return [found ?? { target: fieldIds.modules, message: 'author.publish.quizEmpty' }];
    }
    case 'missing_blob': {
      const missing = Array.isArray(details['missing']) ? details['missing'].filter(isRecord) : [];
      const entries = missing.length > 0 ? missing : [details];
      const problems: Problem[] = [];
      const seen = new Set<string>();
      for (const entry of entries) {
        const lessonId = entry['lessonId'];
        const key = typeof lessonId === 'string' ? lessonId : 'cover';
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push(
          lessonProblem(content, lessonId, 'author.publish.missingFile') ?? {
            target: fieldIds.course('cover'),
            message: 'author.publish.missingCover',
          },
        );
      }
      return problems;
    }
    case 'prerequisite_invalid':
    case 'prerequisite_not_found':
      return [{ target: fieldIds.course('prerequisites'), message: 'author.publish.prerequisites' }];
    case 'curriculum_item_not_found':
      return [{ target: fieldIds.course('tags'), message: 'author.publish.curriculum' }];
    case 'category_not_found':
      return [{ target: fieldIds.course('category'), message: 'author.publish.category' }];
    case 'validation_failed':
      return problemsFromSaveError(error, content);
    default:
      return null;
  }
}
