import { ApiError } from '../../api/errors.js';
import type { I18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages/en.js';

const CODES: Readonly<Record<string, MessageKey>> = {
  edit_conflict: 'cinema.errors.editConflict',
  plan_not_found: 'cinema.errors.planNotFound',
  plan_media_not_found: 'cinema.errors.mediaNotFound',
  invalid_session: 'cinema.errors.invalidSession',
  pack_upstream_unreachable: 'cinema.errors.packUnreachable',
  pack_upstream_refused: 'cinema.errors.packRefused',
};

/** A message for an error a Learning Cinema page met, in the interface language. */
export function errorText(i18n: Pick<I18n, 't' | 'errorMessage'>, error: unknown): string {
  if (error instanceof ApiError) {
    const key = CODES[error.code];
    if (key) return i18n.t(key);
  }
  return i18n.errorMessage(error);
}

const SESSION_PROBLEMS: Readonly<Record<string, MessageKey>> = {
  too_many: 'cinema.problem.tooMany',
  more_than_attendance: 'cinema.problem.moreThanAttendance',
  before_start: 'cinema.problem.beforeStart',
  too_long: 'cinema.problem.tooLong',
  in_future: 'cinema.problem.inFuture',
  half_coordinates: 'cinema.problem.halfCoordinates',
  past_plan: 'cinema.problem.pastPlan',
  repeated_step: 'cinema.problem.repeatedStep',
  unknown_step: 'cinema.problem.unknownStep',
  option_count: 'cinema.problem.optionCount',
};

/** A session log problem found by core's rules, as the facilitator reads it. */
export function problemText(t: I18n['t'], code: string): string {
  return t(SESSION_PROBLEMS[code] ?? 'cinema.problem.other');
}
