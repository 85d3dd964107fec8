import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  FIELD_KINDS,
  MIN_SYNC_PROTOCOL,
  PROTOCOL_VERSION,
  uuidv7,
  type ConflictEntry,
  type HubSummary,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type RegisterHubRequest,
  type RegisterHubResponse,
  mergeVectors,
  type SyncDrift,
  type SyncRecord,
  type SyncRefusal,
  type SyncStatusResponse,
  type VersionVector,
} from '@satchel/core';
import type { Db } from '../db/database.js';
import type { Actor, TenantRef } from '../http/context.js';
import { AppError, invalid, notFound, unauthenticated } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import type { ProjectionSink } from '../progress/progress.service.js';
import { splitNotes, SyncApplier, type ApplyOptions, type ApplyOutcome } from './sync.apply.js';
import { SyncFeed, type FeedPage, type FeedScope } from './sync.feed.js';
import { SyncRepo, type HubRow, type LinkRow } from './sync.repo.js';
import { checkHubScope } from './sync.scope.js';
import { clearAhead, markAhead } from './sync.ahead.js';
import { ensureInstance } from './sync.session.js';
import { SyncTracker } from './sync.tracker.js';

export const HUB_HEADER = 'x-satchel-hub';
const SECRET_FIELDS: readonly string[] = ['password_hash', 'pin_hash'];

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function parseVector(text: string | null): Record<string, number> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, number>;
  } catch {
    return {};
  }
}

/** What the admin API answers (core's shapes, notes about applied records apart from refusals). */
export type HubView = HubSummary;
export type LinkView = SyncStatusResponse['links'][number];
export type SyncStatusView = Omit<SyncStatusResponse, 'links'> & { links: LinkView[] };

/** How many refusals a hub row or link keeps for the status page. */
const REFUSALS_KEPT = 50;

function parseJsonOr<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** The largest drift of a batch, dated, as stored for the status page (null: none seen). */
export function driftOf(outcome: Pick<ApplyOutcome, 'drift'>, at: string): SyncDrift | null {
  let worst: SyncDrift | null = null;
  for (const d of outcome.drift)
    if (!worst || d.aheadSeconds > worst.aheadSeconds)
      worst = { at, aheadSeconds: d.aheadSeconds, limitSeconds: d.limitSeconds };
  return worst;
}

function classIdsOf(row: { class_ids: string }): string[] {
  const ids: unknown = JSON.parse(row.class_ids);
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Record sync, both roles: as an upstream it issues and revokes hub credentials and
 * answers pulls and pushes; as a hub it keeps links to its upstream (the client in
 * sync.client.ts drives them). The change feed (`exportChanges`) and `applyBatch` are the
 * API bundles and tests use too (README.md).
 */
export class SyncService {
  readonly tracker: SyncTracker;
  readonly feed: SyncFeed;
  readonly applier: SyncApplier;
  readonly repo: SyncRepo;
  private instance: string | null = null;
  private statementsStored: ((tenantId: string, ids: readonly string[]) => Promise<void>) | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    projections: ProjectionSink,
  ) {
    this.tracker = new SyncTracker(db, clock);
    this.feed = new SyncFeed(db);
    this.applier = new SyncApplier(db, clock, projections);
    this.repo = new SyncRepo(db);
  }

  async instanceId(): Promise<string> {
    this.instance ??= await ensureInstance(this.db);
    return this.instance;
  }

  // --- The change-feed / apply API --------------------------------------------------

  /** Every page of changes a peer at `since` lacks; stamps pending local writes first. */
  async *exportChanges(
    tenantId: string,
    since: VersionVector,
    scope: FeedScope = {},
    batch?: number,
  ): AsyncIterable<FeedPage> {
    await this.tracker.stampPending();
    yield* this.feed.exportChanges(tenantId, since, scope, batch);
  }

  /**
   * Called once a batch stored statements new here, after its commit and before `applyBatch`
   * returns (the wiring passes them to the LRS's stored listeners: forwarding).
   */
  onStatementsStored(listener: (tenantId: string, ids: readonly string[]) => Promise<void>): void {
    this.statementsStored = listener;
  }

  /** Applies one batch from a peer (idempotent), then retries records staged for a parent. */
  async applyBatch(
    tenantId: string,
    records: readonly SyncRecord[],
    options: ApplyOptions = {},
  ): Promise<ApplyOutcome> {
    return (await this.applyAndRetry(tenantId, records, options)).outcome;
  }

  /** `applyBatch`, telling apart what the retry of staged records did (`retried`, merged into `outcome`). */
  private async applyAndRetry(
    tenantId: string,
    records: readonly SyncRecord[],
    options: ApplyOptions,
  ): Promise<{ outcome: ApplyOutcome; retried: ApplyOutcome | null }> {
    // Merging needs local edits of field kinds stamped first; immutable kinds (statements) are a
    // union by id, so a batch of only those needs no scan at all, and no batch needs their scan.
    if (records.some((r) => FIELD_KINDS.includes(r.kind)))
      await this.tracker.stampPending({ statements: false });
    const outcome = await this.applier.applyBatch(
      tenantId,
      records,
      await this.aheadOptions(tenantId, records, options),
    );
    let retried: ApplyOutcome | null = null;
    if (outcome.applied > 0) {
      // A staged record may have come ahead of the pull (a learner fetch whose page lacked its
      // parent): judged as such (marked if above what was pulled; a mark the pull reaches goes).
      const again = await this.applier.retryStaged(tenantId, (staged) =>
        this.aheadOptions(tenantId, staged, {}),
      );
      retried = again;
      outcome.applied += again.applied;
      outcome.conflicts += again.conflicts;
      // Nothing was staged (the usual case): nothing is now either, no need to count.
      outcome.staged = again.tried === 0 ? 0 : await this.repo.stagedCount(tenantId);
      outcome.newClassMembers.push(...again.newClassMembers);
      outcome.refused.push(...again.refused);
      outcome.notes.push(...again.notes);
      outcome.drift.push(...again.drift);
      outcome.storedStatements.push(...again.storedStatements);
    }
    if (outcome.storedStatements.length > 0 && this.statementsStored)
      await this.statementsStored(tenantId, outcome.storedStatements);
    return { outcome, retried };
  }

  /**
   * On a hub, a batch that is neither a pull (`inOrder`) nor from a hub of ours (a learner
   * fetched at sign-in, a Cinema plan packed for the field, a bundle): its records of other
   * instances above what was pulled are marked as fetched ahead, in the batch's transaction.
   */
  private async aheadOptions(
    tenantId: string,
    records: readonly SyncRecord[],
    options: ApplyOptions,
  ): Promise<ApplyOptions> {
    if (options.inOrder || options.fromHub) return options;
    const link = await this.repo.link(tenantId);
    if (!link) return options;
    const own = await this.instanceId();
    const pulled = parseVector(link.pulled);
    const ahead = records.filter((r) => r.i !== own && r.n > (pulled[r.i] ?? 0));
    if (ahead.length === 0) return options;
    const inner = options.inTransaction;
    return {
      ...options,
      inTransaction: async (tx, session, outcome) => {
        await markAhead(tx, tenantId, ahead);
        await inner?.(tx, session, outcome);
      },
    };
  }

  /** The in-order stream from our upstream has reached `covered`: records fetched ahead up to it are held in order. */
  async aheadReached(tenantId: string, covered: VersionVector): Promise<void> {
    await clearAhead(this.db, tenantId, covered);
  }

  /**
   * Applies records a registered hub sent (a push, or a bundle it made): a class-scoped hub's
   * records outside its classes are refused before anything is applied; users it brings for
   * the first time are remembered as its own; its contact, drift and refusals are noted on its
   * row in the batch's own transaction.
   */
  async applyFromHub(
    tenantId: string,
    hub: HubRow,
    records: readonly SyncRecord[],
    options: { contact?: boolean } = {},
  ): Promise<ApplyOutcome> {
    const check = await checkHubScope(
      this.db,
      tenantId,
      { hubId: hub.id, classIds: classIdsOf(hub) },
      records,
    );
    const now = this.clock.now().toISOString();
    const { outcome, retried } = await this.applyAndRetry(tenantId, check.allowed, {
      fromHub: true,
      inTransaction: async (tx, session, done) => {
        const repo = new SyncRepo(tx);
        await repo.addHubUsers(tenantId, hub.id, check.newUsers, 'created', now);
        const patch = await this.hubNote(
          repo,
          tenantId,
          hub.id,
          [...check.refused, ...done.refused, ...done.notes],
          done,
          now,
        );
        // A push is a contact (a bundle it made is not); nothing to note: no write at all.
        if (options.contact || Object.keys(patch).length > 0)
          session.atClose(
            repo.noteHubSql(tenantId, hub.id, {
              ...(options.contact ? { last_contact_at: now } : {}),
              ...patch,
            }),
          );
      },
    });
    outcome.refused.unshift(...check.refused);
    // Records staged earlier and applied now: rarely refused or drifting; noted after, on their own.
    if (retried && (retried.refused.length + retried.notes.length > 0 || retried.drift.length > 0))
      await this.repo.noteHub(
        tenantId,
        hub.id,
        await this.hubNote(this.repo, tenantId, hub.id, [...retried.refused, ...retried.notes], retried, now),
      );
    return outcome;
  }

  /**
   * A hub's last drift and (newest first, bounded) what was refused from it and the notes about what
   * was applied (told apart by code, `splitNotes`), as its row keeps them.
   */
  private async hubNote(
    repo: SyncRepo,
    tenantId: string,
    hubId: string,
    refused: readonly SyncRefusal[],
    outcome: Pick<ApplyOutcome, 'drift'>,
    at: string,
  ): Promise<{ last_drift?: string; last_refused?: string }> {
    const patch: { last_drift?: string; last_refused?: string } = {};
    const drift = driftOf(outcome, at);
    if (drift) patch.last_drift = JSON.stringify(drift);
    if (refused.length > 0) {
      const before = parseJsonOr<SyncRefusal[]>((await repo.hub(tenantId, hubId))?.last_refused ?? null, []);
      patch.last_refused = JSON.stringify([...refused, ...before].slice(0, REFUSALS_KEPT));
    }
    return patch;
  }

  /**
   * On the hub: what the upstream's answers showed during a run — the last drift seen in what it
   * sent, and what it refused of this run's pushes (`refused` = null: nothing was pushed, keep
   * the previous list).
   */
  async noteUpstream(
    tenantId: string,
    seen: { drift?: SyncDrift | null; refused?: readonly SyncRefusal[] | null },
  ): Promise<void> {
    const patch: Partial<Pick<LinkRow, 'last_drift' | 'last_refused'>> = {};
    if (seen.drift) patch.last_drift = JSON.stringify(seen.drift);
    if (seen.refused) patch.last_refused = JSON.stringify(seen.refused.slice(0, REFUSALS_KEPT));
    if (Object.keys(patch).length > 0) await this.repo.updateLink(tenantId, patch);
  }

  /**
   * What online sync knows a peer holds (a bundle for it can leave that out): for our upstream,
   * the link's `pushed`; for a hub of ours, the vector it pulled from last; else nothing.
   */
  async peerVector(tenantId: string, instance: string): Promise<Record<string, number>> {
    const link = await this.repo.link(tenantId);
    if (link && link.upstream_instance === instance) return parseVector(link.pushed);
    const hub = await this.repo.hubByInstance(tenantId, instance);
    return hub ? parseVector(hub.last_vector) : {};
  }

  /**
   * After every page of a USB bundle was applied: the maker's vector (what it held when it made
   * the bundle) is what it holds and what we now hold of it. From our upstream: joined into the
   * link's `pulled` and `pushed`, so the next network pull asks only for what is newer and the
   * next push leaves out what the upstream holds. From a hub of ours: joined into its row's last
   * vector (its backlog); the hub learns what we hold from the vector of its next pull.
   */
  async bundleImported(
    tenantId: string,
    source: string,
    vector: VersionVector,
    outcome: Pick<ApplyOutcome, 'drift'>,
  ): Promise<'upstream' | 'hub' | null> {
    const at = this.clock.now().toISOString();
    const drift = driftOf(outcome, at);
    const link = await this.repo.link(tenantId);
    if (link && link.upstream_instance === source) {
      await this.repo.updateLink(tenantId, {
        pulled: JSON.stringify(mergeVectors(parseVector(link.pulled), vector)),
        pushed: JSON.stringify(mergeVectors(parseVector(link.pushed), vector)),
        ...(drift ? { last_drift: JSON.stringify(drift) } : {}),
      });
      await this.aheadReached(tenantId, mergeVectors(parseVector(link.pulled), vector));
      return 'upstream';
    }
    const hub = await this.repo.hubByInstance(tenantId, source);
    if (hub) {
      await this.repo.noteHub(tenantId, hub.id, {
        last_vector: JSON.stringify(mergeVectors(parseVector(hub.last_vector), vector)),
        ...(drift ? { last_drift: JSON.stringify(drift) } : {}),
      });
      return 'hub';
    }
    return null;
  }

  /** This database's vector for a platform (what a peer that pulled everything holds). */
  async vector(tenantId: string): Promise<Record<string, number>> {
    await this.tracker.stampPending();
    return this.feed.vector(tenantId);
  }

  // --- Upstream side: hubs ----------------------------------------------------------

  async registerHub(
    tenant: TenantRef,
    actor: Actor,
    input: RegisterHubRequest,
  ): Promise<RegisterHubResponse> {
    const row = await this.repo.tenantRow(tenant.id);
    if (!row) throw notFound('tenant_not_found', 'No such platform');
    const secret = randomBytes(32).toString('base64url');
    const hub: HubRow = {
      id: uuidv7(),
      tenant_id: tenant.id,
      name: input.name,
      instance_id: input.instance,
      class_ids: JSON.stringify(input.classIds ?? []),
      secret_hash: sha256(secret),
      created_at: this.clock.now().toISOString(),
      created_by: actor.userId,
      last_contact_at: null,
      last_vector: null,
      revoked_at: null,
      last_drift: null,
      last_refused: null,
    };
    await this.repo.insertHub(hub);
    const { invite_code: _code, ...settings } = row;
    return {
      hubId: hub.id,
      secret,
      instance: await this.instanceId(),
      tenant: {
        id: row.id,
        slug: row.slug,
        name: row.name,
        defaultLocale: row.default_locale,
        locales: JSON.parse(row.locales) as string[],
        settings,
      },
      classIds: input.classIds ?? [],
    };
  }

  /** The hub a request's x-satchel-hub header names; 401 without one, 403 once revoked. */
  async authenticateHub(tenant: TenantRef, header: string | undefined, instance: string): Promise<HubRow> {
    const [id, secret] = (header ?? '').split('.');
    if (!id || !secret) throw unauthenticated('This endpoint needs a hub credential (x-satchel-hub)');
    const hub = await this.repo.hub(tenant.id, id);
    const given = Buffer.from(sha256(secret));
    if (!hub || !timingSafeEqual(given, Buffer.from(hub.secret_hash))) {
      throw unauthenticated('This hub credential is not valid on this platform', { reason: 'hub_unknown' });
    }
    if (hub.revoked_at !== null) {
      throw new AppError(
        403,
        'hub_revoked',
        `This hub's registration was revoked on ${hub.revoked_at}; an administrator must register it again`,
        { hubId: hub.id, revokedAt: hub.revoked_at },
      );
    }
    if (hub.instance_id !== instance) {
      throw new AppError(403, 'hub_instance_mismatch', 'This credential was issued to another hub database', {
        hubId: hub.id,
      });
    }
    return hub;
  }

  async pull(tenant: TenantRef, hub: HubRow, input: PullRequest): Promise<PullResponse> {
    checkProtocol(input.protocol);
    const scope: FeedScope = { classIds: classIdsOf(hub) };
    if (input.userId || input.username) {
      const userId = input.userId ?? (await this.repo.userIdByUsername(tenant.id, input.username ?? ''));
      if (!userId)
        return {
          protocol: PROTOCOL_VERSION,
          instance: await this.instanceId(),
          records: [],
          cursor: null,
          vector: {},
        };
      scope.userId = userId;
      // A learner visiting a class-scoped hub (not in its classes; a member's fetch after joining
      // one is not a visit): what they do there is theirs to push back.
      if (scope.classIds?.length && !(await this.repo.inClasses(tenant.id, userId, scope.classIds)))
        await this.repo.addHubUsers(tenant.id, hub.id, [userId], 'fetched', this.clock.now().toISOString());
    }
    if (input.cursor === null) await this.tracker.stampPending();
    const page = await this.feed.page(tenant.id, input.since, scope, input.cursor, input.limit);
    if (page === 'bad_cursor')
      throw invalid('sync_cursor_invalid', 'The continuation token is not valid; start the pull again');
    await this.repo.touchHub(
      tenant.id,
      hub.id,
      this.clock.now().toISOString(),
      scope.userId ? null : JSON.stringify(input.since),
    );
    return { protocol: PROTOCOL_VERSION, instance: await this.instanceId(), ...page };
  }

  async push(tenant: TenantRef, hub: HubRow, input: PushRequest): Promise<PushResponse> {
    checkProtocol(input.protocol);
    // The hub's contact is noted in the batch's transaction (applyFromHub).
    const outcome = await this.applyFromHub(tenant.id, hub, input.records, { contact: true });
    return {
      protocol: PROTOCOL_VERSION,
      applied: outcome.applied,
      conflicts: outcome.conflicts,
      staged: outcome.staged,
      // Notes ride in `refused` with their code: hubs of every version read them (splitNotes).
      refused: [...outcome.refused, ...outcome.notes],
    };
  }

  async listHubs(tenantId: string): Promise<HubView[]> {
    await this.tracker.stampPending();
    const out: HubView[] = [];
    for (const hub of await this.repo.hubs(tenantId)) out.push(await this.summary(hub));
    return out;
  }

  async revokeHub(tenantId: string, hubId: string): Promise<HubView> {
    const hub = await this.repo.hub(tenantId, hubId);
    if (!hub) throw notFound('hub_not_found', 'No hub is registered with this id', { hubId });
    await this.repo.revokeHub(tenantId, hubId, this.clock.now().toISOString());
    return this.summary((await this.repo.hub(tenantId, hubId))!);
  }

  private async summary(hub: HubRow): Promise<HubView> {
    const backlog =
      hub.revoked_at === null
        ? await this.feed.countLacking(hub.tenant_id, parseVector(hub.last_vector), {
            classIds: classIdsOf(hub),
          })
        : 0;
    return {
      id: hub.id,
      name: hub.name,
      instance: hub.instance_id,
      classIds: classIdsOf(hub),
      createdAt: hub.created_at,
      lastContactAt: hub.last_contact_at,
      revokedAt: hub.revoked_at,
      backlog,
      lastDrift: parseJsonOr<SyncDrift | null>(hub.last_drift, null),
      ...splitNotes(parseJsonOr<SyncRefusal[]>(hub.last_refused, [])),
    };
  }

  // --- Both sides: status and the conflict log -----------------------------------------

  async status(tenantId: string): Promise<SyncStatusView> {
    await this.tracker.stampPending();
    const link = await this.repo.link(tenantId);
    const links = link ? [await this.linkStatus(link)] : [];
    const conflicts = (await this.repo.conflicts(tenantId, 1, 0)).total;
    return { instance: await this.instanceId(), links, conflicts };
  }

  private async linkStatus(link: LinkRow): Promise<LinkView> {
    return {
      tenantSlug: link.upstream_slug,
      upstream: link.upstream_url,
      hubId: link.hub_id,
      lastAttemptAt: link.last_attempt_at,
      lastSuccessAt: link.last_success_at,
      lastError: link.last_error,
      pending: await this.feed.countLacking(link.tenant_id, parseVector(link.pushed)),
      staged: await this.repo.stagedCount(link.tenant_id),
      lastDrift: parseJsonOr<SyncDrift | null>(link.last_drift, null),
      ...splitNotes(parseJsonOr<SyncRefusal[]>(link.last_refused, [])),
    };
  }

  async conflicts(
    tenantId: string,
    limit: number,
    offset: number,
  ): Promise<{ items: ConflictEntry[]; total: number }> {
    const { rows, total } = await this.repo.conflicts(tenantId, limit, offset);
    // Secrets are hashes, but still never shown: only that they conflicted.
    const secret = (field: string, value: string): ConflictEntry['loserValue'] =>
      SECRET_FIELDS.includes(field) ? '••••' : (JSON.parse(value) as ConflictEntry['loserValue']);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind as ConflictEntry['kind'],
        recordId: r.record_id,
        field: r.field,
        loserValue: secret(r.field, r.loser_value),
        loserStamp: r.loser_stamp,
        winnerValue: secret(r.field, r.winner_value),
        winnerStamp: r.winner_stamp,
        recordedAt: r.recorded_at,
      })),
      total,
    };
  }
}

function checkProtocol(protocol: number): void {
  // Sync has its own floor (see MIN_SYNC_PROTOCOL): an older hub would misread the new kinds.
  if (protocol < MIN_SYNC_PROTOCOL) {
    throw new AppError(400, 'protocol_unsupported', `Protocol ${protocol} is too old; update this hub`, {
      minimum: MIN_SYNC_PROTOCOL,
    });
  }
}
