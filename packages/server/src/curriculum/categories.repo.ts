import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import { updateVersioned } from '../db/versioned.js';
import type { CategoriesTable } from '../db/schema.js';

export type CategoryRow = Selectable<CategoriesTable>;

export class CategoriesRepo {
  constructor(private readonly db: Db) {}

  async list(tenantId: string): Promise<CategoryRow[]> {
    return this.db
      .selectFrom('categories')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null)
      .orderBy('sort')
      .orderBy('id')
      .execute();
  }

  async byId(tenantId: string, id: string): Promise<CategoryRow | undefined> {
    return this.db
      .selectFrom('categories')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async insert(row: Insertable<CategoriesTable>): Promise<void> {
    await this.db.insertInto('categories').values(row).execute();
  }

  /** Optimistic update: applies only if the row is still at `expectedVersion`. */
  async update(
    tenantId: string,
    id: string,
    expectedVersion: number,
    patch: Updateable<CategoriesTable>,
  ): Promise<boolean> {
    return updateVersioned(this.db, 'categories', { tenantId, id, expectedVersion }, patch);
  }

  async countChildren(tenantId: string, id: string): Promise<number> {
    const row = await this.db
      .selectFrom('categories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('parent_id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async tombstone(tenantId: string, id: string, now: string): Promise<void> {
    await this.db
      .updateTable('categories')
      .set((eb) => ({ deleted_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }
}
