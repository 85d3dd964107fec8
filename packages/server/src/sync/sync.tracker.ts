import { applyLocalEdit, type RecordFields } from '@satchel/core';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { FIELD_KINDS_SPEC, fieldValues, stableJson, type FieldKindSpec } from './sync.kinds.js';
import { withSession, type StampSession } from './sync.session.js';

const CHUNK = 500;
/** Incremental scans look at rows changed this recently; full scans (start, every sync) catch the rest. */
const WINDOW_MS = 15 * 60_000;

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

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Stamps everything not stamped yet. Calls made while a scan runs are coalesced into
   * one more scan, so bursts of writes cost one scan and stamps never race each other.
   */
  async stampPending(options: { full?: boolean } = {}): Promise<number> {
    this.full ||= options.full === true;
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
          this.full = false;
          total += await this.scan(full);
        } while (this.again);
        return total;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async scan(full: boolean): Promise<number> {
    const since = full ? '' : new Date(this.clock.now().getTime() - WINDOW_MS).toISOString();
    let total = 0;
    for (const spec of FIELD_KINDS_SPEC) {
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
            where (s.row_version is null or s.row_version <> t.version) and t.updated_at >= ${since}
            order by t.updated_at, t.id limit ${CHUNK}`.execute(tx);
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
    for (;;) {
      const n = await withSession(
        this.db,
        () => this.clock.now().getTime(),
        async (tx, session) => {
          const { rows } = await sql<{ tenant_id: string; id: string; user_id: string | null }>`
          select st.tenant_id, st.id, st.user_id from statements st
          left join sync_records s on s.tenant_id = st.tenant_id and s.kind = 'statement' and s.record_id = st.id
          where s.record_id is null and st.stored >= ${since}
          order by st.stored, st.id limit ${CHUNK}`.execute(tx);
          if (rows.length === 0) return 0;
          const now = this.nowIso();
          await tx
            .insertInto('sync_records')
            .values(
              rows.map((r) => ({
                tenant_id: r.tenant_id,
                kind: 'statement',
                record_id: r.id,
                instance_id: session.instanceId,
                counter: session.next(),
                row_version: null,
                fields: '{}',
                user_id: r.user_id,
                class_id: null,
                updated_at: now,
              })),
            )
            .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'record_id']).doNothing())
            .execute();
          return rows.length;
        },
      );
      total += n;
      if (n < CHUNK) break;
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
