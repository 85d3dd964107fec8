import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { LrsCredentialsTable } from '../db/schema.js';

export type LrsCredentialRow = Selectable<LrsCredentialsTable>;

export class LrsCredentialsRepo {
  constructor(private readonly db: Db) {}

  async insert(row: Insertable<LrsCredentialsTable>): Promise<void> {
    await this.db.insertInto('lrs_credentials').values(row).execute();
  }

  /** An unrevoked credential by key, on a live tenant. */
  async liveByKey(key: string): Promise<LrsCredentialRow | undefined> {
    return this.db
      .selectFrom('lrs_credentials')
      .innerJoin('tenants', 'tenants.id', 'lrs_credentials.tenant_id')
      .selectAll('lrs_credentials')
      .where('lrs_credentials.key', '=', key)
      .where('lrs_credentials.revoked_at', 'is', null)
      .where('tenants.deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async list(tenantId: string): Promise<LrsCredentialRow[]> {
    return this.db
      .selectFrom('lrs_credentials')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async revoke(tenantId: string, id: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('lrs_credentials')
      .set({ revoked_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
