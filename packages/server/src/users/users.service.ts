import {
  CreateUserRequest,
  Password,
  Pin,
  UpdateMeRequest,
  UpdateUserRequest,
  UserListQuery,
  uuidv7,
  type Me,
  type Role,
  type User,
  type UserListResponse,
} from '@satchel/core';
import type { Updateable } from 'kysely';
import { BULK_PARAMS, INTERACTIVE_PARAMS, hashSecret } from '../auth/auth.crypto.js';
import type { AuthRepo } from '../auth/auth.repo.js';
import type { UsersTable } from '../db/schema.js';
import type { Actor } from '../http/context.js';
import { conflict, forbidden, invalid, notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import { presentMe, presentUser, sortRoles } from './users.presenter.js';
import type { UserRow, UsersRepo } from './users.repo.js';

/** Who asks for a change: a tenant member, or null for the system itself (CLI, seeding, import). */
export type ChangedBy = Pick<Actor, 'userId' | 'isOperator'> | null;

const editConflict = () => conflict('edit_conflict', 'Someone else changed this user; reload and try again');

/**
 * Users and their roles in a tenant. Every change bumps `version` and `updated_at`
 * (sync relies on it); deletes leave a tombstone. The rules that protect accounts
 * live here: only the instance operator touches an operator's account, and nobody
 * can disable, delete or demote themselves out of administering the platform.
 */
export class UserService {
  constructor(
    private readonly repo: UsersRepo,
    private readonly auth: AuthRepo,
    private readonly clock: Clock,
  ) {}

  /**
   * `quickHash` stores secrets with the bulk-import parameters (upgraded at the user's
   * first sign-in), for seeding many accounts without a 16 MB scrypt area each.
   */
  async create(
    tenantId: string,
    input: CreateUserRequest,
    by: ChangedBy = null,
    options: { quickHash?: boolean } = {},
  ): Promise<User> {
    const params = options.quickHash ? BULK_PARAMS : INTERACTIVE_PARAMS;
    const req = CreateUserRequest.parse(input);
    if (req.isOperator && by && !by.isOperator)
      throw forbidden('Only the instance operator can create an operator');
    if (req.externalId) await this.assertExternalIdFree(tenantId, req.externalId, null);
    const now = this.clock.now().toISOString();
    const row: UserRow = {
      id: uuidv7(this.clock.now().getTime()),
      tenant_id: tenantId,
      username: req.username,
      display_name: req.displayName,
      password_hash: req.password === undefined ? null : await hashSecret(req.password, params),
      pin_hash: req.pin === undefined ? null : await hashSecret(req.pin, params),
      email: req.email ?? null,
      phone: req.phone ?? null,
      locale: req.locale ?? null,
      sex: req.sex ?? null,
      birth_year: req.birthYear ?? null,
      region: req.region ?? null,
      disability: req.disability === undefined || req.disability === null ? null : req.disability ? 1 : 0,
      external_id: req.externalId ?? null,
      is_operator: req.isOperator ? 1 : 0,
      status: 'active',
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    };
    const roles = sortRoles(req.roles);
    if (!(await this.repo.insert(row, roles))) {
      throw conflict('username_taken', `The username "${req.username}" is already taken`, {
        username: req.username,
      });
    }
    return presentUser(row, roles);
  }

  async get(tenantId: string, userId: string): Promise<User> {
    const row = await this.row(tenantId, userId);
    return presentUser(row, await this.repo.rolesOf(tenantId, row.id));
  }

  async byUsername(tenantId: string, username: string): Promise<User | null> {
    const row = await this.repo.byUsername(tenantId, username.trim().toLowerCase());
    return row ? presentUser(row, await this.repo.rolesOf(tenantId, row.id)) : null;
  }

  async list(tenantId: string, query: Partial<UserListQuery> = {}): Promise<UserListResponse> {
    const q = UserListQuery.parse(query);
    const { rows, total } = await this.repo.list(tenantId, q);
    const roles = await this.repo.rolesOfMany(
      tenantId,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => presentUser(r, roles.get(r.id) ?? [])), total };
  }

  async update(
    tenantId: string,
    userId: string,
    input: UpdateUserRequest,
    by: ChangedBy = null,
  ): Promise<User> {
    const patch = UpdateUserRequest.parse(input);
    const row = await this.row(tenantId, userId);
    this.assertMayManage(row, by);
    if (patch.version !== undefined && patch.version !== row.version) throw editConflict();
    const isSelf = by?.userId === row.id;
    if (isSelf && patch.status === 'disabled')
      throw invalid('self_lockout', 'You cannot disable your own account');
    if (isSelf && patch.roles && !by.isOperator && !patch.roles.includes('admin')) {
      throw invalid('self_lockout', 'You cannot remove your own admin role; ask another admin');
    }
    if (patch.externalId) await this.assertExternalIdFree(tenantId, patch.externalId, row.id);

    const now = this.clock.now().toISOString();
    const set: Updateable<UsersTable> & { updated_at: string } = { updated_at: now };
    if (patch.displayName !== undefined) set.display_name = patch.displayName;
    if (patch.email !== undefined) set.email = patch.email;
    if (patch.phone !== undefined) set.phone = patch.phone;
    if (patch.locale !== undefined) set.locale = patch.locale;
    if (patch.sex !== undefined) set.sex = patch.sex;
    if (patch.birthYear !== undefined) set.birth_year = patch.birthYear;
    if (patch.region !== undefined) set.region = patch.region;
    if (patch.disability !== undefined)
      set.disability = patch.disability === null ? null : patch.disability ? 1 : 0;
    if (patch.externalId !== undefined) set.external_id = patch.externalId;
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.pin !== undefined) set.pin_hash = patch.pin === null ? null : await hashSecret(patch.pin);

    const roles = patch.roles ? sortRoles(patch.roles) : undefined;
    if (!(await this.repo.update(tenantId, row.id, row.version, set, roles))) throw editConflict();
    if (patch.status === 'disabled' && row.status !== 'disabled') await this.endAccess(tenantId, row.id, now);
    return this.get(tenantId, row.id);
  }

  async setPassword(tenantId: string, userId: string, password: string, by: ChangedBy = null): Promise<void> {
    const checked = Password.safeParse(password);
    if (!checked.success) throw invalid('invalid_password', 'A password needs at least 8 characters');
    const row = await this.row(tenantId, userId);
    this.assertMayManage(row, by);
    const hash = await hashSecret(checked.data);
    await this.save(row, { password_hash: hash });
    // Someone else may have known the old password: sign the account out everywhere.
    if (by?.userId !== row.id) await this.auth.deleteUserSessions(tenantId, row.id);
  }

  async setPin(tenantId: string, userId: string, pin: string | null, by: ChangedBy = null): Promise<void> {
    if (pin !== null && !Pin.safeParse(pin).success) throw invalid('invalid_pin', 'A PIN is 4 to 6 digits');
    const row = await this.row(tenantId, userId);
    this.assertMayManage(row, by);
    await this.save(row, { pin_hash: pin === null ? null : await hashSecret(pin) });
  }

  async disable(tenantId: string, userId: string, by: ChangedBy = null): Promise<User> {
    return this.update(tenantId, userId, { status: 'disabled' }, by);
  }

  async enable(tenantId: string, userId: string, by: ChangedBy = null): Promise<User> {
    return this.update(tenantId, userId, { status: 'active' }, by);
  }

  async addRole(tenantId: string, userId: string, role: Role, by: ChangedBy = null): Promise<User> {
    const roles = await this.repo.rolesOf(tenantId, userId);
    if (roles.includes(role)) return this.get(tenantId, userId);
    return this.update(tenantId, userId, { roles: [...roles, role] }, by);
  }

  async removeRole(tenantId: string, userId: string, role: Role, by: ChangedBy = null): Promise<User> {
    const roles = (await this.repo.rolesOf(tenantId, userId)).filter((r) => r !== role);
    if (roles.length === 0)
      throw invalid('last_role', 'A user keeps at least one role; delete or disable the user instead');
    return this.update(tenantId, userId, { roles }, by);
  }

  async remove(tenantId: string, userId: string, by: ChangedBy = null): Promise<void> {
    const row = await this.row(tenantId, userId);
    this.assertMayManage(row, by);
    if (by?.userId === row.id) throw invalid('self_lockout', 'You cannot delete your own account');
    const now = this.clock.now().toISOString();
    if (!(await this.repo.softDelete(row, now))) throw editConflict();
    await this.endAccess(tenantId, row.id, now);
  }

  async me(tenantId: string, userId: string): Promise<Me> {
    const row = await this.row(tenantId, userId);
    return presentMe(row, await this.repo.rolesOf(tenantId, row.id));
  }

  async updateMe(tenantId: string, userId: string, input: UpdateMeRequest): Promise<Me> {
    const patch = UpdateMeRequest.parse(input);
    const row = await this.row(tenantId, userId);
    const set: Updateable<UsersTable> = {};
    if (patch.displayName !== undefined) set.display_name = patch.displayName;
    if (patch.locale !== undefined) set.locale = patch.locale;
    if (Object.keys(set).length > 0) await this.save(row, set);
    return this.me(tenantId, userId);
  }

  private async save(row: UserRow, set: Updateable<UsersTable>): Promise<void> {
    const ok = await this.repo.update(row.tenant_id, row.id, row.version, {
      ...set,
      updated_at: this.clock.now().toISOString(),
    });
    if (!ok) throw editConflict();
  }

  private async endAccess(tenantId: string, userId: string, now: string): Promise<void> {
    await this.auth.deleteUserSessions(tenantId, userId);
    await this.auth.revokeUserTokens(tenantId, userId, now);
  }

  private assertMayManage(target: UserRow, by: ChangedBy): void {
    if (by && target.is_operator === 1 && !by.isOperator && by.userId !== target.id) {
      throw forbidden('Only the instance operator can change the operator’s account');
    }
  }

  private async assertExternalIdFree(
    tenantId: string,
    externalId: string,
    exceptUserId: string | null,
  ): Promise<void> {
    const holder = await this.repo.byExternalId(tenantId, externalId);
    if (holder && holder.id !== exceptUserId) {
      throw conflict('external_id_taken', `Another user already has the roster id "${externalId}"`, {
        externalId,
      });
    }
  }

  private async row(tenantId: string, userId: string): Promise<UserRow> {
    const row = await this.repo.byId(tenantId, userId);
    if (!row) throw notFound('user_not_found', 'There is no such user on this platform', { userId });
    return row;
  }
}
