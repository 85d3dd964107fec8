import { ApiError, fieldIssues } from '../../api/errors.js';
import type { I18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages/en.js';

/**
 * The message for a failed sign-in. Wrong credentials must read differently from "too many attempts"
 * (the learner should wait, not retype), and the wording follows the method the learner used.
 */
export function signInErrorMessage(i18n: I18n, error: unknown, method: 'password' | 'pin'): string {
  if (error instanceof ApiError && error.code === 'offline_no_profile')
    return i18n.t('auth.offlineNoProfile');
  if (error instanceof ApiError && (error.code === 'invalid_credentials' || error.status === 401)) {
    return i18n.t(method === 'pin' ? 'auth.wrongPin' : 'auth.wrongPassword');
  }
  return i18n.errorMessage(error);
}

/** Our own message for each field the server rejected (its zod messages are English-only). */
export function serverFieldProblems<F extends string>(
  error: unknown,
  messages: Readonly<Record<F, MessageKey>>,
): Partial<Record<F, MessageKey>> {
  if (!(error instanceof ApiError)) return {};
  const problems: Partial<Record<F, MessageKey>> = {};
  for (const issue of fieldIssues(error)) {
    if (Object.prototype.hasOwnProperty.call(messages, issue.field)) {
      const field = issue.field as F;
      problems[field] = messages[field];
    }
  }
  return problems;
}
