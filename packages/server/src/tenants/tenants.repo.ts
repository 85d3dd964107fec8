import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { TenantsTable } from '../db/schema.js';

export type TenantRow = Selectable<TenantsTable>;

export class TenantsRepo {
  constructor(private readonly db: Db) {}

  async insert(row: Insertable<TenantsTable>): Promise<void> {
    await this.db.insertInto('tenants').values(row).execute();
  }

  async bySlug(slug: string): Promise<TenantRow | undefined> {
    return this.db
      .selectFrom('tenants')
      .selectAll()
      .where('slug', '=', slug)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async byId(id: string): Promise<TenantRow | undefined> {
    return this.db
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async list(): Promise<TenantRow[]> {
    return this.db
      .selectFrom('tenants')
      .selectAll()
      .where('deleted_at', 'is', null)
      .orderBy('name')
      .execute();
  }

  /** Optimistic update: applies only if the row is still at `expectedVersion`. */
  async update(id: string, expectedVersion: number, patch: Updateable<TenantsTable>): Promise<boolean> {
    const result = await this.db
      .updateTable('tenants')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async storageUsed(tenantId: string): Promise<number> {
    const row = await this.db
      .selectFrom('blobs')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('used'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return Number(row?.used ?? 0);
  }
}
