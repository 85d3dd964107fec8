import {
  ACTOR_HOMEPAGE,
  canonicalise,
  statementSignature,
  validateStatementBatch,
  type Statement,
  type StatementBatchValidation,
  type StatementWire,
} from '@satchel/core';
import { AppError, conflict, forbidden, invalid, notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import { parseJson } from '../platform/json.js';
import type { ProjectionSink } from '../progress/progress.service.js';
import { ActivityDefinitions } from './lrs.activities.js';
import { checkAttachments, type AttachmentPart } from './lrs.attachments.js';
import { authorityAgent, type StatementAuthority } from './lrs.authority.js';
import { prepareStatement, type PreparedStatement } from './lrs.ingest.js';
import { StatementLinks } from './lrs.links.js';
import { applyVoiding, checkVoiding } from './lrs.voiding.js';
import type { ExistingStatement, LrsRepo, StatementFilter, StatementInsert, StoredRow } from './lrs.repo.js';

export interface LrsServiceOptions {
  /**
   * Checks every statement against xAPI 1.0.3 (default true; the server never turns it
   * off). Exists only so bench/statement-ingest.ts can measure what validation costs
   * inside the same ingest; without it, the input is trusted to be statements.
   */
  validate?: boolean;
}

/** How a statement request arrived, beyond its JSON (all optional for Satchel's own callers). */
export interface StoreOptions {
  /** The multipart parts of the request, hashes checked (attachments without a fileUrl). */
  attachments?: readonly AttachmentPart[];
  /** The xAPI version the client speaks: statements without a version get "2.0.0" from a 2.0 client. */
  major?: '1.0' | '2.0';
}

/** Told after a commit which statements were newly stored (never for re-sent duplicates). */
export type StoredListener = (event: {
  tenantId: string;
  statementIds: readonly string[];
  /** 'sync' when record sync or a bundle stored them (already stamped for sync). */
  origin?: 'sync';
}) => void | Promise<void>;

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
  private readonly definitions = new ActivityDefinitions();
  private readonly listeners = new Set<StoredListener>();

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
  async store(
    tenantId: string,
    input: unknown,
    authority: StatementAuthority,
    options: StoreOptions = {},
  ): Promise<string[]> {
    const validation = this.options.validate === false ? trustedBatch(input) : validateStatementBatch(input);
    if (!validation.ok) {
      throw invalid('invalid_statement', 'The statement is not valid xAPI', {
        issues: validation.errors,
      });
    }
    const statements = validation.statements;
    const parts = checkAttachments(statements, options.attachments ?? []);
    if (authority.kind === 'learner') assertAboutLearner(statements, authority.userId);
    const stored = this.clock.now().toISOString();
    const agent = authorityAgent(authority);
    const defaultVersion = options.major === '2.0' ? '2.0.0' : undefined;
    const prepared = statements.map((s) => prepareStatement(s, stored, agent, defaultVersion));
    // Lookups that need no isolation run before the transaction, keeping it short.
    await checkVoiding(this.repo, tenantId, prepared, authority);
    const rows = await toRows(this.links, tenantId, prepared, authority);
    let fresh: PreparedStatement[] = [];
    let projected = false;
    const touched = await this.repo.transaction(async (tx, db) => {
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
      fresh = prepared.filter((p) => inserted.has(p.id));
      await tx.resources().putAttachments(tenantId, parts);
      const freshRows = rows.filter((r) => inserted.has(r.id));
      const pairs = await applyVoiding(tx, tenantId, freshRows, inserted);
      // Progress in the same commit when the sink can (SQLite), else after it, in the background.
      if (pairs.length > 0 && this.projections.projectWithin)
        projected = await this.projections.projectWithin(db, tenantId, pairs);
      return pairs;
    });
    const freshIds = fresh.map((p) => p.id);
    await this.recordDefinitions(
      tenantId,
      fresh.map((p) => p.statement),
      stored,
    );
    if (touched.length > 0 && !projected) this.projections.statementsStored(tenantId, touched);
    if (freshIds.length > 0) this.notify(tenantId, freshIds);
    return prepared.map((p) => p.id);
  }

  /**
   * Activity definitions are a view derived from statements, kept after the commit in
   * their own short transaction so hot Activities never hold up statement ingest. A
   * failure (e.g. a deadlock with a concurrent batch) is retried once; then the view
   * stays as it was until the next statement carrying the definition.
   */
  private async recordDefinitions(
    tenantId: string,
    statements: readonly Statement[],
    now: string,
  ): Promise<void> {
    const pending = this.definitions.pending(tenantId, statements);
    if (pending === null) return;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.repo.transaction((tx) => this.definitions.record(tx.resources(), pending, now));
        return;
      } catch {
        // Retried once; the cache is only updated after a successful write, so nothing to undo.
      }
    }
  }

  /**
   * Calls `listener` after each commit that stored new statements (e.g. forwarding
   * them to another LRS). Listeners run after the response is decided and cannot
   * fail a store: their errors are swallowed. Returns a function that unsubscribes.
   */
  onStored(listener: StoredListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Tells the listeners about statements another path committed (record sync, USB bundles
   * apply them without going through `store`). Resolves once every listener has finished, so
   * a sync push is answered after its statements are queued for forwarding; listener errors
   * are swallowed as in `store`.
   */
  async announceStored(tenantId: string, statementIds: readonly string[]): Promise<void> {
    if (statementIds.length === 0) return;
    await Promise.all(
      [...this.listeners].map(async (listener) => {
        try {
          await listener({ tenantId, statementIds, origin: 'sync' });
        } catch {
          // As in notify: the statements are stored whatever a listener does.
        }
      }),
    );
  }

  private notify(tenantId: string, statementIds: readonly string[]): void {
    for (const listener of this.listeners) {
      try {
        const done = listener({ tenantId, statementIds });
        if (done instanceof Promise) done.catch(() => undefined);
      } catch {
        // A listener's failure is its own business; the statements are stored.
      }
    }
  }

  /** Attachments of stored statements by sha2, and the canonical Activity definitions. */
  async attachments(tenantId: string, sha2s: readonly string[]): Promise<AttachmentPart[]> {
    return this.repo.resources().attachments(tenantId, sha2s);
  }

  async activity(tenantId: string, activityId: string): Promise<Record<string, unknown>> {
    return this.definitions.activity(this.repo.resources(), tenantId, activityId);
  }

  async actorNames(tenantId: string, actorKey: string): Promise<string[]> {
    return this.repo.resources().actorNames(tenantId, actorKey, 50);
  }

  /** PUT: stores one statement under the id given in the query (204 either way when unchanged). */
  async put(
    tenantId: string,
    statementId: string,
    input: unknown,
    authority: StatementAuthority,
    options: StoreOptions = {},
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
    await this.store(tenantId, { ...input, id: statementId }, authority, options);
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
    related_activities: p.relatedActivities,
    related_agents: p.relatedAgents,
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
