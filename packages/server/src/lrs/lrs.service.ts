import {
  ACTOR_HOMEPAGE,
  canonicalise,
  statementSignature,
  validateStatementBatch,
  VERBS,
  type Statement,
  type StatementBatchValidation,
  type StatementWire,
} from '@satchel/core';
import { AppError, conflict, forbidden, invalid, notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import { parseJson } from '../platform/json.js';
import type { ProjectionSink } from '../progress/progress.service.js';
import type { UserCourse } from '../progress/progress.repo.js';
import { authorityAgent, type StatementAuthority } from './lrs.authority.js';
import { prepareStatement, type PreparedStatement } from './lrs.ingest.js';
import { StatementLinks } from './lrs.links.js';
import type { ExistingStatement, LrsRepo, StatementFilter, StatementInsert, StoredRow } from './lrs.repo.js';

export interface LrsServiceOptions {
  /**
   * Checks every statement against xAPI 1.0.3 (default true; the server never turns it
   * off). Exists only so bench/statement-ingest.ts can measure what validation costs
   * inside the same ingest; without it, the input is trusted to be statements.
   */
  validate?: boolean;
}

export interface StatementPage {
  /** Each statement's stored JSON text, in order. */
  rows: StoredRow[];
  /** Where the next page starts, or null when this is the last one. */
  next: { stored: string; id: string } | null;
}

/**
 * The Learning Record Store: validates, stores and serves xAPI statements, and
 * keeps progress projections in step with what it stores.
 */
export class LrsService {
  private readonly links: StatementLinks;

  constructor(
    private readonly repo: LrsRepo,
    private readonly projections: ProjectionSink,
    private readonly clock: Clock,
    private readonly options: LrsServiceOptions = {},
  ) {
    this.links = new StatementLinks(repo);
  }

  /**
   * Stores one statement or a batch, all or nothing; returns their ids in order.
   * Re-sending a stored statement unchanged is accepted and stores nothing; the same
   * id with different content is a 409 `statement_conflict`. A learner (session) may
   * only store statements about themselves.
   */
  async store(tenantId: string, input: unknown, authority: StatementAuthority): Promise<string[]> {
    const validation = this.options.validate === false ? trustedBatch(input) : validateStatementBatch(input);
    if (!validation.ok) {
      throw invalid('invalid_statement', 'The statement is not valid xAPI 1.0.3', {
        issues: validation.errors,
      });
    }
    const statements = validation.statements;
    if (authority.kind === 'learner') assertAboutLearner(statements, authority.userId);
    const stored = this.clock.now().toISOString();
    const agent = authorityAgent(authority);
    const prepared = statements.map((s) => prepareStatement(s, stored, agent));
    // Lookups that need no isolation run before the transaction, keeping it short.
    await checkVoiding(this.repo, tenantId, prepared, authority);
    const rows = await toRows(this.links, tenantId, prepared, authority);
    const touched = await this.repo.transaction(async (tx) => {
      const inserted = await tx.insertNewNotingVoided(rows);
      const duplicates = prepared.filter((p) => !inserted.has(p.id));
      if (duplicates.length > 0)
        assertSameContent(
          duplicates,
          await tx.byIds(
            tenantId,
            duplicates.map((d) => d.id),
          ),
        );
      const fresh = rows.filter((r) => inserted.has(r.id));
      return applyVoiding(tx, tenantId, fresh, inserted);
    });
    if (touched.length > 0) this.projections.statementsStored(tenantId, touched);
    return prepared.map((p) => p.id);
  }

  /** PUT: stores one statement under the id given in the query (204 either way when unchanged). */
  async put(
    tenantId: string,
    statementId: string,
    input: unknown,
    authority: StatementAuthority,
  ): Promise<void> {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw invalid('invalid_statement', 'PUT takes one statement object', {
        issues: [{ path: '', message: 'must be an object' }],
      });
    }
    const given = (input as { id?: unknown }).id;
    if (
      given !== undefined &&
      (typeof given !== 'string' || given.toLowerCase() !== statementId.toLowerCase())
    ) {
      throw invalid('invalid_statement', 'The statement id differs from the statementId parameter', {
        issues: [{ path: 'id', message: `must equal the statementId parameter (${statementId})` }],
      });
    }
    await this.store(tenantId, { ...input, id: statementId }, authority);
  }

  /**
   * One statement by id: voided statements only through `voided: true`, the others
   * only without it. With `actorKey`, only a statement by that actor is found.
   */
  async statement(
    tenantId: string,
    id: string,
    voided: boolean,
    actorKey: string | null = null,
  ): Promise<StoredRow> {
    const row = await this.repo.one(tenantId, id.toLowerCase(), voided);
    if (!row || (actorKey !== null && row.actor_key !== actorKey)) {
      throw notFound(
        'statement_not_found',
        voided ? 'No voided statement has this id' : 'No statement has this id',
        { id },
      );
    }
    return row;
  }

  /** Every statement stored before this instant is visible to queries (writes are synchronous). */
  consistentThrough(): string {
    return this.clock.now().toISOString();
  }

  async query(tenantId: string, filter: StatementFilter): Promise<StatementPage> {
    const rows = await this.repo.query(tenantId, { ...filter, limit: filter.limit + 1 });
    if (rows.length <= filter.limit) return { rows, next: null };
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1]!;
    return { rows: page, next: { stored: last.stored, id: last.id } };
  }
}

/** The benchmark's unvalidated path: only the canonical form that storing relies on. */
function trustedBatch(input: unknown): StatementBatchValidation {
  const items: unknown[] = Array.isArray(input) ? input : [input];
  return { ok: true, statements: items.map((item) => canonicalise(item as StatementWire)) };
}

function assertAboutLearner(statements: readonly Statement[], userId: string): void {
  statements.forEach((s, index) => {
    const actor = s.actor;
    const self =
      actor.objectType !== 'Group' &&
      actor.account?.homePage === ACTOR_HOMEPAGE &&
      actor.account.name === userId;
    if (!self) {
      throw forbidden('A learner may only record statements about themselves', {
        index,
        expectedActor: { account: { homePage: ACTOR_HOMEPAGE, name: userId } },
      });
    }
  });
}

/**
 * Voiding rules: a voiding statement cannot be voided; a learner may only void
 * their own statements (and so only ones the LRS already holds). Credentials may
 * void a statement that has not arrived yet: it is voided when it does.
 */
async function checkVoiding(
  repo: LrsRepo,
  tenantId: string,
  prepared: readonly PreparedStatement[],
  authority: StatementAuthority,
): Promise<void> {
  const voiders = prepared.filter((p) => p.voidedTarget !== null);
  if (voiders.length === 0) return;
  const inBatch = new Map(prepared.map((p) => [p.id, p]));
  const stored = new Map(
    (
      await repo.byIds(
        tenantId,
        voiders.map((v) => v.voidedTarget!),
      )
    ).map((r) => [r.id, r]),
  );
  const issues: { path: string; message: string }[] = [];
  for (const voider of voiders) {
    const target = voider.voidedTarget!;
    const index = prepared.indexOf(voider);
    const batchTarget = inBatch.get(target);
    const storedTarget = stored.get(target);
    const targetVoids =
      (batchTarget !== undefined && batchTarget.voidedTarget !== null) ||
      storedTarget?.verb_id === VERBS.voided;
    if (targetVoids) {
      issues.push({
        path: `[${index}].object.id`,
        message: 'names a voiding statement, and a voiding statement cannot be voided',
      });
      continue;
    }
    if (authority.kind === 'learner') {
      const owner = batchTarget ? batchTarget.accountName : storedTarget?.user_id;
      if (owner !== authority.userId) {
        throw forbidden('A learner may only void their own statements', { index, statementId: target });
      }
    }
  }
  if (issues.length > 0)
    throw invalid('invalid_statement', 'A voiding statement cannot be voided', { issues });
}

async function toRows(
  links: StatementLinks,
  tenantId: string,
  prepared: readonly PreparedStatement[],
  authority: StatementAuthority,
): Promise<StatementInsert[]> {
  const names = [...new Set(prepared.flatMap((p) => (p.accountName === null ? [] : [p.accountName])))];
  const users =
    authority.kind === 'learner' ? new Set([authority.userId]) : await links.users(tenantId, names);
  const versionIds = [
    ...new Set(
      prepared.flatMap((p) => (p.courseId === null && p.courseVersionId ? [p.courseVersionId] : [])),
    ),
  ];
  const courseOfVersion = await links.courses(tenantId, versionIds);
  return prepared.map((p) => ({
    tenant_id: tenantId,
    id: p.id,
    actor_key: p.actorKey,
    user_id: p.accountName !== null && users.has(p.accountName) ? p.accountName : null,
    verb_id: p.verbId,
    object_id: p.objectId,
    registration: p.registration,
    timestamp: p.timestamp,
    stored: p.statement.stored,
    voided: 0,
    voided_target: p.voidedTarget,
    course_id: p.courseId ?? (p.courseVersionId ? (courseOfVersion.get(p.courseVersionId) ?? null) : null),
    result: p.statement.result === undefined ? null : JSON.stringify(p.statement.result),
    authority_kind: authority.kind,
    statement: JSON.stringify(p.statement),
  }));
}

/** Re-sent statements must match what is stored (Data 2.3.1), apart from what the LRS filled in. */
function assertSameContent(
  duplicates: readonly PreparedStatement[],
  existing: readonly ExistingStatement[],
): void {
  const byId = new Map(existing.map((e) => [e.id, e]));
  for (const dup of duplicates) {
    const row = byId.get(dup.id);
    if (!row)
      throw new AppError(500, 'statement_insert_failed', 'A statement was neither stored nor found', {
        id: dup.id,
      });
    const stored = parseJson<StatementWire>(row.statement, 'statements.statement');
    // A statement first sent without a timestamp got the stored time; a re-send without one is the same statement.
    const comparable = dup.hadTimestamp ? stored : { ...stored, timestamp: undefined };
    const incoming = dup.hadTimestamp ? dup.statement : { ...dup.statement, timestamp: undefined };
    if (statementSignature(comparable) !== statementSignature(incoming)) {
      throw conflict('statement_conflict', 'A different statement with this id is already stored', {
        id: dup.id,
      });
    }
  }
}

/**
 * Applies voiding for newly stored statements, in both arrival orders; returns the
 * (learner, course) pairs to recompute. `targeted` tells, for each fresh id, whether
 * a voiding statement stored before the INSERT names it (see LrsRepo.insertNewNotingVoided).
 */
async function applyVoiding(
  tx: LrsRepo,
  tenantId: string,
  fresh: readonly StatementInsert[],
  targeted: ReadonlyMap<string, boolean>,
): Promise<UserCourse[]> {
  // A fresh statement may be voided by a voiding statement stored earlier, and a fresh
  // voiding statement may target one stored earlier: both are in `candidates`. Without
  // a voiding statement in the batch only the first can happen, and the INSERT already
  // said which fresh statements have one waiting: usually none, and no query is made.
  const candidates = new Set<string>();
  const batchVoids = fresh.some((r) => r.voided_target !== null && r.voided_target !== undefined);
  for (const r of fresh) {
    if (batchVoids) candidates.add(r.voided_target ?? r.id);
    else if (targeted.get(r.id) === true) candidates.add(r.id);
  }
  const voided = await tx.voidTargeted(tenantId, [...candidates], VERBS.voided);
  const pairs: UserCourse[] = [];
  for (const r of [...fresh, ...voided]) {
    if (r.user_id && r.course_id) pairs.push({ userId: r.user_id, courseId: r.course_id });
  }
  return pairs;
}
