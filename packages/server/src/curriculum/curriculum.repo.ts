import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import { updateVersioned } from '../db/versioned.js';
import type { CurriculumFrameworksTable, CurriculumItemsTable } from '../db/schema.js';

export type FrameworkRow = Selectable<CurriculumFrameworksTable>;
export type CurriculumItemRow = Selectable<CurriculumItemsTable>;
export type CurriculumItemKindName = CurriculumItemRow['kind'];

export class CurriculumRepo {
  constructor(private readonly db: Db) {}

  async transaction<T>(fn: (repo: CurriculumRepo) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((tx) => fn(new CurriculumRepo(tx)));
  }

  async frameworks(tenantId: string): Promise<FrameworkRow[]> {
    return this.db
      .selectFrom('curriculum_frameworks')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null)
      .orderBy('code')
      .orderBy('id')
      .execute();
  }

  async framework(tenantId: string, id: string): Promise<FrameworkRow | undefined> {
    return this.db
      .selectFrom('curriculum_frameworks')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async frameworkByCode(tenantId: string, code: string): Promise<FrameworkRow | undefined> {
    return this.db
      .selectFrom('curriculum_frameworks')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('code', '=', code)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async insertFramework(row: Insertable<CurriculumFrameworksTable>): Promise<void> {
    await this.db.insertInto('curriculum_frameworks').values(row).execute();
  }

  /** Optimistic update: applies only if the row is still at `expectedVersion`. */
  async updateFramework(
    tenantId: string,
    id: string,
    expectedVersion: number,
    patch: Updateable<CurriculumFrameworksTable>,
  ): Promise<boolean> {
    return updateVersioned(this.db, 'curriculum_frameworks', { tenantId, id, expectedVersion }, patch);
  }

  /** Tombstones a framework and every entry in it. */
  async deleteFramework(tenantId: string, id: string, now: string): Promise<void> {
    await this.db
      .updateTable('curriculum_items')
      .set((eb) => ({ deleted_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('framework_id', '=', id)
      .where('deleted_at', 'is', null)
      .execute();
    await this.db
      .updateTable('curriculum_frameworks')
      .set((eb) => ({ deleted_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  /** Live entries of the tenant's frameworks (all, or one framework), in display order. */
  async items(tenantId: string, frameworkId?: string): Promise<CurriculumItemRow[]> {
    let q = this.db
      .selectFrom('curriculum_items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null);
    if (frameworkId) q = q.where('framework_id', '=', frameworkId);
    return q.orderBy('sort').orderBy('code').orderBy('id').execute();
  }

  async item(tenantId: string, id: string): Promise<CurriculumItemRow | undefined> {
    return this.db
      .selectFrom('curriculum_items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  /** Live entries among `ids` (any framework of the tenant). */
  async itemsByIds(tenantId: string, ids: readonly string[]): Promise<CurriculumItemRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('curriculum_items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...ids])
      .where('deleted_at', 'is', null)
      .execute();
  }

  /** The row holding (framework, kind, code), tombstoned or not: codes are unique per framework and kind. */
  async itemByCode(
    tenantId: string,
    frameworkId: string,
    kind: CurriculumItemKindName,
    code: string,
  ): Promise<CurriculumItemRow | undefined> {
    return this.db
      .selectFrom('curriculum_items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('framework_id', '=', frameworkId)
      .where('kind', '=', kind)
      .where('code', '=', code)
      .executeTakeFirst();
  }

  async nextSort(tenantId: string, frameworkId: string, kind: CurriculumItemKindName): Promise<number> {
    const row = await this.db
      .selectFrom('curriculum_items')
      .select((eb) => eb.fn.max('sort').as('max'))
      .where('tenant_id', '=', tenantId)
      .where('framework_id', '=', frameworkId)
      .where('kind', '=', kind)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }

  async insertItem(row: Insertable<CurriculumItemsTable>): Promise<void> {
    await this.db.insertInto('curriculum_items').values(row).execute();
  }

  /** Optimistic update; also revives a tombstoned row when the patch clears deleted_at. */
  async updateItem(
    tenantId: string,
    id: string,
    expectedVersion: number,
    patch: Updateable<CurriculumItemsTable>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('curriculum_items')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async deleteItem(tenantId: string, id: string, now: string): Promise<void> {
    await this.db
      .updateTable('curriculum_items')
      .set((eb) => ({ deleted_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  /** Live outcomes that point at a subject or grade. */
  async outcomesReferencing(tenantId: string, itemId: string): Promise<number> {
    const row = await this.db
      .selectFrom('curriculum_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'outcome')
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('subject_id', '=', itemId), eb('grade_id', '=', itemId)]))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async setSort(tenantId: string, id: string, sort: number, now: string): Promise<void> {
    await this.db
      .updateTable('curriculum_items')
      .set((eb) => ({ sort, updated_at: now, version: eb('version', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('sort', '!=', sort)
      .execute();
  }
}
