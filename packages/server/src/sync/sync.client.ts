import {
  mergeVectors,
  PROTOCOL_VERSION,
  PullResponse,
  PushResponse,
  RegisterHubResponse,
  uuidv7,
  type PullRequest,
  type PushRequest,
  type SyncRefusal,
} from '@satchel/core';
import type { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { LinkRow } from './sync.repo.js';
import { driftOf, HUB_HEADER, type SyncService } from './sync.service.js';
import { splitNotes } from './sync.apply.js';
import { pageCovers } from './sync.ahead.js';
import { COMPACT_PROTOCOL, compactStatementBody, encodeBody } from './sync.statements.js';

/** How a fetch to the upstream failed, with the upstream's error code when it sent one. */
export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export interface SyncRunResult {
  tenantId: string;
  pulled: number;
  pushed: number;
  conflicts: number;
  /** Records the upstream refused (e.g. outside this hub's classes); listed on the status page. */
  refused: number;
  error: string | null;
}

export interface RegisterOptions {
  upstream: string;
  tenantSlug: string;
  username: string;
  password: string;
  name: string;
  classIds?: string[];
}

const PULL_LIMIT = 500;
const PUSH_LIMIT = 500;
const FETCH_TIMEOUT_MS = 60_000;

/**
 * The hub's side of sync: registration with an upstream, then pull-then-push runs, on demand
 * and on an interval. Progress is saved after every batch (continuation tokens in
 * sync_links), so a run cut short — network, power, kill -9 — resumes where it stopped, and
 * applying a batch twice changes nothing. One run at a time per process.
 */
export class SyncClient {
  private running: Promise<SyncRunResult[]> | null = null;
  /** Per platform, the protocol its upstream last answered with. */
  private readonly upstreamProtocol = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly sync: SyncService,
    private readonly clock: Clock,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly limits: { pull: number; push: number } = { pull: PULL_LIMIT, push: PUSH_LIMIT },
  ) {}

  async register(options: RegisterOptions): Promise<LinkRow> {
    const base = options.upstream.replace(/\/+$/, '');
    const slug = encodeURIComponent(options.tenantSlug);
    const signin = await this.fetchImpl(`${base}/api/t/${slug}/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: options.username, password: options.password }),
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!signin.ok) throw await upstreamError(signin, 'signing in to the upstream failed');
    const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const instance = await this.sync.instanceId();
    const res = await this.fetchImpl(`${base}/api/t/${slug}/sync/hubs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        name: options.name,
        instance,
        ...(options.classIds?.length ? { classIds: options.classIds } : {}),
      }),
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!res.ok) throw await upstreamError(res, 'the upstream refused to register this hub');
    const reg = RegisterHubResponse.parse(await res.json());
    if (!(await this.sync.repo.adoptTenant(reg.tenant.settings))) {
      throw new UpstreamError(
        `A different platform called "${reg.tenant.slug}" already exists here`,
        409,
        'tenant_clash',
      );
    }
    const existing = await this.sync.repo.link(reg.tenant.id);
    const link: LinkRow = {
      id: existing?.id ?? uuidv7(),
      tenant_id: reg.tenant.id,
      upstream_url: base,
      upstream_slug: reg.tenant.slug,
      upstream_instance: reg.instance,
      hub_id: reg.hubId,
      secret: reg.secret,
      class_ids: JSON.stringify(reg.classIds),
      pulled: existing?.pulled ?? '{}',
      pull_cursor: null,
      pull_snapshot: null,
      pushed: existing?.pushed ?? '{}',
      push_cursor: null,
      last_attempt_at: null,
      last_success_at: null,
      last_error: null,
      created_at: existing?.created_at ?? this.clock.now().toISOString(),
      last_drift: existing?.last_drift ?? null,
      last_refused: existing?.last_refused ?? null,
    };
    await this.sync.repo.putLink(link);
    return link;
  }

  /** Syncs every registered platform (one run at a time; a call during a run waits for it). */
  async syncAll(): Promise<SyncRunResult[]> {
    if (this.running) return this.running;
    this.running = (async () => {
      const out: SyncRunResult[] = [];
      try {
        const links = await this.sync.repo.links();
        if (links.length === 0) return out;
        await this.sync.tracker.stampPending({ full: true });
        for (const link of links) out.push(await this.syncLink(link));
        return out;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Runs now, then every `intervalMs` while the process lives. */
  start(intervalMs: number, onResult?: (results: SyncRunResult[]) => void): void {
    this.stopped = false;
    const tick = (): void => {
      void this.syncAll()
        .then(onResult, () => undefined)
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async syncLink(link: LinkRow): Promise<SyncRunResult> {
    const result: SyncRunResult = {
      tenantId: link.tenant_id,
      pulled: 0,
      pushed: 0,
      conflicts: 0,
      refused: 0,
      error: null,
    };
    await this.sync.repo.updateLink(link.tenant_id, { last_attempt_at: this.clock.now().toISOString() });
    try {
      const newMembers = await this.pull(link, result);
      await this.prefetch(link, newMembers);
      await this.push(link, result);
      await this.sync.repo.updateLink(link.tenant_id, {
        last_success_at: this.clock.now().toISOString(),
        last_error: null,
      });
    } catch (err) {
      result.error = err instanceof Error ? err.message : String(err);
      await this.sync.repo.updateLink(link.tenant_id, { last_error: result.error });
    }
    return result;
  }

  /**
   * A learner signing in here that this hub does not know (or has not synced lately): their
   * records are fetched from the upstream first, when it answers. Returns whether it did.
   */
  async fetchLearner(
    tenantId: string,
    who: { username?: string; userId?: string },
    timeoutMs = FETCH_TIMEOUT_MS,
  ): Promise<boolean> {
    const link = await this.sync.repo.link(tenantId);
    if (!link) return false;
    let cursor: string | null = null;
    let any = false;
    do {
      const body: PullRequest = {
        protocol: PROTOCOL_VERSION,
        instance: await this.sync.instanceId(),
        since: {},
        cursor,
        limit: this.limits.pull,
        ...(who.userId ? { userId: who.userId } : {}),
        ...(who.username ? { username: who.username } : {}),
      };
      const page = await this.call(link, 'pull', body, PullResponse, timeoutMs);
      if (page.records.length > 0) {
        any = true;
        await this.sync.applyBatch(tenantId, page.records);
      }
      cursor = page.cursor;
    } while (cursor !== null);
    return any;
  }

  private async pull(link: LinkRow, result: SyncRunResult): Promise<string[]> {
    const instance = await this.sync.instanceId();
    const newMembers: string[] = [];
    let current = (await this.sync.repo.link(link.tenant_id)) ?? link;
    for (;;) {
      const since = {
        ...parse(current.pulled),
        [instance]: (await this.sync.feed.vector(link.tenant_id))[instance] ?? 0,
      };
      const body: PullRequest = {
        protocol: PROTOCOL_VERSION,
        instance,
        since,
        cursor: current.pull_cursor,
        limit: this.limits.pull,
      };
      let page: z.infer<typeof PullResponse>;
      try {
        page = await this.call(link, 'pull', body, PullResponse);
      } catch (err) {
        if (
          err instanceof UpstreamError &&
          err.code === 'sync_cursor_invalid' &&
          current.pull_cursor !== null
        ) {
          await this.sync.repo.updateLink(link.tenant_id, { pull_cursor: null, pull_snapshot: null });
          current = { ...current, pull_cursor: null };
          continue;
        }
        throw err;
      }
      this.upstreamProtocol.set(link.tenant_id, page.protocol);
      if (page.records.length > 0) {
        const outcome = await this.sync.applyBatch(link.tenant_id, page.records, { inOrder: true });
        await this.sync.aheadReached(link.tenant_id, pageCovers(page.records));
        result.pulled += outcome.applied;
        result.conflicts += outcome.conflicts;
        newMembers.push(...outcome.newClassMembers);
        await this.sync.noteUpstream(link.tenant_id, {
          drift: driftOf(outcome, this.clock.now().toISOString()),
        });
      }
      // Saved after every batch: a run cut short resumes from here.
      if (page.cursor === null) {
        const pulled = JSON.stringify(mergeVectors(parse(current.pulled), page.vector));
        const pushed = JSON.stringify(mergeVectors(parse(current.pushed), page.vector));
        await this.sync.repo.updateLink(link.tenant_id, {
          pulled,
          pushed,
          pull_cursor: null,
          pull_snapshot: null,
        });
        await this.sync.aheadReached(link.tenant_id, parse(pulled));
        return newMembers;
      }
      await this.sync.repo.updateLink(link.tenant_id, {
        pull_cursor: page.cursor,
        pull_snapshot: JSON.stringify(page.vector),
      });
      current = { ...current, pull_cursor: page.cursor };
    }
  }

  /** Learners who just got a place in a class here: fetch their history (bounded per run). */
  private async prefetch(link: LinkRow, userIds: readonly string[]): Promise<void> {
    for (const userId of [...new Set(userIds)].slice(0, 200)) {
      await this.fetchLearner(link.tenant_id, { userId });
    }
  }

  private async push(link: LinkRow, result: SyncRunResult): Promise<void> {
    const instance = await this.sync.instanceId();
    const current = (await this.sync.repo.link(link.tenant_id)) ?? link;
    const pushed = parse(current.pushed);
    let cursor = current.push_cursor;
    // What the upstream refused of this run's pushes: replaces the status page's list once anything was pushed.
    let refused: SyncRefusal[] | null = null;
    // Once per run, not per page: writes stamped later go with the next run (the vector claimed
    // pushed is the feed's own, taken when it started).
    await this.sync.tracker.stampPending();
    // The pull just before told which protocol the upstream speaks.
    const compact = (this.upstreamProtocol.get(link.tenant_id) ?? 1) >= COMPACT_PROTOCOL;
    for (;;) {
      const page = await this.sync.feed.page(link.tenant_id, pushed, {}, cursor, this.limits.push);
      if (page === 'bad_cursor') {
        cursor = null;
        continue;
      }
      if (page.records.length > 0) {
        const records = compact
          ? page.records.map((r) =>
              r.kind === 'statement' && r.body ? { ...r, body: compactStatementBody(r.body) } : r,
            )
          : page.records;
        const body: PushRequest = { protocol: PROTOCOL_VERSION, instance, records };
        const answer = await this.call(link, 'push', body, PushResponse, FETCH_TIMEOUT_MS, compact);
        result.pushed += answer.applied;
        result.conflicts += answer.conflicts;
        result.refused += splitNotes(answer.refused).refused.length;
        refused = [...(refused ?? []), ...answer.refused];
        await this.sync.noteUpstream(link.tenant_id, { refused });
      }
      if (page.cursor === null) {
        await this.sync.repo.updateLink(link.tenant_id, {
          pushed: JSON.stringify(mergeVectors(pushed, page.vector)),
          push_cursor: null,
        });
        return;
      }
      cursor = page.cursor;
      await this.sync.repo.updateLink(link.tenant_id, { push_cursor: cursor });
    }
  }

  private async call<S extends z.ZodType>(
    link: LinkRow,
    what: 'pull' | 'push',
    body: unknown,
    schema: S,
    timeoutMs = FETCH_TIMEOUT_MS,
    brotli = false,
  ): Promise<z.output<S>> {
    const url = `${link.upstream_url}/api/t/${encodeURIComponent(link.upstream_slug)}/sync/${what}`;
    const encoded = await encodeBody(JSON.stringify(body), brotli);
    const res = await this.fetchImpl(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': encoded.encoding,
        // Older upstreams look for gzip only; newer ones answer in brotli (fetch decodes both).
        'accept-encoding': 'br, gzip',
        [HUB_HEADER]: `${link.hub_id}.${link.secret}`,
      },
      body: encoded.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw await upstreamError(res, `${what} failed`);
    return schema.parse(await res.json());
  }
}

function parse(text: string | null): Record<string, number> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, number>;
  } catch {
    return {};
  }
}

async function upstreamError(res: Response, what: string): Promise<UpstreamError> {
  let code: string | null = null;
  let message = `${what}: HTTP ${res.status}`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? null;
    if (body.error?.message) message = `${what}: ${body.error.message} (${code ?? res.status})`;
  } catch {
    // not JSON: keep the status line
  }
  return new UpstreamError(message, res.status, code);
}
