import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { identityChanges } from './identity-changes.js';
import type { ApiTokensTable, RateLimitsTable, SessionsTable } from '../db/schema.js';

export type ApiTokenRow = Selectable<ApiTokensTable>;
export type RateLimitRow = Selectable<RateLimitsTable>;

/** The user behind a live session or token, as the actor resolver needs it. */
export interface CredentialOwner {
  credential_id: string;
  /** sessions.last_seen_at or api_tokens.last_used_at */
  last_seen: string | null;
  user_id: string;
  username: string;
  display_name: string;
  is_operator: number;
}

/** Sessions, API tokens and login rate limits: the only SQL of the auth domain. */
export class AuthRepo {
  constructor(private readonly db: Db) {}

  async insertSession(row: Insertable<SessionsTable>): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  /** The active, undeleted user of an unexpired session of this tenant. */
  async sessionOwner(tenantId: string, sessionId: string, now: string): Promise<CredentialOwner | undefined> {
    return this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as credential_id',
        'sessions.last_seen_at as last_seen',
        'users.id as user_id',
        'users.username',
        'users.display_name',
        'users.is_operator',
      ])
      .where('sessions.id', '=', sessionId)
      .where('sessions.tenant_id', '=', tenantId)
      .where('sessions.expires_at', '>', now)
      .where('users.tenant_id', '=', tenantId)
      .where('users.status', '=', 'active')
      .where('users.deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async touchSession(sessionId: string, now: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: expiresAt })
      .where('id', '=', sessionId)
      .execute();
  }

  async deleteSession(tenantId: string, sessionId: string): Promise<void> {
    identityChanges.bump(tenantId);
    await this.db
      .deleteFrom('sessions')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sessionId)
      .execute();
  }

  /** Ends every session of a user (password reset, disable, delete), except one when given. */
  async deleteUserSessions(tenantId: string, userId: string, exceptSessionId?: string): Promise<void> {
    identityChanges.bump(tenantId);
    let query = this.db
      .deleteFrom('sessions')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId);
    if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
    await query.execute();
  }

  /** Housekeeping: removes every expired session (an index range scan, usually empty). */
  async deleteExpiredSessions(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }

  async insertToken(row: Insertable<ApiTokensTable>): Promise<void> {
    await this.db.insertInto('api_tokens').values(row).execute();
  }

  /** The active, undeleted user of an unrevoked API token of this tenant. */
  async tokenOwner(tenantId: string, tokenHash: string): Promise<CredentialOwner | undefined> {
    return this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([
        'api_tokens.id as credential_id',
        'api_tokens.last_used_at as last_seen',
        'users.id as user_id',
        'users.username',
        'users.display_name',
        'users.is_operator',
      ])
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('api_tokens.tenant_id', '=', tenantId)
      .where('api_tokens.revoked_at', 'is', null)
      .where('users.tenant_id', '=', tenantId)
      .where('users.status', '=', 'active')
      .where('users.deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async touchToken(tokenId: string, now: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
  }

  async listTokens(tenantId: string, userId: string): Promise<ApiTokenRow[]> {
    return this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Revokes one of the user's tokens; false when there is no such live token. */
  async revokeToken(tenantId: string, userId: string, tokenId: string, now: string): Promise<boolean> {
    identityChanges.bump(tenantId);
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async revokeUserTokens(tenantId: string, userId: string, now: string): Promise<void> {
    identityChanges.bump(tenantId);
    await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async rateLimit(tenantId: string, key: string): Promise<RateLimitRow | undefined> {
    return this.db
      .selectFrom('rate_limits')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .executeTakeFirst();
  }

  /**
   * Counts one event against `key` in a fixed window, atomically (one upsert, so
   * concurrent replicas cannot lose a count): a window that started at or before
   * `staleBefore` restarts at `now` with a count of 1.
   */
  async hit(tenantId: string, key: string, now: string, staleBefore: string): Promise<void> {
    await this.db
      .insertInto('rate_limits')
      .values({ tenant_id: tenantId, key, window_start: now, count: 1 })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'key']).doUpdateSet((eb) => ({
          count: eb
            .case()
            .when('rate_limits.window_start', '<=', staleBefore)
            .then(1)
            .else(eb('rate_limits.count', '+', 1))
            .end(),
          window_start: eb
            .case()
            .when('rate_limits.window_start', '<=', staleBefore)
            .then(now)
            .else(eb.ref('rate_limits.window_start'))
            .end(),
        })),
      )
      .execute();
  }

  async clearRateLimit(tenantId: string, key: string): Promise<void> {
    await this.db
      .deleteFrom('rate_limits')
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .execute();
  }
}
