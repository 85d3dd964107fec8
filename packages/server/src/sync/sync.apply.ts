import {
  conflictKey,
  conflictsOf,
  latestStamp,
  mergeFields,
  SYNC_KINDS,
  VERBS,
  winners,
  type RecordFields,
  type SyncRecord,
  type SyncRefusal,
} from '@satchel/core';
import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import type { SyncConflictsTable, SyncRecordsTable } from '../db/schema.js';
import { LrsRepo, type StatementInsert } from '../lrs/lrs.repo.js';
import type { Clock } from '../platform/clock.js';
import type { ProjectionSink } from '../progress/progress.service.js';
import type { UserCourse } from '../progress/progress.repo.js';
import { applyQuizAttempt } from './sync.attempts.js';
import { naturalId } from './sync.ids.js';
import {
  columnValues,
  fieldSpec,
  ROLES_HUBS_CANNOT_GRANT,
  stableJson,
  touchedColumn,
  type FieldKindSpec,
} from './sync.kinds.js';
import { withSession, type StampSession } from './sync.session.js';
import { statementRow } from './sync.statements.js';
import { putRecord, stampRow, type HeldRecord } from './sync.tracker.js';

/** Statement columns that travel (tenant_id is the receiver's; voided is recomputed there). */
export const STATEMENT_COLUMNS = [
  'id',
  'actor_key',
  'user_id',
  'verb_id',
  'object_id',
  'registration',
  'timestamp',
  'stored',
  'voided_target',
  'statement',
  'course_id',
  'result',
  'authority_kind',
  'related_activities',
  'related_agents',
] as const;

export interface ApplyOptions {
  /** The records come from a hub (not from our upstream): some changes are refused. */
  fromHub?: boolean;
}

export interface ApplyOutcome {
  applied: number;
  conflicts: number;
  /** Records kept in sync_staging until what they point at arrives. */
  staged: number;
  /** Records refused (a hub granting admin rights, bad statement bodies), with why. */
  refused: SyncRefusal[];
  /** Learners who got a new class place here, or whose record a staged row waits for: fetch them. */
  newClassMembers: string[];
  /** Clock drift seen in the batch (peer clocks far ahead): how far, the limit, and as a message. */
  drift: { aheadSeconds: number; limitSeconds: number; message: string }[];
  /** Ids of statements this batch stored here for the first time (for the LRS's stored listeners). */
  storedStatements: string[];
}

type Row = Record<string, unknown> & { id: string; tenant_id: string; version: number };

/** Statement stamps per INSERT (10 columns each: well under every engine's parameter limit). */
const STAMPS_PER_INSERT = 500;

const kindRank = (kind: string): number => SYNC_KINDS.indexOf(kind as (typeof SYNC_KINDS)[number]);

/**
 * Applies a batch of records received from a peer, in one transaction: idempotent (a
 * record applied twice changes nothing), merged per kind (registers field by field,
 * statements and conflict entries as a union), concurrent losers written to the conflict
 * log (which itself syncs). Records whose parent row has not arrived are staged and
 * retried by `retryStaged`.
 */
export class SyncApplier {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly projections: ProjectionSink,
  ) {}

  async applyBatch(
    tenantId: string,
    records: readonly SyncRecord[],
    options: ApplyOptions = {},
  ): Promise<ApplyOutcome> {
    const outcome: ApplyOutcome = {
      applied: 0,
      conflicts: 0,
      staged: 0,
      refused: [],
      newClassMembers: [],
      drift: [],
      storedStatements: [],
    };
    const sorted = [...records].sort((a, b) => kindRank(a.kind) - kindRank(b.kind));
    const freshStatements: StatementInsert[] = [];
    await withSession(
      this.db,
      () => this.clock.now().getTime(),
      async (tx, session) => {
        for (let i = 0; i < sorted.length; i += 1) {
          // Statements (sorted together) go in bulk: a few multi-row statements per batch, not two per row.
          if (sorted[i]!.kind === 'statement') {
            let end = i;
            while (end < sorted.length && sorted[end]!.kind === 'statement') end += 1;
            await this.applyStatements(tx, tenantId, sorted.slice(i, end), outcome, freshStatements);
            i = end - 1;
            continue;
          }
          await this.applyOne(tx, session, tenantId, sorted[i]!, options, outcome, freshStatements);
        }
        outcome.drift.push(
          ...session.drift.map((d) => ({
            aheadSeconds: Math.round((d.remoteMs - d.localMs) / 1000),
            limitSeconds: Math.round(d.maxDriftMs / 1000),
            message: d.message,
          })),
        );
      },
    );
    if (freshStatements.length > 0) await this.afterStatements(tenantId, freshStatements);
    outcome.storedStatements.push(...freshStatements.map((s) => s.id));
    return outcome;
  }

  /** Retries staged records (their parents may have arrived); drops those tried too often. */
  async retryStaged(tenantId: string): Promise<ApplyOutcome> {
    const rows = await this.db
      .selectFrom('sync_staging')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('staged_at')
      .limit(500)
      .execute();
    const total: ApplyOutcome = {
      applied: 0,
      conflicts: 0,
      staged: 0,
      refused: [],
      newClassMembers: [],
      drift: [],
      storedStatements: [],
    };
    if (rows.length === 0) return total;
    await this.db
      .updateTable('sync_staging')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .execute();
    // Bounded: a record whose parent never comes is dropped after many syncs (it is still
    // held by the peer that sent it, and comes again with any later change).
    await this.db
      .deleteFrom('sync_staging')
      .where('tenant_id', '=', tenantId)
      .where('attempts', '>', 50)
      .execute();
    const records = rows.map((r) => JSON.parse(r.record) as SyncRecord);
    for (const r of rows) {
      await this.db
        .deleteFrom('sync_staging')
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', r.kind)
        .where('record_id', '=', r.record_id)
        .execute();
    }
    return this.applyBatch(tenantId, records);
  }

  private async applyOne(
    tx: Tx,
    session: StampSession,
    tenantId: string,
    record: SyncRecord,
    options: ApplyOptions,
    outcome: ApplyOutcome,
    freshStatements: StatementInsert[],
  ): Promise<void> {
    const kind = record.kind;
    switch (kind) {
      case 'statement':
        return this.applyStatements(tx, tenantId, [record], outcome, freshStatements);
      case 'conflict':
        return this.applyConflict(tx, tenantId, record, outcome);
      case 'quiz_attempt':
        return applyQuizAttempt(tx, tenantId, record, outcome, this.clock.now().toISOString());
      case 'user':
      case 'class':
      case 'membership':
      case 'class_member':
      case 'enrolment':
      case 'cinema_plan':
      case 'cinema_session':
      case 'scorm_attempt':
      case 'scorm_item_state':
      case 'cmi5_registration':
      case 'xapi_document':
        return this.applyFields(tx, session, tenantId, fieldSpec(kind)!, record, options, outcome);
      default:
        kind satisfies never;
    }
  }

  private async applyFields(
    tx: Tx,
    session: StampSession,
    tenantId: string,
    spec: FieldKindSpec,
    record: SyncRecord,
    options: ApplyOptions,
    outcome: ApplyOutcome,
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
    const now = this.clock.now().toISOString();
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
      if (!(await this.makeRoom(tx, tenantId, spec, record.id, columns, outcome))) return;
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
    await putRecord(
      tx,
      tenantId,
      spec,
      { ...columns, id: record.id },
      { ...next, row_version: version },
      now,
    );
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
  private async makeRoom(
    tx: Tx,
    tenantId: string,
    spec: FieldKindSpec,
    id: string,
    columns: Record<string, unknown>,
    outcome: ApplyOutcome,
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
      outcome.refused.push({
        kind: 'user',
        id,
        reason: `username ${columns.username} taken on two replicas; ${renamed} kept apart`,
      });
      if (other.id < id) {
        columns.username = renamed;
      } else {
        await tx
          .updateTable('users')
          .set({ username: renamed, version: other.version + 1, updated_at: this.clock.now().toISOString() })
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

  /**
   * Statements are a union by id: the new ones are inserted with a few multi-row INSERTs (one
   * per 1,000 rows, `ON CONFLICT DO NOTHING`), their stamps with one more per 500; one already
   * here (sent by the learner's device to this server too) is stored once, counted once.
   */
  private async applyStatements(
    tx: Tx,
    tenantId: string,
    records: readonly SyncRecord[],
    outcome: ApplyOutcome,
    fresh: StatementInsert[],
  ): Promise<void> {
    const rows = new Map<string, StatementInsert>();
    const stamps: Insertable<SyncRecordsTable>[] = [];
    const now = this.clock.now().toISOString();
    for (const record of records) {
      const body = record.body ?? {};
      if (rows.has(record.id)) {
        outcome.applied += 1;
        continue;
      }
      const row = statementRow(tenantId, record.id, body);
      if (!row) {
        outcome.refused.push({ kind: 'statement', id: record.id, reason: 'malformed statement row' });
        continue;
      }
      outcome.applied += 1;
      rows.set(record.id, row);
      stamps.push({
        tenant_id: tenantId,
        kind: 'statement',
        record_id: record.id,
        instance_id: record.i,
        counter: record.n,
        row_version: null,
        fields: '{}',
        user_id: typeof body.user_id === 'string' ? body.user_id : null,
        class_id: null,
        updated_at: now,
      });
    }
    if (rows.size === 0) return;
    const inserted = await new LrsRepo(tx as unknown as Db).insertNewNotingVoided([...rows.values()]);
    for (let i = 0; i < stamps.length; i += STAMPS_PER_INSERT) {
      await tx
        .insertInto('sync_records')
        .values(stamps.slice(i, i + STAMPS_PER_INSERT))
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'kind', 'record_id']).doUpdateSet(LATER_STAMP_SET).where(laterStamp()),
        )
        .execute();
    }
    for (const [id, targeted] of inserted) fresh.push({ ...rows.get(id)!, voided: targeted ? 1 : 0 });
  }

  private async applyConflict(
    tx: Tx,
    tenantId: string,
    record: SyncRecord,
    outcome: ApplyOutcome,
  ): Promise<void> {
    const b = record.body ?? {};
    const text = (k: string): string | null => (typeof b[k] === 'string' ? (b[k] as string) : null);
    const fields = [
      'kind',
      'record_id',
      'field',
      'loser_value',
      'loser_stamp',
      'winner_value',
      'winner_stamp',
      'recorded_at',
    ];
    if (b.id !== record.id || fields.some((f) => text(f) === null)) {
      outcome.refused.push({ kind: 'conflict', id: record.id, reason: 'malformed conflict entry' });
      return;
    }
    const entry = {
      id: record.id,
      kind: text('kind')!,
      record_id: text('record_id')!,
      field: text('field')!,
      loser_value: text('loser_value')!,
      loser_stamp: text('loser_stamp')!,
      winner_value: text('winner_value')!,
      winner_stamp: text('winner_stamp')!,
      recorded_at: text('recorded_at')!,
    };
    // Two replicas that see the same losing value log it under the same id, each with the
    // winner it saw then and its own stamp: the entry with the later stamp wins everywhere.
    const adopted = await tx
      .insertInto('sync_records')
      .values({
        tenant_id: tenantId,
        kind: 'conflict',
        record_id: record.id,
        instance_id: record.i,
        counter: record.n,
        row_version: null,
        fields: '{}',
        user_id: null,
        class_id: null,
        updated_at: this.clock.now().toISOString(),
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'kind', 'record_id']).doUpdateSet(LATER_STAMP_SET).where(laterStamp()),
      )
      .executeTakeFirst();
    if (Number(adopted.numInsertedOrUpdatedRows ?? 0) > 0) {
      const { id: _id, ...body } = entry;
      await tx
        .insertInto('sync_conflicts')
        .values({ ...entry, tenant_id: tenantId })
        .onConflict((oc) => oc.columns(['tenant_id', 'id']).doUpdateSet(body))
        .execute();
    }
    outcome.applied += 1;
  }

  /** Voiding and progress for statements that were new here, as the LRS does after a store. */
  private async afterStatements(tenantId: string, fresh: readonly StatementInsert[]): Promise<void> {
    const repo = new LrsRepo(this.db);
    // Only what can be voided: targets of new voiding statements, and new statements a voiding
    // statement stored before them targets (noted by the INSERT, carried in `voided` here).
    const candidates = new Set<string>();
    for (const r of fresh) {
      if (r.voided_target) candidates.add(r.voided_target);
      else if (r.voided === 1) candidates.add(r.id);
    }
    const voided =
      candidates.size > 0 ? await repo.voidTargeted(tenantId, [...candidates], VERBS.voided) : [];
    const pairs: UserCourse[] = [];
    for (const r of [...fresh, ...voided]) {
      if (r.user_id && r.course_id) pairs.push({ userId: r.user_id, courseId: r.course_id });
    }
    if (pairs.length > 0) this.projections.statementsStored(tenantId, pairs);
  }
}

/**
 * Two replicas can stamp the same version of a record differently (a conflict both logged, a
 * merge both made, a statement a device sent to both): the later (instance, counter) wins on
 * every replica, so all end with the same stamps and the same version vector.
 */
function laterStamp() {
  return sql<boolean>`(excluded.instance_id, excluded.counter) > (sync_records.instance_id, sync_records.counter)`;
}

function stampAfter(record: SyncRecord, held: HeldRecord): boolean {
  return record.i > held.instance_id || (record.i === held.instance_id && record.n > held.counter);
}

const LATER_STAMP_SET = {
  instance_id: sql<string>`excluded.instance_id`,
  counter: sql<number>`excluded.counter`,
};

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
