// Kinds merged field by field (users, classes, places, enrolments, plans, run-time data,
// documents): the join of per-field registers, the last writer by HLC wins, concurrent losers
// go to the conflict log. A record whose parent row has not arrived waits in sync_staging.
import {
  conflictKey,
  conflictsOf,
  latestStamp,
  mergeFields,
  winners,
  type RecordFields,
  type SyncRecord,
} from '@satchel/core';
import type { Db, Tx } from '../db/database.js';
import type { SyncConflictsTable } from '../db/schema.js';
import type { ApplyOptions, ApplyOutcome } from './sync.apply.js';
import { naturalId } from './sync.ids.js';
import {
  columnValues,
  ROLES_HUBS_CANNOT_GRANT,
  stableJson,
  touchedColumn,
  type FieldKindSpec,
} from './sync.kinds.js';
import type { StampSession } from './sync.session.js';
import { putRecord, stampRow, type HeldRecord } from './sync.tracker.js';

type Row = Record<string, unknown> & { id: string; tenant_id: string; version: number };

export async function applyFields(
  tx: Tx,
  session: StampSession,
  tenantId: string,
  spec: FieldKindSpec,
  record: SyncRecord,
  options: ApplyOptions,
  outcome: ApplyOutcome,
  now: string,
): Promise<void> {
  const incoming = (record.fields ?? {}) as RecordFields;
  const unknown = Object.keys(incoming).filter((f) => !spec.fields.includes(f));
  if (unknown.length > 0 || Object.keys(incoming).length === 0) {
    outcome.refused.push({
      kind: record.kind,
      id: record.id,
      reason: `unexpected fields: ${unknown.join(', ')}`,
    });
    return;
  }
  session.receive(latestStamp(incoming));
  const row = (await tx
    .selectFrom(spec.table)
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', record.id)
    .executeTakeFirst()) as Row | undefined;
  const rec = await tx
    .selectFrom('sync_records')
    .select(['fields', 'row_version', 'instance_id', 'counter'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', spec.kind)
    .where('record_id', '=', record.id)
    .executeTakeFirst();
  let held: HeldRecord | undefined = rec
    ? {
        fields: JSON.parse(rec.fields) as RecordFields,
        row_version: rec.row_version,
        instance_id: rec.instance_id,
        counter: Number(rec.counter),
      }
    : undefined;
  // A local edit not stamped yet is stamped first, so the merge sees it.
  if (row && (!held || held.row_version !== row.version))
    held = await stampRow(tx, session, spec, row, held, now);
  const merged = held ? mergeFields(held.fields, incoming) : mergeFields(incoming, {});
  const values = winners(merged);
  if (
    options.fromHub &&
    spec.kind === 'membership' &&
    ROLES_HUBS_CANNOT_GRANT.includes(String(values.role))
  ) {
    if (values.deleted_at === null && (!row || row.deleted_at !== null)) {
      outcome.refused.push({
        kind: record.kind,
        id: record.id,
        reason: `a hub cannot grant the ${String(values.role)} role`,
      });
      return;
    }
  }
  for (const parent of spec.parents ?? []) {
    const parentId = values[parent.column];
    const found =
      typeof parentId === 'string' &&
      (await tx
        .selectFrom(parent.table)
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', parentId)
        .executeTakeFirst());
    if (!found) {
      if (!row) await holdWaiting(tx, session, tenantId, spec, record, held, merged, now);
      await stage(tx, tenantId, record, now);
      outcome.staged += 1;
      // Out of this feed's scope until now (a learner who just joined a class): fetch them.
      if (parent.table === 'users' && typeof parentId === 'string') outcome.newClassMembers.push(parentId);
      return;
    }
  }
  const mergedText = stableJson(merged);
  // Nothing new: keep our stamp. Exactly the incoming state: adopt its stamp (so it is not
  // echoed back). A mix of both: a new version of ours, which then travels both ways.
  const next: HeldRecord =
    held && mergedText === stableJson(held.fields)
      ? held
      : mergedText === stableJson(incoming)
        ? { fields: merged, row_version: null, instance_id: record.i, counter: record.n }
        : { fields: merged, row_version: null, instance_id: session.instanceId, counter: session.next() };
  const columns = columnValues(spec, values);
  if (
    !columns ||
    (spec.naturalKey && naturalId(spec.naturalKey.map((k) => String(columns[k]))) !== record.id)
  ) {
    outcome.refused.push({ kind: record.kind, id: record.id, reason: 'malformed record' });
    return;
  }
  // This server's write time, unless the column travels (an xAPI document's `updated`).
  const touched = touchedColumn(spec) in columns ? {} : { [touchedColumn(spec)]: now };
  let version: number;
  if (row) {
    if (held && next === held && held.row_version === row.version) {
      // The same version stamped elsewhere too (two replicas made the same merge): the
      // later stamp wins on both (see laterStamp), so vectors end equal everywhere.
      if (mergedText === stableJson(incoming) && stampAfter(record, held)) {
        await putRecord(
          tx,
          tenantId,
          spec,
          { ...columns, id: record.id },
          { ...held, instance_id: record.i, counter: record.n },
          now,
        );
      }
      outcome.applied += 1;
      return; // nothing new
    }
    version = row.version + 1;
    await (tx as unknown as Db)
      .updateTable(spec.table as 'classes')
      .set({ ...touched, ...(columns as object), version })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', record.id)
      .execute();
  } else {
    version = 1;
    if (!(await makeRoom(tx, tenantId, spec, record.id, columns, outcome, now))) return;
    await (tx as unknown as Db)
      .insertInto(spec.table as 'classes')
      .values({
        ...spec.defaults,
        ...touched,
        ...(columns as object),
        id: record.id,
        tenant_id: tenantId,
        version,
      } as never)
      .execute();
    if (spec.kind === 'class_member' && typeof columns.user_id === 'string')
      outcome.newClassMembers.push(columns.user_id);
  }
  await putRecord(tx, tenantId, spec, { ...columns, id: record.id }, { ...next, row_version: version }, now);
  outcome.applied += 1;
  for (const c of conflictsOf(merged)) {
    const id = conflictKey(spec.kind, record.id, c.field, c.loser.h);
    const inserted = await insertConflict(tx, tenantId, {
      id,
      kind: spec.kind,
      record_id: record.id,
      field: c.field,
      loser_value: JSON.stringify(c.loser.v),
      loser_stamp: c.loser.h,
      winner_value: JSON.stringify(c.winner.v),
      winner_stamp: c.winner.h,
      recorded_at: now,
    });
    if (inserted) {
      outcome.conflicts += 1;
      await tx
        .insertInto('sync_records')
        .values({
          tenant_id: tenantId,
          kind: 'conflict',
          record_id: id,
          instance_id: session.instanceId,
          counter: session.next(),
          row_version: null,
          fields: '{}',
          user_id: spec.userOf({ ...columns, id: record.id }),
          class_id: spec.classOf({ ...columns, id: record.id }),
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'record_id']).doNothing())
        .execute();
    }
  }
}

/**
 * Unique keys that two replicas can fill independently: the same username created on two
 * hubs (the older account, by UUIDv7 id, keeps it; the other is renamed, visibly), or the
 * same role / class place given twice (the second row is kept only in the sync log).
 */
async function makeRoom(
  tx: Tx,
  tenantId: string,
  spec: FieldKindSpec,
  id: string,
  columns: Record<string, unknown>,
  outcome: ApplyOutcome,
  now: string,
): Promise<boolean> {
  if (spec.kind === 'user' && typeof columns.username === 'string') {
    const other = await tx
      .selectFrom('users')
      .select(['id', 'version'])
      .where('tenant_id', '=', tenantId)
      .where('username', '=', columns.username)
      .executeTakeFirst();
    if (!other) return true;
    const renamed = `${columns.username}~${(other.id < id ? id : other.id).slice(-6)}`;
    // Applied, renamed: a note for the admin, not a refusal.
    outcome.notes.push({
      kind: 'user',
      id,
      code: 'kept_apart',
      reason: `username ${columns.username} taken on two replicas; ${renamed} kept apart`,
    });
    if (other.id < id) {
      columns.username = renamed;
    } else {
      await tx
        .updateTable('users')
        .set({ username: renamed, version: other.version + 1, updated_at: now })
        .where('id', '=', other.id)
        .execute();
    }
    return true;
  }
  const key =
    spec.kind === 'membership'
      ? (['user_id', 'role'] as const)
      : spec.kind === 'class_member'
        ? (['class_id', 'user_id'] as const)
        : null;
  if (!key) return true;
  const [a, b] = key;
  const dup = await (tx as unknown as Db)
    .selectFrom(spec.table as 'class_members')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where(a as 'user_id', '=', String(columns[a]))
    .where(b as 'class_id', '=', String(columns[b]))
    .executeTakeFirst();
  if (dup) {
    outcome.refused.push({ kind: spec.kind, id, reason: `duplicate of ${dup.id}` });
    return false;
  }
  return true;
}

function stampAfter(record: SyncRecord, held: HeldRecord): boolean {
  return record.i > held.instance_id || (record.i === held.instance_id && record.n > held.counter);
}

async function insertConflict(
  tx: Tx,
  tenantId: string,
  row: Omit<SyncConflictsTable, 'tenant_id'>,
): Promise<boolean> {
  const result = await tx
    .insertInto('sync_conflicts')
    .values({ ...row, tenant_id: tenantId })
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * A record staged for its parent still counts as held here (in sync_records, with no row
 * yet): the feed is in (instance, counter) order, so later records of its instance arrive
 * while it waits and this database's vector covers its counter; a peer that pulls that
 * vector must get it from here, or never would. The row is written when the parent comes.
 */
async function holdWaiting(
  tx: Tx,
  session: StampSession,
  tenantId: string,
  spec: FieldKindSpec,
  record: SyncRecord,
  held: HeldRecord | undefined,
  merged: RecordFields,
  now: string,
): Promise<void> {
  const text = stableJson(merged);
  if (held && text === stableJson(held.fields)) return;
  const next: HeldRecord =
    text === stableJson(record.fields ?? {})
      ? { fields: merged, row_version: null, instance_id: record.i, counter: record.n }
      : { fields: merged, row_version: null, instance_id: session.instanceId, counter: session.next() };
  await putRecord(tx, tenantId, spec, { ...winners(merged), id: record.id }, next, now);
}

async function stage(tx: Tx, tenantId: string, record: SyncRecord, now: string): Promise<void> {
  const values = { record: JSON.stringify(record), staged_at: now };
  await tx
    .insertInto('sync_staging')
    .values({ tenant_id: tenantId, kind: record.kind, record_id: record.id, attempts: 0, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'record_id']).doUpdateSet(values))
    .execute();
}
