import { SYNC_KINDS, type SyncRecord, type SyncRefusal } from '@satchel/core';
import type { Db, Tx } from '../db/database.js';
import type { StatementInsert } from '../lrs/lrs.repo.js';
import type { Clock } from '../platform/clock.js';
import type { ProjectionSink } from '../progress/progress.service.js';
import { applyFieldsBulk, BULK_KINDS } from './sync.apply-bulk.js';
import { applyFields } from './sync.apply-fields.js';
import { afterStatements, applyConflict, applyStatements } from './sync.apply-union.js';
import { applyQuizAttempt } from './sync.attempts.js';
import { fieldSpec } from './sync.kinds.js';
import { withSession, type StampSession } from './sync.session.js';

export interface ApplyOptions {
  /** The records come from a hub (not from our upstream): some changes are refused. */
  fromHub?: boolean;
  /**
   * The records come in feed order from our upstream (a pull): none is ahead of the stream.
   * Without it (and without `fromHub`), on a hub, a record of another instance above what was
   * pulled is applied as fetched ahead (`sync.ahead.ts`): left out of the vector and feed until
   * the pull reaches it.
   */
  inOrder?: boolean;
  /**
   * Runs last in the batch's transaction, with what the batch did so far (a push notes its hub's
   * contact, drift and refusals there: no commit of its own).
   */
  inTransaction?: (tx: Tx, session: StampSession, outcome: ApplyOutcome) => Promise<void>;
}

export interface ApplyOutcome {
  applied: number;
  conflicts: number;
  /** Records kept in sync_staging until what they point at arrives. */
  staged: number;
  /** Records refused (a hub granting admin rights, bad statement bodies), with why. */
  refused: SyncRefusal[];
  /**
   * Records applied, with something the admin should know (a username taken on two replicas, one
   * account renamed: `code` "kept_apart"). Not refusals: on the wire and in storage they travel in
   * the `refused` lists, told apart by their code (`NOTE_CODES`), so older hubs still read them.
   */
  notes: SyncRefusal[];
  /** Learners who got a new class place here, or whose record a staged row waits for: fetch them. */
  newClassMembers: string[];
  /** Clock drift seen in the batch (peer clocks far ahead): how far, the limit, and as a message. */
  drift: { aheadSeconds: number; limitSeconds: number; message: string }[];
  /** Ids of statements this batch stored here for the first time (for the LRS's stored listeners). */
  storedStatements: string[];
}

/** Codes of `ApplyOutcome.notes` entries: applied records, listed apart from refusals. */
export const NOTE_CODES: readonly string[] = ['kept_apart'];

/** Splits a stored or received `refused` list into refusals and notes (by code). */
export function splitNotes(list: readonly SyncRefusal[]): { refused: SyncRefusal[]; notes: SyncRefusal[] } {
  const isNote = (r: SyncRefusal): boolean => r.code !== undefined && NOTE_CODES.includes(r.code);
  return { refused: list.filter((r) => !isNote(r)), notes: list.filter(isNote) };
}

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
      notes: [],
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
            await applyStatements(
              tx,
              tenantId,
              sorted.slice(i, end),
              outcome,
              freshStatements,
              this.nowIso(),
              session,
            );
            i = end - 1;
            continue;
          }
          // Learners, their roles and class places (sorted together per kind) go in bulk too.
          const kind = sorted[i]!.kind;
          if (BULK_KINDS.includes(kind)) {
            let end = i;
            while (end < sorted.length && sorted[end]!.kind === kind) end += 1;
            await applyFieldsBulk(
              tx,
              session,
              tenantId,
              fieldSpec(kind)!,
              sorted.slice(i, end),
              options,
              outcome,
              this.nowIso(),
            );
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
        await options.inTransaction?.(tx, session, outcome);
      },
    );
    if (freshStatements.length > 0)
      await afterStatements(this.db, this.projections, tenantId, freshStatements);
    outcome.storedStatements.push(...freshStatements.map((s) => s.id));
    return outcome;
  }

  /**
   * Retries staged records (their parents may have arrived); drops those tried too often.
   * `tried`: how many were staged (0: nothing is staged, no need to count them again).
   * `optionsFor`: the options to apply the staged records with (they may come from any batch).
   */
  async retryStaged(
    tenantId: string,
    optionsFor: (records: readonly SyncRecord[]) => Promise<ApplyOptions> = async () => ({}),
  ): Promise<ApplyOutcome & { tried: number }> {
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
      notes: [],
      newClassMembers: [],
      drift: [],
      storedStatements: [],
    };
    if (rows.length === 0) return { ...total, tried: 0 };
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
    return { ...(await this.applyBatch(tenantId, records, await optionsFor(records))), tried: rows.length };
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
        return applyStatements(tx, tenantId, [record], outcome, freshStatements, this.nowIso(), session);
      case 'conflict':
        return applyConflict(tx, tenantId, record, outcome, this.nowIso());
      case 'quiz_attempt':
        return applyQuizAttempt(tx, tenantId, record, outcome, this.nowIso());
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
        return applyFields(tx, session, tenantId, fieldSpec(kind)!, record, options, outcome, this.nowIso());
      default:
        kind satisfies never;
    }
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }
}
