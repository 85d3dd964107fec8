/**
 * Element ids of the course editor's fields. Error summaries link to them and the editor moves focus to
 * them after an add, a move or a delete, so they are built in one place from the stable ids of modules,
 * lessons and questions (never from positions, which change when things move).
 */

const safe = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, '_');

export type CourseField =
  'title' | 'description' | 'language' | 'category' | 'tags' | 'prerequisites' | 'cover';

export const fieldIds = {
  course: (field: CourseField) => `course-${field}`,
  modules: 'course-modules',
  addModule: 'course-add-module',
  module: (moduleId: string) => `module-${safe(moduleId)}`,
  moduleTitle: (moduleId: string) => `module-${safe(moduleId)}-title`,
  moduleMove: (moduleId: string, direction: 'up' | 'down') => `module-${safe(moduleId)}-move-${direction}`,
  addLesson: (moduleId: string) => `module-${safe(moduleId)}-add-lesson`,
  lesson: (lessonId: string) => `lesson-${safe(lessonId)}`,
  lessonToggle: (lessonId: string) => `lesson-${safe(lessonId)}-toggle`,
  lessonField: (lessonId: string, field: string) => `lesson-${safe(lessonId)}-${safe(field)}`,
  lessonMove: (lessonId: string, direction: 'up' | 'down') => `lesson-${safe(lessonId)}-move-${direction}`,
  question: (lessonId: string, questionId: string) => `lesson-${safe(lessonId)}-q-${safe(questionId)}`,
  questionField: (lessonId: string, questionId: string, field: string) =>
    `lesson-${safe(lessonId)}-q-${safe(questionId)}-${safe(field)}`,
  questionMove: (lessonId: string, questionId: string, direction: 'up' | 'down') =>
    `lesson-${safe(lessonId)}-q-${safe(questionId)}-move-${direction}`,
  addQuestion: (lessonId: string) => `lesson-${safe(lessonId)}-add-question`,
} as const;

/**
 * Moves keyboard focus to an element, or to the first control inside it (a field wrapper). Runs after
 * the next paint, because the element usually appears in the render the caller just asked for.
 */
export function focusById(id: string): void {
  const attempt = (triesLeft: number) => {
    const element = document.getElementById(id);
    if (!element) {
      if (triesLeft > 0) window.requestAnimationFrame(() => attempt(triesLeft - 1));
      return;
    }
    const control = element.matches('input, select, textarea, button, a[href], [tabindex]')
      ? element
      : element.querySelector<HTMLElement>('input, select, textarea, button, a[href], [tabindex]');
    (control ?? element).focus();
    (control ?? element).scrollIntoView?.({ block: 'center' });
  };
  window.requestAnimationFrame(() => attempt(5));
}
