import { parseQuestionCsv, type DraftCourseContent, type Question } from '@satchel/core';
import { invalid, notFound } from '../http/errors.js';

const MAX_QUESTIONS = 500;

export interface QuestionMerge {
  draft: DraftCourseContent;
  imported: number;
  renamedIds: Record<string, string>;
}

/**
 * Puts the questions of a CSV sheet into one quiz lesson of a draft. All or
 * nothing: one bad row refuses the whole sheet, with an error for every row.
 */
export function mergeQuestionCsv(
  draft: DraftCourseContent,
  lessonId: string,
  csv: string,
  mode: 'append' | 'replace',
): QuestionMerge {
  const lesson = draft.modules.flatMap((m) => m.lessons).find((l) => l.id === lessonId);
  if (!lesson) throw notFound('lesson_not_found', 'This course has no such lesson', { lessonId });
  if (lesson.kind !== 'quiz')
    throw invalid('lesson_not_quiz', `"${lesson.title}" is not a quiz`, { lessonId, kind: lesson.kind });

  const { questions, errors } = parseQuestionCsv(csv);
  if (errors.length > 0) {
    throw invalid('invalid_question_csv', `The sheet has ${errors.length} problem(s); nothing was imported`, {
      errors,
    });
  }
  if (questions.length === 0) {
    throw invalid('invalid_question_csv', 'The sheet has no questions; nothing was imported', {
      errors: [{ row: 2, message: 'no question rows' }],
    });
  }

  const kept = mode === 'append' ? lesson.questions : [];
  if (kept.length + questions.length > MAX_QUESTIONS) {
    throw invalid('too_many_questions', `A quiz holds at most ${MAX_QUESTIONS} questions`, {
      existing: kept.length,
      imported: questions.length,
    });
  }
  const used = new Set(kept.map((q) => q.id));
  const renamedIds: Record<string, string> = {};
  let counter = 1;
  const freshId = (): string => {
    while (used.has(`q${counter}`)) counter++;
    return `q${counter}`;
  };
  const added: Question[] = questions.map((q) => {
    if (!used.has(q.id)) {
      used.add(q.id);
      return q;
    }
    const id = freshId();
    used.add(id);
    renamedIds[q.id] = id;
    return { ...q, id };
  });

  const modules = draft.modules.map((m) => ({
    ...m,
    lessons: m.lessons.map((l) =>
      l.id === lessonId && l.kind === 'quiz' ? { ...l, questions: [...kept, ...added] } : l,
    ),
  }));
  return { draft: { ...draft, modules }, imported: added.length, renamedIds };
}
