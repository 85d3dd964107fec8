import type { CreateUserRequest, Role, Sex, UpdateUserRequest, User } from '@satchel/core';
import type { MessageKey } from '../../../i18n/messages/en.js';
import { displayNameProblem, normaliseUsername, usernameProblem } from '../../auth/validation.js';

// The create / edit user form: values, checks (the limits of CreateUserRequest and UpdateUserRequest in
// core, without zod) and the request bodies.

export type Disability = '' | 'yes' | 'no';

export interface UserFormValues {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly pin: string;
  readonly roles: readonly Role[];
  readonly email: string;
  readonly phone: string;
  readonly sex: '' | Sex;
  readonly birthYear: string;
  readonly region: string;
  readonly disability: Disability;
}

export type UserField = keyof UserFormValues;
export type UserProblems = Partial<Record<UserField, MessageKey>>;

export const EMPTY_USER: UserFormValues = {
  username: '',
  displayName: '',
  password: '',
  pin: '',
  roles: ['learner'],
  email: '',
  phone: '',
  sex: '',
  birthYear: '',
  region: '',
  disability: '',
};

export function userFormValues(user: User): UserFormValues {
  return {
    username: user.username,
    displayName: user.displayName,
    password: '',
    pin: '',
    roles: user.roles,
    email: user.email ?? '',
    phone: user.phone ?? '',
    sex: user.sex ?? '',
    birthYear: user.birthYear === null ? '' : String(user.birthYear),
    region: user.region ?? '',
    disability: user.disability === null ? '' : user.disability ? 'yes' : 'no',
  };
}

// Deliberately loose: the server has the full email rule; this catches a missing @ or domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function passwordProblem(value: string): MessageKey | null {
  if (value.length < 8) return 'admin.users.passwordTooShort';
  return value.length > 200 ? 'admin.users.passwordTooLong' : null;
}

/**
 * Arabic-Indic (٠١٢…) and Persian (۰۱۲…) digits as ASCII, everything else kept: an Arabic keyboard types
 * those digits, and the server only takes 0-9 in PINs and years.
 */
export function westernDigits(value: string): string {
  return value
    .trim()
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0));
}

export function pinValueProblem(value: string): MessageKey | null {
  return /^\d{4,6}$/.test(westernDigits(value)) ? null : 'admin.users.pinInvalid';
}

export function userProblems(
  values: UserFormValues,
  mode: 'create' | 'edit',
  currentYear: number,
): UserProblems {
  const problems: UserProblems = {};
  if (mode === 'create') {
    const username = usernameProblem(values.username);
    if (username)
      problems.username = username === 'common.fieldRequired' ? username : 'admin.users.usernameInvalid';
    if (values.password === '' && values.pin.trim() === '') problems.password = 'admin.users.secretRequired';
  }
  const name = displayNameProblem(values.displayName);
  if (name) problems.displayName = name;
  if (values.password !== '') {
    const password = passwordProblem(values.password);
    if (password) problems.password = password;
  }
  if (values.pin.trim() !== '') {
    const pin = pinValueProblem(values.pin);
    if (pin) problems.pin = pin;
  }
  if (values.roles.length === 0) problems.roles = 'admin.users.rolesRequired';
  const email = values.email.trim();
  if (email !== '' && (!EMAIL.test(email) || email.length > 254)) problems.email = 'admin.users.emailInvalid';
  if (values.phone.trim().length > 40) problems.phone = 'admin.users.phoneInvalid';
  const year = westernDigits(values.birthYear);
  if (values.birthYear.trim() !== '') {
    const number = Number(year);
    if (!/^\d{4}$/.test(year) || number < 1900 || number > currentYear)
      problems.birthYear = 'admin.users.birthYearInvalid';
  }
  if (values.region.trim().length > 120) problems.region = 'admin.users.regionInvalid';
  return problems;
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());
const disabilityValue = (value: Disability): boolean | null => (value === '' ? null : value === 'yes');

function profile(values: UserFormValues) {
  return {
    email: orNull(values.email),
    phone: orNull(values.phone),
    sex: values.sex === '' ? null : values.sex,
    birthYear: values.birthYear.trim() === '' ? null : Number(westernDigits(values.birthYear)),
    region: orNull(values.region),
    disability: disabilityValue(values.disability),
  };
}

export function createUserBody(values: UserFormValues): CreateUserRequest {
  return {
    username: normaliseUsername(values.username),
    displayName: values.displayName.trim(),
    roles: [...values.roles],
    ...(values.password === '' ? {} : { password: values.password }),
    ...(values.pin.trim() === '' ? {} : { pin: westernDigits(values.pin) }),
    ...profile(values),
  };
}

/** Only what changed, with the version the admin saw (the server refuses a stale one). */
export function updateUserBody(values: UserFormValues, user: User): UpdateUserRequest {
  const before = profile(userFormValues(user));
  const after = profile(values);
  const patch: UpdateUserRequest = { version: user.version };
  if (values.displayName.trim() !== user.displayName) patch.displayName = values.displayName.trim();
  if (values.roles.length !== user.roles.length || values.roles.some((role) => !user.roles.includes(role))) {
    patch.roles = [...values.roles];
  }
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (after[key] !== before[key]) Object.assign(patch, { [key]: after[key] });
  }
  return patch;
}
