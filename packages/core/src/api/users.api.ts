import { z } from 'zod';
import { Password, Pin, Username } from './auth.api.js';
import { Page, Role, SlugParam } from './common.api.js';

// Users as tenant admins manage them, the signed-in user's own settings, API tokens,
// and the CSV roster import. Demographic fields exist for disaggregated reports
// (sex, age band from birth year, region, disability); all of them are optional.

export const Sex = z.enum(['female', 'male', 'other']);
export type Sex = z.infer<typeof Sex>;

export const UserStatus = z.enum(['active', 'disabled']);
export type UserStatus = z.infer<typeof UserStatus>;

export const BirthYear = z.number().int().min(1900).max(2100);
export const DisplayName = z.string().trim().min(1).max(120);
export const ExternalId = z.string().trim().min(1).max(200);

/** A user as a tenant admin sees it. Secrets never leave the server; only whether they are set. */
export const User = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  isOperator: z.boolean(),
  status: UserStatus,
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string().nullable(),
  sex: Sex.nullable(),
  birthYear: z.number().int().nullable(),
  region: z.string().nullable(),
  disability: z.boolean().nullable(),
  /** The roster system's id (OneRoster sourcedId), used to match rows on re-import. */
  externalId: z.string().nullable(),
  hasPassword: z.boolean(),
  hasPin: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

const profileFields = {
  email: z.email().nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  locale: z.string().min(2).max(20).nullable().optional(),
  sex: Sex.nullable().optional(),
  birthYear: BirthYear.nullable().optional(),
  region: z.string().trim().max(120).nullable().optional(),
  disability: z.boolean().nullable().optional(),
  externalId: ExternalId.nullable().optional(),
};

export const CreateUserRequest = z
  .object({
    username: Username,
    displayName: DisplayName,
    password: Password.optional(),
    pin: Pin.optional(),
    roles: z.array(Role).min(1).max(5).default(['learner']),
    /** Only the instance operator may create another operator. */
    isOperator: z.boolean().default(false),
    ...profileFields,
  })
  .strict();
export type CreateUserRequest = z.input<typeof CreateUserRequest>;

export const UpdateUserRequest = z
  .object({
    displayName: DisplayName.optional(),
    /** Replaces the user's roles in this tenant. */
    roles: z.array(Role).min(1).max(5).optional(),
    status: UserStatus.optional(),
    /** A new PIN, or null to remove it. */
    pin: Pin.nullable().optional(),
    /** The version the editor saw; a stale version is refused with 409 edit_conflict. */
    version: z.number().int().positive().optional(),
    ...profileFields,
  })
  .strict();
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const SetPasswordRequest = z.object({ password: Password }).strict();
export type SetPasswordRequest = z.infer<typeof SetPasswordRequest>;

export const UserParams = SlugParam.extend({ userId: z.uuid() });

export const UserListQuery = z.object({
  /** Matches username, display name or email, ignoring case. */
  q: z.string().trim().max(100).optional(),
  role: Role.optional(),
  status: UserStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserResponse = z.object({ user: User });
export const UserListResponse = Page(User);
export type UserListResponse = z.infer<typeof UserListResponse>;

// The signed-in user's own account.

export const UpdateMeRequest = z
  .object({ displayName: DisplayName.optional(), locale: z.string().min(2).max(20).nullable().optional() })
  .strict();
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;

export const ChangePasswordRequest = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: Password })
  .strict();
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** An API token for scripts (`Authorization: Bearer sat_…`). The secret is shown once, at creation. */
export const ApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateApiTokenRequest = z.object({ name: z.string().trim().min(1).max(100) }).strict();
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenRequest>;
export const CreatedApiToken = z.object({ token: ApiToken, secret: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
export const ApiTokenListResponse = z.object({ items: z.array(ApiToken) });
export const ApiTokenParams = SlugParam.extend({ tokenId: z.uuid() });

// CSV roster import (OneRoster-like columns, see USER_IMPORT_COLUMNS).

export const USER_IMPORT_COLUMNS = [
  'sourcedId',
  'username',
  'givenName',
  'familyName',
  'role',
  'password',
  'pin',
  'email',
  'phone',
  'grades',
  'classCode',
  'sex',
  'birthYear',
  'region',
  'disability',
] as const;
export type UserImportColumn = (typeof USER_IMPORT_COLUMNS)[number];

/** A true/false query-string flag; also accepts a boolean, so parsing an already parsed query is harmless. */
export const QueryFlag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const ImportQuery = z.object({ dryRun: QueryFlag.default(false) });

export const ImportRowError = z.object({
  /** The spreadsheet row number (the header is row 1). */
  row: z.number().int(),
  /** The column at fault, or null when the whole row is. */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

/**
 * The outcome of an import or a dry run. All or nothing: when `errors` is not
 * empty, nothing was imported; `created` and `updated` then say what would have been.
 */
export const ImportReport = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  classesCreated: z.number().int(),
  /** The first errors (at most 1000); errorCount says how many there were. */
  errors: z.array(ImportRowError),
  errorCount: z.number().int(),
  /** Header columns Satchel does not know; their values were not read. */
  ignoredColumns: z.array(z.string()),
  dryRun: z.boolean(),
  imported: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReport>;
