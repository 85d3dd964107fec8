// Finding the rows of an insert-only table (statements, quiz attempts) stored since the tracker's last
// scan, from a saved mark: a scan with nothing new reads nothing, whatever the table holds.
//
// Why not a window of `stored` times: a row's stored time is taken before its transaction commits,
// on the clock of whichever process (hub, CLI, one of several national replicas) wrote it, so a row
// can become visible after a later one was already scanned. A window (it was 15 minutes) catches most
// late rows but re-reads every recent row at every sync, and misses a row later than the window.
//
// The mark follows commit order instead:
// - SQLite: the rowid. One writer at a time holds the database's write lock from its first insert to
//   its commit, and a new rowid is the largest plus one, so the rows a reader sees are always every
//   row up to some rowid. The mark is the last rowid read (and that row's id: if the row at the mark is
//   gone or another one — rows at the end deleted, their rowids handed out again — the scan walks the
//   whole table once).
// - PostgreSQL: sequences are handed out before commit, so a rowid-like number is not enough. Each
//   row notes the transaction that wrote it (`sync_tx`, migration 0900: a 64-bit xid, never wraps).
//   Before reading, the scan takes the oldest transaction still running anywhere on the server
//   (`pg_snapshot_xmin`): every transaction older than that has ended, so its rows are visible to the
//   reads that follow. That xid becomes the mark; the next scan reads rows of transactions from it on
//   (re-reading the few of transactions that were still running, which is harmless: stamping skips
//   rows stamped already). A transaction left open for hours holds the mark back: scans then re-read
//   what was stored since it began, still missing nothing.
// With no mark yet (a database from before migration 0900, or a new one), the first scan walks the
// whole table by its (tenant_id, stored, id) index, as every scan used to.
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { StampSession } from './sync.session.js';

export interface InsertOnlyTable {
  table: 'statements' | 'quiz_attempts';
  kind: 'statement' | 'quiz_attempt';
  /** The column ordering the first, whole-table walk (with tenant_id and id: an index). */
  stored: 'stored' | 'stored_at';
}

export interface NewRow {
  tenant_id: string;
  id: string;
  user_id: string | null;
}

interface ReadRow extends NewRow {
  seq: number | string | null;
  stamped: number | boolean | null;
}

/** The row a SQLite mark points at: the scan checks it is still there before trusting the mark. */
interface Mark {
  seq: number;
  id: string | null;
}

const CHUNK = 500;

/**
 * Stamps rows in one transaction, committed when it returns; `finish`, when given, runs last in that
 * same transaction (the walk saves its new mark there: one commit for the last chunk and the mark).
 */
export type StampRows = (rows: readonly NewRow[], finish?: (tx: Db) => Promise<void>) => Promise<void>;

/**
 * Walks the rows stored since the last scan of `table`, `CHUNK` at a time, passing those not stamped
 * yet to `stamp`, then saves the new mark (with the last stamps when there are any). A scan that
 * finds nothing new writes nothing. Returns how many rows were read (stamped or not; the first,
 * whole-table walk counts those it stamped), for tests and the benchmark.
 */
export async function walkNewRows(
  db: Db,
  spec: InsertOnlyTable,
  stamp: StampRows,
  now: () => string,
): Promise<number> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const saved = await readMark(db, spec.table);
  // What the mark will be once this scan is done, taken before any row is read.
  const next = pg ? await oldestRunning(db) : await lastRow(db, spec.table);
  const valid = saved !== null && (pg || (await markHolds(db, spec.table, saved)));
  let read = 0;
  if (!valid) {
    read = await walkAll(db, spec, stamp);
    // Set, not only moved forward: on SQLite a mark that no longer holds may be past the table's end.
    await saveMark(db, spec.table, next, now(), { force: true });
    await dropSpans(db, spec.table, next.seq);
    return read;
  }
  // Spans a sync batch stored with their stamps are skipped: the walk reads the gaps between them.
  const spans = await stampedSpans(db, spec.table, saved.seq);
  let after: { seq: number; tenant: string; id: string } = { seq: saved.seq, tenant: '', id: '' };
  let last: Mark | null = null;
  let marked = false;
  const finish = async (tx: Db): Promise<void> => {
    // PostgreSQL: the oldest transaction running when the scan began; SQLite: the last row passed.
    const mark = pg ? next : last!;
    await saveMark(tx, spec.table, mark, now());
    if (spans.length > 0) await dropSpans(tx, spec.table, mark.seq);
    marked = true;
  };
  // PostgreSQL: which gaps between spans hold any row, asked in one query (a server that just took a
  // hub's backlog has a span per push page; most gaps between them are empty).
  const empty = pg ? await emptyGaps(db, spec.table, saved.seq, spans) : new Set<number>();
  for (let gap = 0; gap <= spans.length; gap += 1) {
    const before = spans[gap]?.from ?? null;
    if (empty.has(gap)) {
      const span = spans[gap]!;
      after = { seq: span.to + 1, tenant: '', id: '' };
      continue;
    }
    const upTo = before === null ? sql`` : sql`and ${pg ? sql`t.sync_tx` : sql`t.rowid`} < ${before}`;
    for (;;) {
      const stamped = sql`(select 1 from sync_records s
        where s.tenant_id = t.tenant_id and s.kind = ${spec.kind} and s.record_id = t.id)`;
      const { rows } = pg
        ? // From the mark on, inclusive: rows of the transaction the mark names may not have been read.
          await sql<ReadRow>`
            select t.tenant_id, t.id, t.user_id, t.sync_tx as seq, ${stamped} as stamped
            from ${sql.table(spec.table)} t
            where (t.sync_tx, t.tenant_id, t.id) > (${after.seq}, ${after.tenant}, ${after.id}) ${upTo}
            order by t.sync_tx, t.tenant_id, t.id limit ${CHUNK}`.execute(db)
        : await sql<ReadRow>`
            select t.tenant_id, t.id, t.user_id, t.rowid as seq, ${stamped} as stamped
            from ${sql.table(spec.table)} t
            where t.rowid > ${after.seq} ${upTo}
            order by t.rowid limit ${CHUNK}`.execute(db);
      read += rows.length;
      const end = rows.at(-1);
      if (end) {
        after = { seq: Number(end.seq), tenant: end.tenant_id, id: end.id };
        last = { seq: Number(end.seq), id: end.id };
      }
      const final = rows.length < CHUNK && gap === spans.length;
      const fresh = rows.filter((r) => r.stamped === null);
      if (fresh.length > 0)
        await stamp(
          fresh.map(({ tenant_id, id, user_id }) => ({ tenant_id, id, user_id })),
          final ? finish : undefined,
        );
      if (rows.length < CHUNK) break;
    }
    const span = spans[gap];
    if (span) {
      // SQLite: past the span's last rowid (the row there is the mark if nothing follows).
      // PostgreSQL: past every row of the span's transaction.
      after = pg ? { seq: span.to + 1, tenant: '', id: '' } : { seq: span.to, tenant: '', id: '' };
      if (!pg) last = { seq: span.to, id: span.lastId };
    }
  }
  // Nothing new (no row read, no span passed): the saved mark is still right, and nothing is written.
  // Rows read but all stamped already (a sync batch's): the mark alone, in one statement or two.
  if (!marked && (read > 0 || spans.length > 0)) await finish(db);
  return read;
}

/** The whole-table walk, by the (tenant_id, stored, id) index, of rows without a stamp. */
async function walkAll(db: Db, spec: InsertOnlyTable, stamp: StampRows): Promise<number> {
  let read = 0;
  const tenants = await db.selectFrom('tenants').select('id').execute();
  for (const { id: tenantId } of tenants) {
    let after = { stored: '', id: '' };
    for (;;) {
      // A correlated probe of the stamps' primary key, not a join: PostgreSQL without fresh
      // statistics (a national server just given a hub's backlog, autovacuum behind) planned
      // the join as a nested loop over every stamp — a million squared.
      const { rows } = await sql<NewRow & { stored: string }>`
        select t.id, t.user_id, t.${sql.raw(spec.stored)} as stored, t.tenant_id from ${sql.table(spec.table)} t
        where t.tenant_id = ${tenantId} and (t.${sql.raw(spec.stored)}, t.id) > (${after.stored}, ${after.id})
          and (select 1 from sync_records s
               where s.tenant_id = t.tenant_id and s.kind = ${spec.kind} and s.record_id = t.id) is null
        order by t.${sql.raw(spec.stored)}, t.id limit ${CHUNK}`.execute(db);
      if (rows.length === 0) break;
      read += rows.length;
      await stamp(rows.map(({ tenant_id, id, user_id }) => ({ tenant_id, id, user_id })));
      if (rows.length < CHUNK) break;
      const end = rows.at(-1)!;
      after = { stored: end.stored, id: end.id };
    }
  }
  return read;
}

async function readMark(db: Db, table: string): Promise<Mark | null> {
  const { rows } = await sql<{ mark: number | string; mark_id: string | null }>`
    select mark, mark_id from sync_scan_marks where name = ${table}`.execute(db);
  const row = rows[0];
  return row ? { seq: Number(row.mark), id: row.mark_id } : null;
}

/** Moves a mark forward only: two scans running at once (two processes) each read up to their own. */
async function saveMark(
  db: Db,
  table: string,
  mark: Mark,
  now: string,
  options = { force: false },
): Promise<void> {
  const forward = options.force ? sql`` : sql`where excluded.mark > sync_scan_marks.mark`;
  await sql`
    insert into sync_scan_marks (name, mark, mark_id, updated_at) values (${table}, ${mark.seq}, ${mark.id}, ${now})
    on conflict (name) do update set mark = excluded.mark, mark_id = excluded.mark_id, updated_at = excluded.updated_at
    ${forward}`.execute(db);
}

/** PostgreSQL: the oldest transaction still running on the server (every older one has ended). */
async function oldestRunning(db: Db): Promise<Mark> {
  const { rows } = await sql<{ xmin: number | string }>`
    select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as xmin`.execute(db);
  return { seq: Number(rows[0]!.xmin), id: null };
}

interface Span {
  from: number;
  to: number;
  /** SQLite: the id of the row at `to`, which becomes the mark when the span ends the walk. */
  lastId: string | null;
}

/**
 * Notes, inside a sync batch's transaction, that every row it stored in `table` has its stamp already
 * (written in the same transaction), so the scan need not read them. SQLite: the rowids from `start`
 * (`spanStart`, taken before the batch's inserts; the transaction holds the write lock throughout) to
 * the last one now. PostgreSQL: the transaction's xid, written with the session's close (no round trip).
 */
export async function noteStamped(
  tx: Db,
  session: StampSession,
  table: InsertOnlyTable['table'],
  start: number | null,
): Promise<void> {
  if (tx.getExecutor().adapter instanceof PostgresAdapter) {
    session.atClose(sql`insert into sync_stamped_spans (name, seq_from, seq_to)
      select ${table}, x, x from (select pg_current_xact_id()::text::bigint as x) cur
      on conflict (name, seq_from) do nothing`);
    return;
  }
  const end = await lastRow(tx, table);
  if (start === null || end.seq <= start) return;
  await sql`insert into sync_stamped_spans (name, seq_from, seq_to) values (${table}, ${start + 1}, ${end.seq})
    on conflict (name, seq_from) do update set seq_to = excluded.seq_to`.execute(tx);
}

/** SQLite: the last rowid of `table` before a batch inserts (see `noteStamped`); PostgreSQL: null. */
export async function spanStart(tx: Db, table: InsertOnlyTable['table']): Promise<number | null> {
  if (tx.getExecutor().adapter instanceof PostgresAdapter) return null;
  return (await lastRow(tx, table)).seq;
}

async function stampedSpans(db: Db, table: string, from: number): Promise<Span[]> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const { rows } = await sql<{ seq_from: number | string; seq_to: number | string; last_id: string | null }>`
    select k.seq_from, k.seq_to, ${pg ? sql`null` : sql`(select t.id from ${sql.table(table)} t where t.rowid = k.seq_to)`} as last_id
    from sync_stamped_spans k where k.name = ${table} and k.seq_to ${pg ? sql`>=` : sql`>`} ${from}
    order by k.seq_from`.execute(db);
  return rows.map((r) => ({ from: Number(r.seq_from), to: Number(r.seq_to), lastId: r.last_id }));
}

/**
 * PostgreSQL: the gaps before each span (gap i: rows of transactions after span i - 1, or from the
 * mark, and before span i) that hold no row, by one index probe each inside one query.
 */
async function emptyGaps(db: Db, table: string, mark: number, spans: readonly Span[]): Promise<Set<number>> {
  if (spans.length === 0) return new Set();
  const lows = spans.map((_, i) => (i === 0 ? mark - 1 : spans[i - 1]!.to));
  const highs = spans.map((s) => s.from);
  const { rows } = await sql<{ k: number | string }>`
    select g.k from unnest(${lows}::bigint[], ${highs}::bigint[]) with ordinality as g(lo, hi, k)
    where not exists (select 1 from ${sql.table(table)} t where t.sync_tx > g.lo and t.sync_tx < g.hi)`.execute(
    db,
  );
  return new Set(rows.map((r) => Number(r.k) - 1));
}

/** Spans wholly before the new mark are of no more use. */
async function dropSpans(db: Db, table: string, mark: number): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql`delete from sync_stamped_spans where name = ${table} and seq_to ${pg ? sql`<` : sql`<=`} ${mark}`.execute(
    db,
  );
}

/** SQLite: the last row of the table now (rowid 0: empty). */
async function lastRow(db: Db, table: string): Promise<Mark> {
  const { rows } = await sql<{ seq: number; id: string }>`
    select rowid as seq, id from ${sql.table(table)} order by rowid desc limit 1`.execute(db);
  const row = rows[0];
  return row ? { seq: Number(row.seq), id: row.id } : { seq: 0, id: null };
}

/** SQLite: whether the row the mark points at is still the one it was (no rowid handed out twice). */
async function markHolds(db: Db, table: string, mark: Mark): Promise<boolean> {
  // Taken on an empty table: every row there is now comes after it.
  if (mark.seq === 0) return true;
  const { rows } = await sql<{ id: string }>`
    select id from ${sql.table(table)} where rowid = ${mark.seq}`.execute(db);
  return rows[0]?.id === mark.id;
}
