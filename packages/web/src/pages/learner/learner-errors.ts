import { ApiError } from '../../api/errors.js';
import type { I18n, MessageKey } from '../../i18n/i18n.js';

/** Error codes the learner screens meet, with what to tell the learner. */
const LEARNER_ERRORS: Readonly<Record<string, MessageKey>> = {
  prerequisites_incomplete: 'learnerErrors.prerequisitesIncomplete',
  enrolment_assigned_only: 'learnerErrors.assignedOnly',
  enrolment_assigned: 'learnerErrors.assignedCannotLeave',
  enrolment_not_found: 'learnerErrors.notEnrolled',
  attempt_limit_reached: 'learnerErrors.attemptLimitReached',
  course_not_found: 'learnerErrors.courseNotFound',
  course_version_not_found: 'learnerErrors.courseChanged',
  lesson_not_found: 'learnerErrors.lessonNotFound',
  path_not_found: 'learnerErrors.pathNotFound',
};

export function learnerErrorMessage(i18n: I18n, error: unknown): string {
  const key = error instanceof ApiError ? LEARNER_ERRORS[error.code] : undefined;
  return key ? i18n.t(key) : i18n.errorMessage(error);
}
