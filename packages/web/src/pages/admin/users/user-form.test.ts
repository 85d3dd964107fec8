import { CreateUserRequest, UpdateUserRequest, type User } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import {
  createUserBody,
  EMPTY_USER,
  updateUserBody,
  userFormValues,
  userProblems,
  westernDigits,
} from './user-form.js';

const user: User = {
  id: '01a22327-fc5e-76ab-8a61-152b4edaf75b',
  tenantId: '01a22327-f966-7480-9ecd-0ea338aeb061',
  username: 'amina',
  displayName: 'Amina Bello',
  roles: ['learner'],
  isOperator: false,
  status: 'active',
  email: null,
  phone: null,
  locale: null,
  sex: 'female',
  birthYear: 2012,
  region: 'North',
  disability: null,
  externalId: null,
  hasPassword: false,
  hasPin: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 4,
};

describe('user form', () => {
  it('needs a username, a name, a role and a password or PIN to create a user', () => {
    expect(userProblems({ ...EMPTY_USER, roles: [] }, 'create', 2026)).toEqual({
      username: 'common.fieldRequired',
      displayName: 'common.fieldRequired',
      password: 'admin.users.secretRequired',
      roles: 'admin.users.rolesRequired',
    });
  });

  it('checks passwords, PINs, emails and birth years as the server would', () => {
    const problems = userProblems(
      {
        ...EMPTY_USER,
        username: 'has space',
        displayName: 'A',
        password: 'short',
        pin: '12',
        email: 'no-at',
        birthYear: '2030',
      },
      'create',
      2026,
    );
    expect(problems).toEqual({
      username: 'admin.users.usernameInvalid',
      password: 'admin.users.passwordTooShort',
      pin: 'admin.users.pinInvalid',
      email: 'admin.users.emailInvalid',
      birthYear: 'admin.users.birthYearInvalid',
    });
  });

  it('accepts a PIN and a birth year typed in Arabic-Indic digits', () => {
    const values = { ...EMPTY_USER, username: 'omar', displayName: 'Omar', pin: '١٢٣٤', birthYear: '٢٠١٢' };
    expect(userProblems(values, 'create', 2026)).toEqual({});
    const body = createUserBody(values);
    expect(body).toMatchObject({ pin: '1234', birthYear: 2012 });
    expect(CreateUserRequest.safeParse(body).success).toBe(true);
    expect(westernDigits(' ۱۲۳۴ ')).toBe('1234');
  });

  it('sends empty optional fields as null and lower-cases the username', () => {
    const body = createUserBody({
      ...EMPTY_USER,
      username: ' Sofia.R ',
      displayName: ' Sofía ',
      password: 'learner123',
      disability: 'yes',
    });
    expect(body).toEqual({
      username: 'sofia.r',
      displayName: 'Sofía',
      roles: ['learner'],
      password: 'learner123',
      email: null,
      phone: null,
      sex: null,
      birthYear: null,
      region: null,
      disability: true,
    });
    expect(CreateUserRequest.safeParse(body).success).toBe(true);
  });

  it('does not ask for a password or PIN when editing', () => {
    expect(userProblems(userFormValues(user), 'edit', 2026)).toEqual({});
  });

  it('sends only what changed when editing, with the version it started from', () => {
    expect(updateUserBody(userFormValues(user), user)).toEqual({ version: 4 });
    const patch = updateUserBody(
      { ...userFormValues(user), roles: ['learner', 'educator'], region: '', disability: 'no' },
      user,
    );
    expect(patch).toEqual({ version: 4, roles: ['learner', 'educator'], region: null, disability: false });
    expect(UpdateUserRequest.safeParse(patch).success).toBe(true);
  });
});
