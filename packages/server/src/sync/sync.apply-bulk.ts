// Field kinds in bulk: a run of records of one kind (learners, their roles, class places) costs a few
// queries for the whole run instead of five or six per record. What the run needs is read first (the
// rows and stamps held here, parents, the unique keys a new row could clash on); the usual record —
// new here, parents present, no clash, no conflict in its registers — is then decided in memory
// exactly as `applyFields` decides it, and its row and stamp are written with the others in a few
// multi-row INSERTs. Any other record (an edit of a row held here, a staged parent, a username taken,
// a duplicate place, conflicts to log) goes through `applyFields` itself, after the rows decided so
// far are written, so it sees what it would have seen one record at a time. Records are decided in
// order, so counters, clocks, refusals and the conflict log come out as with `applyFields`.
import {
  conflictsOf,
  latestStamp,
  mergeFields,
  winners,
  type RecordFields,
  type SyncRecord,
} from '@satchel/core';
import type { Db, Tx } from '../db/database.js';
import type { ApplyOptions, ApplyOutcome } from './sync.apply.js';
import { applyFields } from './sync.apply-fields.js';
import { naturalId } from './sync.ids.js';
import {
  columnValues,
  ROLES_HUBS_CANNOT_GRANT,
  stableJson,
  touchedColumn,
  type FieldKindSpec,
} from './sync.kinds.js';
import type { StampSession } from './sync.session.js';

/** The kinds applied in bulk (their parents are other kinds, applied before them in a batch). */
export const BULK_KINDS: readonly string[] = ['user', 'membership', 'class_member'];

/** Ids per `IN (…)` list and rows per INSERT, well under every engine's parameter limit. */
const IDS_PER_QUERY = 500;
const PARAMS_PER_INSERT = 30_000;

interface Pending {
  row: Record<string, unknown>;
  stamp: {
    tenant_id: string;
    kind: string;
    record_id: string;
    instance_id: string;
    counter: number;
    row_version: number;
    fields: string;
    user_id: string | null;
    class_id: string | null;
    updated_at: string;
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The unique keys (besides the id) a new row of this kind must not share (see `makeRoom`). */
function uniqueKey(spec: FieldKindSpec, columns: Record<string, unknown>): string | null {
  if (spec.kind === 'user')
    return typeof columns.username === 'string' ? `username\u0000${columns.username}` : null;
  if (spec.kind === 'membership') return `${String(columns.user_id)}\u0000${String(columns.role)}`;
  if (spec.kind === 'class_member') return `${String(columns.class_id)}\u0000${String(columns.user_id)}`;
  return null;
}

export async function applyFieldsBulk(
  tx: Tx,
  session: StampSession,
  tenantId: string,
  spec: FieldKindSpec,
  records: readonly SyncRecord[],
  options: ApplyOptions,
  outcome: ApplyOutcome,
  now: string,
): Promise<void> {
  const db = tx as unknown as Db;
  const ids = [...new Set(records.map((r) => r.id))];
  // What is held here: rows and stamps of these ids.
  const present = new Set<string>();
  const held = new Set<string>();
  for (const part of chunks(ids, IDS_PER_QUERY)) {
    for (const r of await db
      .selectFrom(spec.table as 'users')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', part)
      .execute())
      present.add(r.id);
    for (const r of await tx
      .selectFrom('sync_records')
      .select('record_id')
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', spec.kind)
      .where('record_id', 'in', part)
      .execute())
      held.add(r.record_id);
  }
  // Parents named by the records' winning values.
  const parents = new Map<string, Set<string>>();
  for (const parent of spec.parents ?? []) {
    const wanted = new Set<string>();
    for (const r of records) {
      const v = winners((r.fields ?? {}) as RecordFields)[parent.column];
      if (typeof v === 'string') wanted.add(v);
    }
    const found = new Set<string>();
    for (const part of chunks([...wanted], IDS_PER_QUERY))
      for (const r of await db
        .selectFrom(parent.table as 'users')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', part)
        .execute())
        found.add(r.id);
    parents.set(parent.column, found);
  }
  // Unique keys taken here (a new row that would share one goes through applyFields, which decides).
  let taken = await takenKeys(db, tenantId, spec, records);
  // A record applyFields applied may have taken or freed a key (a new row, a rename): read them again
  // before the next record decided here.
  let stale = false;

  let pending: Pending[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const rows = pending.map((p) => p.row);
    const width = Object.keys(rows[0]!).length;
    // Rows of one kind have the same columns (columnValues lists them all), but group them to be sure.
    const bySignature = new Map<string, Record<string, unknown>[]>();
    for (const row of rows) {
      const signature = Object.keys(row).sort().join(',');
      bySignature.set(signature, [...(bySignature.get(signature) ?? []), row]);
    }
    for (const group of bySignature.values())
      for (const part of chunks(group, Math.max(1, Math.floor(PARAMS_PER_INSERT / width))))
        await db
          .insertInto(spec.table as 'classes')
          .values(part as never)
          .execute();
    for (const part of chunks(
      pending.map((p) => p.stamp),
      Math.floor(PARAMS_PER_INSERT / 10),
    ))
      await tx.insertInto('sync_records').values(part).execute();
    pending = [];
  };

  // Ids and keys of rows decided in this run but not written yet.
  const pendingIds = new Set<string>();
  for (const [index, record] of records.entries()) {
    const incoming = (record.fields ?? {}) as RecordFields;
    const unknown = Object.keys(incoming).filter((f) => !spec.fields.includes(f));
    const fast =
      unknown.length === 0 &&
      Object.keys(incoming).length > 0 &&
      !present.has(record.id) &&
      !held.has(record.id) &&
      !pendingIds.has(record.id);
    if (fast && stale) {
      taken = await takenKeys(db, tenantId, spec, records.slice(index));
      stale = false;
    }
    const decided = fast ? decide(spec, record, incoming, options, parents, taken) : null;
    if (!decided || decided === 'refuse') {
      if (decided === 'refuse') {
        // The same refusal applyFields makes (a hub granting a role it may not grant), and the
        // clock moved as it would have.
        session.receive(latestStamp(incoming));
        outcome.refused.push({
          kind: record.kind,
          id: record.id,
          reason: `a hub cannot grant the ${String(winners(incoming).role)} role`,
        });
        continue;
      }
      await flush();
      await applyFields(tx, session, tenantId, spec, record, options, outcome, now);
      // What it wrote is held here now: a later record of the same id or key goes the same way.
      present.add(record.id);
      held.add(record.id);
      stale = true;
      continue;
    }
    session.receive(latestStamp(incoming));
    const { merged, columns, key } = decided;
    const adopt = stableJson(merged) === stableJson(incoming);
    const touched = touchedColumn(spec) in columns ? {} : { [touchedColumn(spec)]: now };
    pending.push({
      row: {
        ...spec.defaults,
        ...touched,
        ...columns,
        id: record.id,
        tenant_id: tenantId,
        version: 1,
      },
      stamp: {
        tenant_id: tenantId,
        kind: spec.kind,
        record_id: record.id,
        instance_id: adopt ? record.i : session.instanceId,
        counter: adopt ? record.n : session.next(),
        row_version: 1,
        fields: stableJson(merged),
        user_id: spec.userOf({ ...columns, id: record.id }),
        class_id: spec.classOf({ ...columns, id: record.id }),
        updated_at: now,
      },
    });
    pendingIds.add(record.id);
    if (key !== null) taken.add(key);
    if (spec.kind === 'class_member' && typeof columns.user_id === 'string')
      outcome.newClassMembers.push(columns.user_id);
    outcome.applied += 1;
  }
  await flush();
}

/**
 * The usual new record, decided in memory: its merged registers and columns, or 'refuse' (a role a
 * hub may not grant), or null when `applyFields` must decide (malformed, a parent missing, a key
 * taken, conflicts to log).
 */
function decide(
  spec: FieldKindSpec,
  record: SyncRecord,
  incoming: RecordFields,
  options: ApplyOptions,
  parents: ReadonlyMap<string, ReadonlySet<string>>,
  taken: ReadonlySet<string>,
): { merged: RecordFields; columns: Record<string, unknown>; key: string | null } | 'refuse' | null {
  const merged = mergeFields(incoming, {});
  const values = winners(merged);
  if (
    options.fromHub &&
    spec.kind === 'membership' &&
    ROLES_HUBS_CANNOT_GRANT.includes(String(values.role)) &&
    values.deleted_at === null
  )
    return 'refuse';
  for (const parent of spec.parents ?? []) {
    const id = values[parent.column];
    if (typeof id !== 'string' || !parents.get(parent.column)?.has(id)) return null;
  }
  if (conflictsOf(merged).length > 0) return null;
  const columns = columnValues(spec, values);
  if (!columns) return null;
  if (spec.naturalKey && naturalId(spec.naturalKey.map((k) => String(columns[k]))) !== record.id) return null;
  const key = uniqueKey(spec, columns);
  if (key !== null && taken.has(key)) return null;
  return { merged, columns, key };
}

/** The unique keys of `uniqueKey` that rows here hold already, among those the records carry. */
async function takenKeys(
  db: Db,
  tenantId: string,
  spec: FieldKindSpec,
  records: readonly SyncRecord[],
): Promise<Set<string>> {
  const taken = new Set<string>();
  const values = records.map((r) => winners((r.fields ?? {}) as RecordFields));
  if (spec.kind === 'user') {
    const names = [
      ...new Set(values.map((v) => v.username).filter((u): u is string => typeof u === 'string')),
    ];
    for (const part of chunks(names, IDS_PER_QUERY))
      for (const r of await db
        .selectFrom('users')
        .select('username')
        .where('tenant_id', '=', tenantId)
        .where('username', 'in', part)
        .execute())
        taken.add(`username\u0000${r.username}`);
  } else if (spec.kind === 'membership' || spec.kind === 'class_member') {
    const users = [
      ...new Set(values.map((v) => v.user_id).filter((u): u is string => typeof u === 'string')),
    ];
    for (const part of chunks(users, IDS_PER_QUERY)) {
      if (spec.kind === 'membership')
        for (const r of await db
          .selectFrom('memberships')
          .select(['user_id', 'role'])
          .where('tenant_id', '=', tenantId)
          .where('user_id', 'in', part)
          .execute())
          taken.add(`${r.user_id}\u0000${r.role}`);
      else
        for (const r of await db
          .selectFrom('class_members')
          .select(['class_id', 'user_id'])
          .where('tenant_id', '=', tenantId)
          .where('user_id', 'in', part)
          .execute())
          taken.add(`${r.class_id}\u0000${r.user_id}`);
    }
  }
  return taken;
}
