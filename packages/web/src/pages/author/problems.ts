import type { MessageParams } from '../../i18n/message-format.js';
import type { MessageKey } from '../../i18n/messages/en.js';

/**
 * Something the author must fix before a save or a publish: the message to show, the element it is
 * about (the error summary links there and the field shows the message), and the module or lesson it
 * belongs to so the editor can open that lesson and show the problem beside it.
 */
export interface Problem {
  /** Element id (see field-ids.ts). */
  readonly target: string;
  readonly message: MessageKey;
  readonly params?: MessageParams;
  readonly moduleId?: string;
  readonly lessonId?: string;
  /** The server's own words, when its refusal has no message of ours (they are English only). */
  readonly detail?: string;
}

/** The first problem about each element, for showing beside the field. */
export function problemsByTarget(problems: readonly Problem[]): Map<string, Problem> {
  const byTarget = new Map<string, Problem>();
  for (const problem of problems) if (!byTarget.has(problem.target)) byTarget.set(problem.target, problem);
  return byTarget;
}

export function problemsOfLesson(problems: readonly Problem[], lessonId: string): Problem[] {
  return problems.filter((problem) => problem.lessonId === lessonId);
}
