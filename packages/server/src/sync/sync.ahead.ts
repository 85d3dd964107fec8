import type { SyncRecord, VersionVector } from '@satchel/core';
import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../db/database.js';

// Records applied ahead of the in-order pull (migration 0960): a learner fetched at sign-in, a
// Cinema plan packed for the field. Such a record carries an upstream counter above what this hub
// has pulled, while the records of that instance in between have not come yet. Listed in
// `sync_ahead` with the (instance, counter) it was applied at, it is left out of this hub's
// vector and of its change feed (a learner's own fetch still gets it), so neither a hub of this
// hub nor a bundle made here claims the records in between. A mark goes once the in-order pull
// (or an upstream bundle) reaches its counter; a mark whose record was saved again since (a
// local edit, a later version) no longer matches its row and hides nothing.

/** A record's row still carries the (instance, counter) it was fetched ahead at. */
const MATCHES_ROW = sql`a.tenant_id = sync_records.tenant_id and a.kind = sync_records.kind
  and a.record_id = sync_records.record_id and a.instance_id = sync_records.instance_id
  and a.counter = sync_records.counter`;

/** For a query over `sync_records`: the row is not a record fetched ahead. */
export function notAhead(): RawBuilder<boolean> {
  return sql<boolean>`not exists (select 1 from sync_ahead a where ${MATCHES_ROW})`;
}

/** Whether the platform holds any record fetched ahead (the usual answer: no, nothing to filter). */
export async function anyAhead(db: Db, tenantId: string): Promise<boolean> {
  const { rows } = await sql`select 1 as one from sync_ahead where tenant_id = ${tenantId} limit 1`.execute(
    db,
  );
  return rows.length > 0;
}

/**
 * `vector` (max counter per instance) corrected for records fetched ahead: for an instance with
 * marks, the highest counter of a record that is not one (none: the instance is left out).
 */
export async function withoutAhead(
  db: Db,
  tenantId: string,
  vector: Record<string, number>,
): Promise<Record<string, number>> {
  const marked = await sql<{ instance_id: string }>`
    select distinct instance_id from sync_ahead where tenant_id = ${tenantId}`.execute(db);
  if (marked.rows.length === 0) return vector;
  const out = { ...vector };
  for (const { instance_id: instance } of marked.rows) {
    // Down the vector index from the top: stops at the first record not fetched ahead.
    const top = await sql<{ counter: number | string }>`
      select counter from sync_records where tenant_id = ${tenantId} and instance_id = ${instance}
        and ${notAhead()} order by counter desc limit 1`.execute(db);
    const counter = top.rows[0]?.counter;
    if (counter === undefined) delete out[instance];
    else out[instance] = Number(counter);
  }
  return out;
}

/**
 * In the batch's transaction, after it was applied: `records` (fetched ahead) whose row now
 * carries their (instance, counter) are marked. Records merged away (an older version than the
 * row's) or staged are not.
 */
export async function markAhead(tx: Tx, tenantId: string, records: readonly SyncRecord[]): Promise<void> {
  const kinds = new Set(records.map((r) => r.kind));
  // Per kind (the primary key's order: tenant, kind, record), a few hundred ids at a time.
  const chunks = [...kinds].flatMap((kind) => {
    const ofKind = records.filter((r) => r.kind === kind);
    const out: SyncRecord[][] = [];
    for (let i = 0; i < ofKind.length; i += 500) out.push(ofKind.slice(i, i + 500));
    return out;
  });
  for (const chunk of chunks) {
    const rows = await tx
      .selectFrom('sync_records')
      .select(['kind', 'record_id', 'instance_id', 'counter'])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', chunk[0]!.kind)
      .where('record_id', 'in', [...new Set(chunk.map((r) => r.id))])
      .execute();
    const held = new Set(
      rows.map((r) => `${r.kind}\n${r.record_id}\n${r.instance_id}\n${Number(r.counter)}`),
    );
    for (const r of chunk) {
      if (!held.has(`${r.kind}\n${r.id}\n${r.i}\n${r.n}`)) continue;
      await sql`insert into sync_ahead (tenant_id, kind, record_id, instance_id, counter)
        values (${tenantId}, ${r.kind}, ${r.id}, ${r.i}, ${r.n})
        on conflict (tenant_id, kind, record_id)
        do update set instance_id = excluded.instance_id, counter = excluded.counter`.execute(tx);
    }
  }
}

/** Marks the in-order stream has reached: per instance, every counter up to `covered`'s. */
export async function clearAhead(db: Db, tenantId: string, covered: VersionVector): Promise<void> {
  const terms = Object.entries(covered).map(
    ([instance, counter]) => sql`(instance_id = ${instance} and counter <= ${counter})`,
  );
  if (terms.length === 0 || !(await anyAhead(db, tenantId))) return;
  await sql`delete from sync_ahead where tenant_id = ${tenantId} and (${sql.join(terms, sql` or `)})`.execute(
    db,
  );
}

/**
 * What a page of an in-order feed covers: the feed goes per instance by counter and a pull asks
 * from what it holds, so once a page is applied every record of an instance up to the highest
 * counter of that instance in the page has come.
 */
export function pageCovers(records: readonly SyncRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) out[r.i] = Math.max(out[r.i] ?? 0, r.n);
  return out;
}
