import type { MessageKey } from '../../i18n/messages/en.js';

// The same rules as Username, Password and Pin in @satchel/core's auth.api.ts, written without zod so
// the sign-in page stays light; validation.test.ts checks that both agree.
const USERNAME = /^[\p{L}\p{N}._-]{2,64}$/u;
const PIN = /^\d{4,6}$/;

/** What the server will store: trimmed and lower-cased, as core's Username schema does. */
export function normaliseUsername(value: string): string {
  return value.trim().toLowerCase();
}

export function usernameProblem(value: string): MessageKey | null {
  const username = normaliseUsername(value);
  if (username === '') return 'common.fieldRequired';
  return USERNAME.test(username) ? null : 'auth.usernameInvalid';
}

/** At sign-in any non-empty password may be tried: old accounts may predate today's length rule. */
export function signInPasswordProblem(value: string): MessageKey | null {
  return value === '' ? 'common.fieldRequired' : null;
}

export function newPasswordProblem(value: string): MessageKey | null {
  if (value === '') return 'common.fieldRequired';
  if (value.length < 8) return 'auth.passwordTooShort';
  return value.length > 200 ? 'auth.passwordTooLong' : null;
}

/**
 * Arabic-Indic (٠١٢…) and Persian (۰۱۲…) digits as ASCII: an Arabic keyboard types those, and the server's
 * PIN rule only accepts 0-9. Everything that is not a digit is dropped.
 */
export function asciiDigits(value: string): string {
  return value
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[^0-9]/g, '');
}

export function pinProblem(value: string): MessageKey | null {
  if (value === '') return 'common.fieldRequired';
  return PIN.test(value) ? null : 'auth.pinInvalid';
}

export function displayNameProblem(value: string): MessageKey | null {
  const name = value.trim();
  return name === '' || name.length > 120 ? 'common.fieldRequired' : null;
}

export type Problems<F extends string> = Partial<Record<F, MessageKey>>;

/** Keeps only the fields that have a problem. */
export function collectProblems<F extends string>(checks: Record<F, MessageKey | null>): Problems<F> {
  const problems: Problems<F> = {};
  for (const field of Object.keys(checks) as F[]) {
    const problem = checks[field];
    if (problem) problems[field] = problem;
  }
  return problems;
}
