import type { Updateable } from 'kysely';
import type { Db, Tx } from './database.js';
import type { Database, SyncColumns } from './schema.js';

/** The tables of mutable, synced, tenant-owned rows: `id`, `tenant_id`, version and tombstone. */
export type VersionedTable = {
  [T in keyof Database]: Database[T] extends SyncColumns & { id: string; tenant_id: string } ? T : never;
}[keyof Database];

/**
 * Optimistic update of a live row: applies `patch` and bumps `version` only if the row is
 * still at `expectedVersion`; false when someone changed (or deleted) it meanwhile.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Db | Tx,
  table: T,
  key: { tenantId: string; id: string; expectedVersion: number },
  patch: Updateable<Database[T]>,
): Promise<boolean> {
  // Kysely cannot narrow column names over a union of tables; every VersionedTable has these columns.
  const rows = db as unknown as Db;
  const result = await rows
    .updateTable(table as 'categories')
    .set({ ...(patch as Updateable<Database['categories']>), version: key.expectedVersion + 1 })
    .where('tenant_id', '=', key.tenantId)
    .where('id', '=', key.id)
    .where('version', '=', key.expectedVersion)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
