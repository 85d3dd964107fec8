import { applyLocalEdit, type RecordFields } from '@satchel/core';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import {
  FIELD_KINDS_SPEC,
  fieldValues,
  stableJson,
  touchedColumn,
  type FieldKindSpec,
} from './sync.kinds.js';
import { walkNewRows, type InsertOnlyTable } from './sync.marks.js';
import { stampImmutable, withSession, type StampSession } from './sync.session.js';

const CHUNK = 500;
/**
 * Incremental scans of field kinds look at rows changed this recently; full scans (start, every
 * sync) catch the rest. Statements and quiz attempts have no window: they are found from a mark.
 */
const WINDOW_MS = 15 * 60_000;

const INSERT_ONLY: readonly InsertOnlyTable[] = [
  { table: 'quiz_attempts', kind: 'quiz_attempt', stored: 'stored_at' },
  { table: 'statements', kind: 'statement', stored: 'stored' },
];

type Row = Record<string, unknown> & { id: string; tenant_id: string; version: number; updated_at: string };

export interface HeldRecord {
  fields: RecordFields;
  row_version: number | null;
  instance_id: string;
  counter: number;
}

/**
 * Change tracking: every synced row written locally, by any code path (services, CSV
 * imports, the CLI), gets a new (instance, counter) and per-field HLC stamps for exactly
 * the fields whose values changed. A row is "changed" when its version moved since it was
 * last stamped — every write path bumps `version` (decision 0001) — so no write path
 * needs to know about sync. Statements are immutable: each gets one counter.
 */
export class SyncTracker {
  private running: Promise<number> | null = null;
  private again = false;
  private full = false;
  /** Whether the next scan covers statements too (applying a batch needs only field kinds stamped). */
  private statements = false;
  /** Rows of the insert-only tables that scans have read so far (stamped or not): tests, benchmark. */
  readonly rowsRead = { statement: 0, quiz_attempt: 0 };

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Stamps everything not stamped yet. Calls made while a scan runs are coalesced into
   * one more scan, so bursts of writes cost one scan and stamps never race each other.
   */
  async stampPending(options: { full?: boolean; statements?: boolean } = {}): Promise<number> {
    this.full ||= options.full === true;
    this.statements ||= options.statements !== false;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          const full = this.full;
          const statements = this.statements;
          this.full = false;
          this.statements = false;
          total += await this.scan(full, statements);
        } while (this.again);
        return total;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async scan(full: boolean, statements: boolean): Promise<number> {
    const since = full ? '' : new Date(this.clock.now().getTime() - WINDOW_MS).toISOString();
    let total = 0;
    // Nothing pending (the usual case): no write transaction opened, so no commit to wait for
    // (a PostgreSQL commit is a WAL flush; this scan runs before every batch applied). One query
    // asks every field kind at once: one round trip, not one per kind.
    const unstamped = (spec: FieldKindSpec) => sql`
      select 1 from ${sql.table(spec.table)} t
      left join sync_records s on s.tenant_id = t.tenant_id and s.kind = ${spec.kind} and s.record_id = t.id
      where (s.row_version is null or s.row_version <> t.version) and ${sql.ref(`t.${touchedColumn(spec)}`)} >= ${since}`;
    const { rows: flagged } = await sql<{ k: number }>`${sql.join(
      FIELD_KINDS_SPEC.map((spec, k) => sql`select ${sql.lit(k)} as k where exists (${unstamped(spec)})`),
      sql` union all `,
    )}`.execute(this.db);
    const pending = new Set(flagged.map((r) => Number(r.k)));
    for (const [k, spec] of FIELD_KINDS_SPEC.entries()) {
      if (!pending.has(k)) continue;
      const touched = sql.ref(`t.${touchedColumn(spec)}`);
      for (;;) {
        const n = await withSession(
          this.db,
          () => this.clock.now().getTime(),
          async (tx, session) => {
            const { rows } = await sql<
              Row & {
                s_version: number | null;
                s_fields: string | null;
                s_instance: string | null;
                s_counter: number | null;
              }
            >`
            select t.*, s.row_version as s_version, s.fields as s_fields, s.instance_id as s_instance, s.counter as s_counter
            from ${sql.table(spec.table)} t
            left join sync_records s on s.tenant_id = t.tenant_id and s.kind = ${spec.kind} and s.record_id = t.id
            where (s.row_version is null or s.row_version <> t.version) and ${touched} >= ${since}
            order by ${touched}, t.id limit ${CHUNK}`.execute(tx);
            for (const row of rows) {
              const held =
                row.s_fields === null
                  ? undefined
                  : {
                      fields: JSON.parse(row.s_fields) as RecordFields,
                      row_version: row.s_version,
                      instance_id: row.s_instance ?? '',
                      counter: Number(row.s_counter),
                    };
              await stampRow(tx, session, spec, row, held, this.nowIso());
            }
            return rows.length;
          },
        );
        total += n;
        if (n < CHUNK) break;
      }
    }
    // Immutable records (quiz attempts, statements) are a union by id: applying a batch needs
    // none of them stamped first, so `statements: false` skips both. Both tables are insert-only:
    // each scan reads only the rows stored since the last one (sync.marks.ts), so a scan with
    // nothing new costs a few index probes however many rows the tables hold.
    if (!statements) return total;
    for (const spec of INSERT_ONLY) {
      const read = await walkNewRows(
        this.db,
        spec,
        async (rows, finish) => {
          await withSession(
            this.db,
            () => this.clock.now().getTime(),
            async (tx, session) => {
              await stampImmutable(tx, session, spec.kind, rows, this.nowIso());
              await finish?.(tx);
            },
          );
          total += rows.length;
        },
        () => this.nowIso(),
      );
      this.rowsRead[spec.kind] += read;
    }
    return total;
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }
}

/**
 * Stamps one local row: registers for the fields that changed since its last stamp, and a
 * new counter if any did. Used by the scan and by apply (a local edit not stamped yet must
 * be stamped before a remote version is merged into it, or it would be overwritten).
 */
export async function stampRow(
  tx: Tx,
  session: StampSession,
  spec: FieldKindSpec,
  row: Record<string, unknown> & { id: string; tenant_id: string; version: number },
  held: HeldRecord | undefined,
  now: string,
): Promise<HeldRecord> {
  const { fields, changed } = applyLocalEdit(held?.fields ?? {}, fieldValues(spec, row), () =>
    session.hlc.send(),
  );
  if (held && changed.length === 0) {
    await tx
      .updateTable('sync_records')
      .set({ row_version: row.version })
      .where('tenant_id', '=', row.tenant_id)
      .where('kind', '=', spec.kind)
      .where('record_id', '=', row.id)
      .execute();
    return { ...held, row_version: row.version };
  }
  const next: HeldRecord = {
    fields,
    row_version: row.version,
    instance_id: session.instanceId,
    counter: session.next(),
  };
  await putRecord(tx, row.tenant_id, spec, row, next, now);
  return next;
}

export async function putRecord(
  tx: Tx,
  tenantId: string,
  spec: FieldKindSpec,
  row: Record<string, unknown> & { id: string },
  record: HeldRecord,
  now: string,
): Promise<void> {
  const values = {
    instance_id: record.instance_id,
    counter: record.counter,
    row_version: record.row_version,
    fields: stableJson(record.fields),
    user_id: spec.userOf(row),
    class_id: spec.classOf(row),
    updated_at: now,
  };
  await tx
    .insertInto('sync_records')
    .values({ tenant_id: tenantId, kind: spec.kind, record_id: row.id, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'record_id']).doUpdateSet(values))
    .execute();
}
