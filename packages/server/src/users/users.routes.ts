import {
  CreateUserRequest,
  ImportQuery,
  ImportReport,
  SetPasswordRequest,
  SlugParam,
  UpdateUserRequest,
  UserListQuery,
  UserListResponse,
  UserParams,
  UserResponse,
} from '@satchel/core';
import { AppError } from '../http/errors.js';
import type { Router } from '../http/route.js';
import type { UserImportService } from './users-import.service.js';
import type { UserService } from './users.service.js';

/** A roster CSV may be large: 20 MB is roughly 100,000 rows. */
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

export function userRoutes(router: Router, users: UserService, importer: UserImportService): void {
  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/users',
      summary: 'List and search users',
      tags: ['users'],
      access: ['admin'],
      params: SlugParam,
      query: UserListQuery,
      response: UserListResponse,
    },
    async ({ tenant, query }) => users.list(tenant.id, query),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/users',
      summary: 'Create a user',
      tags: ['users'],
      access: ['admin'],
      params: SlugParam,
      body: CreateUserRequest,
      response: UserResponse,
      status: 201,
    },
    async ({ tenant, actor, body }) => ({ user: await users.create(tenant.id, body, actor) }),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/users/:userId',
      summary: 'One user',
      tags: ['users'],
      access: ['admin'],
      params: UserParams,
      response: UserResponse,
    },
    async ({ tenant, params }) => ({ user: await users.get(tenant.id, params.userId) }),
  );

  router.authed(
    {
      method: 'PATCH',
      url: '/api/t/:tenant/users/:userId',
      summary: 'Change a user’s profile, roles, PIN or status (disabled users are signed out)',
      tags: ['users'],
      access: ['admin'],
      params: UserParams,
      body: UpdateUserRequest,
      response: UserResponse,
    },
    async ({ tenant, actor, params, body }) => ({
      user: await users.update(tenant.id, params.userId, body, actor),
    }),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/users/:userId',
      summary: 'Delete a user',
      tags: ['users'],
      access: ['admin'],
      params: UserParams,
      status: 204,
    },
    async ({ tenant, actor, params }) => {
      await users.remove(tenant.id, params.userId, actor);
      return null;
    },
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/users/:userId/password',
      summary: 'Set a user’s password (they are signed out everywhere)',
      tags: ['users'],
      access: ['admin'],
      params: UserParams,
      body: SetPasswordRequest,
      status: 204,
    },
    async ({ tenant, actor, params, body }) => {
      await users.setPassword(tenant.id, params.userId, body.password, actor);
      return null;
    },
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/users/import',
      summary:
        'Import users from a OneRoster-like CSV (body: text/csv). All or nothing: any row error imports nothing',
      tags: ['users'],
      access: ['admin'],
      params: SlugParam,
      query: ImportQuery,
      response: ImportReport,
      bodyLimit: IMPORT_BODY_LIMIT,
      parsers: [
        { contentType: 'text/csv', parseAs: 'buffer' },
        { contentType: 'application/csv', parseAs: 'buffer' },
      ],
    },
    async ({ tenant, actor, query, body }) => {
      if (!(body instanceof Uint8Array) && typeof body !== 'string') {
        throw new AppError(
          415,
          'unsupported_media_type',
          'Send the CSV file itself as the body, with Content-Type: text/csv',
        );
      }
      const report = await importer.importCsv(tenant.id, body, { dryRun: query.dryRun, by: actor });
      if (!report.dryRun && !report.imported) {
        throw new AppError(
          400,
          'import_rows_invalid',
          `${report.errorCount} row(s) have errors; nothing was imported`,
          { ...report },
        );
      }
      return report;
    },
  );
}
