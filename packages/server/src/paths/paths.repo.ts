import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import { updateVersioned } from '../db/versioned.js';
import type { LearningPathsTable } from '../db/schema.js';

export type PathRow = Selectable<LearningPathsTable>;

export class PathsRepo {
  constructor(private readonly db: Db) {}

  async insert(row: Insertable<LearningPathsTable>): Promise<void> {
    await this.db.insertInto('learning_paths').values(row).execute();
  }

  async byId(tenantId: string, id: string): Promise<PathRow | undefined> {
    return this.db
      .selectFrom('learning_paths')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async byIds(tenantId: string, ids: readonly string[]): Promise<PathRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('learning_paths')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...new Set(ids)])
      .where('deleted_at', 'is', null)
      .execute();
  }

  async list(tenantId: string, options: { publishedOnly: boolean }): Promise<PathRow[]> {
    let q = this.db
      .selectFrom('learning_paths')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null);
    if (options.publishedOnly) q = q.where('published', '=', 1);
    return q.orderBy('title').orderBy('id').execute();
  }

  /** Optimistic update: applies only if the row is still at `expectedVersion`. */
  async update(
    tenantId: string,
    id: string,
    expectedVersion: number,
    patch: Updateable<LearningPathsTable>,
  ): Promise<boolean> {
    return updateVersioned(this.db, 'learning_paths', { tenantId, id, expectedVersion }, patch);
  }

  async tombstone(tenantId: string, id: string, now: string): Promise<void> {
    await this.db
      .updateTable('learning_paths')
      .set((eb) => ({ deleted_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }
}
