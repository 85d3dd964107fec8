import { allLessons, DraftCourseContent, withAssignedIds } from '@satchel/core';
import { AppError, invalid } from '../http/errors.js';

/**
 * Validates a draft as an editor sent it: modules and lessons without an id get
 * one from `newId`, then the whole document must satisfy the core draft schema
 * and use each id once.
 */
export function parseDraft(raw: unknown, newId: () => string): DraftCourseContent {
  const result = DraftCourseContent.safeParse(withAssignedIds(raw, newId));
  if (!result.success) {
    throw new AppError(400, 'validation_failed', 'The course draft is not valid', {
      where: 'body',
      issues: result.error.issues.map((i) => ({
        path: ['content', ...i.path].join('.'),
        message: i.message,
        code: i.code,
      })),
    });
  }
  assertUniqueIds(result.data);
  return result.data;
}

function assertUniqueIds(content: DraftCourseContent): void {
  const duplicate = (ids: readonly string[]): string | undefined =>
    ids.find((id, i) => ids.indexOf(id) !== i);
  const moduleId = duplicate(content.modules.map((m) => m.id));
  if (moduleId) throw invalid('duplicate_id', 'Two modules have the same id', { id: moduleId });
  const lessonId = duplicate(allLessons(content).map((l) => l.id));
  if (lessonId) throw invalid('duplicate_id', 'Two lessons have the same id', { id: lessonId });
  for (const lesson of allLessons(content)) {
    if (lesson.kind !== 'quiz') continue;
    const questionId = duplicate(lesson.questions.map((q) => q.id));
    if (questionId)
      throw invalid('duplicate_id', `Two questions of "${lesson.title}" have the same id`, {
        lessonId: lesson.id,
        id: questionId,
      });
  }
}

/**
 * A copy for a new language variant: a translation is different content, so its
 * modules and lessons get their own ids and progress in one variant never counts
 * in another. Question ids are per lesson and stay.
 */
export function copyForVariant(
  content: DraftCourseContent,
  language: string,
  title: string,
  newId: () => string,
): DraftCourseContent {
  return {
    ...structuredClone(content),
    language,
    title,
    modules: content.modules.map((m) => ({
      ...structuredClone(m),
      id: newId(),
      lessons: m.lessons.map((l) => ({ ...structuredClone(l), id: newId() })),
    })),
  };
}
