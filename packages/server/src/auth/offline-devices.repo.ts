import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { DeviceTokensTable } from '../db/schema.js';

export type DeviceTokenRow = Selectable<DeviceTokensTable>;

/** A device token with what its user looks like now: the service decides what it may still do. */
export interface DeviceTokenOwner extends DeviceTokenRow {
  username: string;
  display_name: string;
  is_operator: number;
  user_status: 'active' | 'disabled';
  user_updated_at: string;
  user_deleted_at: string | null;
}

/** Device tokens of the offline learner app: the only SQL of that part of the auth domain. */
export class DeviceTokensRepo {
  constructor(private readonly db: Db) {}

  async insert(row: Insertable<DeviceTokensTable>): Promise<void> {
    await this.db.insertInto('device_tokens').values(row).execute();
  }

  /** The token with this hash in this tenant, revoked or not, with its user (deleted or not). */
  async byHash(tenantId: string, tokenHash: string): Promise<DeviceTokenOwner | undefined> {
    return this.db
      .selectFrom('device_tokens')
      .innerJoin('users', 'users.id', 'device_tokens.user_id')
      .selectAll('device_tokens')
      .select([
        'users.username',
        'users.display_name',
        'users.is_operator',
        'users.status as user_status',
        'users.updated_at as user_updated_at',
        'users.deleted_at as user_deleted_at',
      ])
      .where('device_tokens.token_hash', '=', tokenHash)
      .where('device_tokens.tenant_id', '=', tenantId)
      .where('users.tenant_id', '=', tenantId)
      .executeTakeFirst();
  }

  async touch(id: string, now: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable('device_tokens')
      .set({ last_used_at: now, expires_at: expiresAt })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Sets revoked_at once; a token revoked earlier keeps its first time. */
  async revoke(tenantId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('device_tokens')
      .set({ revoked_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async listLive(tenantId: string, userId: string, now: string): Promise<DeviceTokenRow[]> {
    return this.db
      .selectFrom('device_tokens')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async ownedBy(tenantId: string, userId: string, id: string): Promise<DeviceTokenRow | undefined> {
    return this.db
      .selectFrom('device_tokens')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
