import { uuidv7, type Role } from '@satchel/core';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { identityChanges } from '../auth/identity-changes.js';
import type { Db } from '../db/database.js';
import type { MembershipsTable, UsersTable } from '../db/schema.js';

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type MembershipRow = Selectable<MembershipsTable>;

export interface UserListFilter {
  q?: string | undefined;
  role?: Role | undefined;
  status?: UserRow['status'] | undefined;
  limit: number;
  offset: number;
}

/** SQLite caps bound parameters per statement; PostgreSQL at 65,535. Stay well under both. */
export const IN_CHUNK = 500;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `%`, `_` and `\` in a search term match themselves. */
export function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A unique-constraint violation on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export class UsersRepo {
  constructor(private readonly db: Db) {}

  /** Inserts a user with its memberships in one transaction; false when the username is taken. */
  async insert(user: NewUserRow, roles: readonly Role[]): Promise<boolean> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('users').values(user).execute();
        if (roles.length > 0) {
          await trx
            .insertInto('memberships')
            .values(roles.map((role) => membershipRow(user, role)))
            .execute();
        }
      });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async byId(tenantId: string, id: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async byUsername(tenantId: string, username: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('username', '=', username)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async byExternalId(tenantId: string, externalId: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('external_id', '=', externalId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  /** Live users whose username or external id is among those given (for roster imports). */
  async findForImport(
    tenantId: string,
    usernames: readonly string[],
    externalIds: readonly string[],
  ): Promise<UserRow[]> {
    const found = new Map<string, UserRow>();
    for (const [column, values] of [
      ['username', usernames],
      ['external_id', externalIds],
    ] as const) {
      for (const part of chunks(values, IN_CHUNK)) {
        const rows = await this.db
          .selectFrom('users')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where(column, 'in', part)
          .where('deleted_at', 'is', null)
          .execute();
        for (const row of rows) found.set(row.id, row);
      }
    }
    return [...found.values()];
  }

  async rolesOf(tenantId: string, userId: string): Promise<Role[]> {
    return (await this.rolesOfMany(tenantId, [userId])).get(userId) ?? [];
  }

  async rolesOfMany(tenantId: string, userIds: readonly string[]): Promise<Map<string, Role[]>> {
    const out = new Map<string, Role[]>();
    for (const part of chunks(userIds, IN_CHUNK)) {
      const rows = await this.db
        .selectFrom('memberships')
        .select(['user_id', 'role'])
        .where('tenant_id', '=', tenantId)
        .where('user_id', 'in', part)
        .where('deleted_at', 'is', null)
        .orderBy('role')
        .execute();
      for (const row of rows) {
        const list = out.get(row.user_id) ?? [];
        list.push(row.role);
        out.set(row.user_id, list);
      }
    }
    return out;
  }

  /** Every membership row of these users, tombstones included (a re-added role revives its row). */
  async membershipsOf(tenantId: string, userIds: readonly string[]): Promise<MembershipRow[]> {
    const out: MembershipRow[] = [];
    for (const part of chunks(userIds, IN_CHUNK)) {
      out.push(
        ...(await this.db
          .selectFrom('memberships')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('user_id', 'in', part)
          .execute()),
      );
    }
    return out;
  }

  async list(tenantId: string, filter: UserListFilter): Promise<{ rows: UserRow[]; total: number }> {
    let query = this.db
      .selectFrom('users')
      .where('users.tenant_id', '=', tenantId)
      .where('users.deleted_at', 'is', null);
    if (filter.status) query = query.where('users.status', '=', filter.status);
    if (filter.q) {
      const pattern = likePattern(filter.q);
      query = query.where((eb) =>
        eb.or([
          eb(sql`lower(users.username)`, 'like', sql`${pattern} escape '\\'`),
          eb(sql`lower(users.display_name)`, 'like', sql`${pattern} escape '\\'`),
          eb(sql`lower(users.email)`, 'like', sql`${pattern} escape '\\'`),
        ]),
      );
    }
    if (filter.role) {
      const role = filter.role;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('memberships')
            .select('memberships.id')
            .whereRef('memberships.user_id', '=', 'users.id')
            .where('memberships.tenant_id', '=', tenantId)
            .where('memberships.role', '=', role)
            .where('memberships.deleted_at', 'is', null),
        ),
      );
    }
    const [rows, count] = await Promise.all([
      query.selectAll('users').orderBy('users.username').limit(filter.limit).offset(filter.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /**
   * Optimistic update: applies only if the row is still at `expectedVersion`, bumps the
   * version and, when `roles` is given, makes those the user's live roles in the same
   * transaction. False when the user changed meanwhile.
   */
  async update(
    tenantId: string,
    id: string,
    expectedVersion: number,
    patch: Updateable<UsersTable> & { updated_at: string },
    roles?: readonly Role[],
  ): Promise<boolean> {
    identityChanges.bump(tenantId);
    const apply = async (db: Db): Promise<boolean> => {
      const result = await db
        .updateTable('users')
        .set({ ...patch, version: expectedVersion + 1 })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      if (roles) await new UsersRepo(db).applyRoles({ id, tenant_id: tenantId }, roles, patch.updated_at);
      return true;
    };
    return roles ? this.db.transaction().execute(apply) : apply(this.db);
  }

  /** Revives, adds or tombstones membership rows so the live roles are `roles`. Call inside a transaction. */
  async applyRoles(
    user: Pick<UserRow, 'id' | 'tenant_id'>,
    roles: readonly Role[],
    now: string,
  ): Promise<void> {
    identityChanges.bump(user.tenant_id);
    const existing = await this.membershipsOf(user.tenant_id, [user.id]);
    const byRole = new Map(existing.map((m) => [m.role, m]));
    for (const row of existing) {
      const wanted = roles.includes(row.role);
      if (wanted === (row.deleted_at === null)) continue;
      await this.db
        .updateTable('memberships')
        .set({ deleted_at: wanted ? null : now, updated_at: now, version: row.version + 1 })
        .where('id', '=', row.id)
        .execute();
    }
    const added = roles.filter((r) => !byRole.has(r));
    if (added.length > 0) {
      await this.db
        .insertInto('memberships')
        .values(
          added.map((role) =>
            membershipRow({ id: user.id, tenant_id: user.tenant_id, created_at: now }, role),
          ),
        )
        .execute();
    }
  }

  /** Tombstones the user and their memberships and class places; frees the username for reuse. */
  async softDelete(user: UserRow, now: string): Promise<boolean> {
    identityChanges.bump(user.tenant_id);
    return this.db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('users')
        .set({
          // A tombstone keeps its row for sync; `~` never appears in a valid username, so this cannot collide.
          username: `${user.username}~deleted~${user.id}`,
          deleted_at: now,
          updated_at: now,
          version: user.version + 1,
          password_hash: null,
          pin_hash: null,
        })
        .where('id', '=', user.id)
        .where('version', '=', user.version)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return false;
      for (const table of ['memberships', 'class_members'] as const) {
        await trx
          .updateTable(table)
          .set((eb) => ({ deleted_at: now, updated_at: now, version: eb('version', '+', 1) }))
          .where('tenant_id', '=', user.tenant_id)
          .where('user_id', '=', user.id)
          .where('deleted_at', 'is', null)
          .execute();
      }
      return true;
    });
  }
}

export function membershipRow(
  user: Pick<UserRow, 'id' | 'tenant_id' | 'created_at'>,
  role: Role,
): Insertable<MembershipsTable> {
  return {
    id: uuidv7(),
    tenant_id: user.tenant_id,
    user_id: user.id,
    role,
    created_at: user.created_at,
    updated_at: user.created_at,
    version: 1,
    deleted_at: null,
  };
}
