import { sql, type Kysely } from 'kysely';
import { PostgresAdapter } from 'kysely';

// Sync, session 4: the change tracker finds statements and quiz attempts stored since its last scan
// from a saved mark instead of re-reading a 15-minute window of `stored` times (sync.marks.ts).
// SQLite: the mark is a rowid (one writer at a time, so rowids are handed out in commit order).
// PostgreSQL: sequences are not commit-ordered, so each row notes the transaction that wrote it
// (`sync_tx`, a 64-bit xid that never wraps) and the mark is the oldest transaction still running at
// the last scan. Rows stored before this migration have no `sync_tx`: the first scan walks them all.
// sync_stamped_spans: where a sync batch stored statements together with their stamps, so the scan
// need not read them again.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_scan_marks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('mark', 'bigint', (c) => c.notNull())
    .addColumn('mark_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Rows a sync batch stored with their stamps in the same transaction: the scan skips them (SQLite:
  // the rowids the batch's transaction took, from..to; PostgreSQL: its xid, from = to).
  await db.schema
    .createTable('sync_stamped_spans')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seq_from', 'bigint', (c) => c.notNull())
    .addColumn('seq_to', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_stamped_spans_pk', ['name', 'seq_from'])
    .execute();
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const table of ['statements', 'quiz_attempts']) {
    // No default while adding: existing rows stay NULL, so a big table is not rewritten.
    await sql`alter table ${sql.table(table)} add column sync_tx bigint`.execute(db);
    await sql`alter table ${sql.table(table)} alter column sync_tx set default (pg_current_xact_id()::text::bigint)`.execute(
      db,
    );
    await sql`create index ${sql.raw(`${table}_sync_tx`)} on ${sql.table(table)} (sync_tx, tenant_id, id)`.execute(
      db,
    );
  }
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
