import {
  uuidv7,
  type CreateForwardingDestinationRequest,
  type ForwardingDestination,
  type UpdateForwardingDestinationRequest,
} from '@satchel/core';
import type { z } from 'zod';
import type { ErrorLog } from '../app/services.js';
import { notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import type { Fetch } from './forwarding.client.js';
import type { DestinationRow, ForwardingRepo } from './forwarding.repo.js';
import { DEFAULT_FORWARDER_OPTIONS, Forwarder, type ForwarderOptions } from './forwarding.worker.js';

// Statement forwarding: destinations a tenant admin configures, statements queued as
// the LRS stores them (and by the forwarder's sweeps), the forwarder that sends them.

type Auth = z.output<typeof CreateForwardingDestinationRequest>['auth'];

const destinationMissing = (id: string) =>
  notFound('forwarding_destination_not_found', 'There is no such forwarding destination', {
    destinationId: id,
  });

function hint(secret: string): string {
  return secret.length <= 8 ? '…' : `…${secret.slice(-4)}`;
}

function authColumns(auth: Auth): Pick<DestinationRow, 'auth_kind' | 'auth_key' | 'auth_secret'> {
  return auth.kind === 'basic'
    ? { auth_kind: 'basic', auth_key: auth.key, auth_secret: auth.secret }
    : { auth_kind: 'bearer', auth_key: null, auth_secret: auth.token };
}

function present(row: DestinationRow, pending: number): ForwardingDestination {
  return {
    id: row.id,
    name: row.name,
    endpoint: row.endpoint,
    auth: { kind: row.auth_kind, key: row.auth_key, secretHint: hint(row.auth_secret) },
    filter: { verbs: JSON.parse(row.verbs) as string[], activityPrefix: row.activity_prefix },
    paused: row.paused === 1,
    createdAt: row.created_at,
    status: {
      pending,
      delivered: Number(row.delivered_count),
      lastDeliveredAt: row.last_delivered_at,
      lastError: row.last_error,
      lastErrorAt: row.last_error_at,
      failures: Number(row.failures),
      nextAttemptAt: row.next_attempt_at,
    },
  };
}

const TENANT_CACHE_MS = 5_000;

export class ForwardingService {
  readonly forwarder: Forwarder;
  // Which tenants forward at all, so storing statements costs no query where none do.
  private readonly tenantCache = new Map<string, { at: number; rows: DestinationRow[] }>();

  constructor(
    private readonly repo: ForwardingRepo,
    private readonly clock: Clock,
    fetcher: Fetch = (url, init) => fetch(url, init),
    options: Partial<ForwarderOptions> = {},
    private readonly log?: ErrorLog,
  ) {
    this.forwarder = new Forwarder(repo, clock, fetcher, { ...DEFAULT_FORWARDER_OPTIONS, ...options }, log);
  }

  async list(tenantId: string): Promise<ForwardingDestination[]> {
    const [rows, counts] = await Promise.all([this.repo.list(tenantId), this.repo.pendingCounts(tenantId)]);
    return rows.map((r) => present(r, counts.get(r.id) ?? 0));
  }

  async get(tenantId: string, id: string): Promise<ForwardingDestination> {
    const row = await this.repo.byId(tenantId, id);
    if (!row) throw destinationMissing(id);
    return present(row, (await this.repo.pendingCounts(tenantId)).get(id) ?? 0);
  }

  async create(
    tenantId: string,
    input: z.output<typeof CreateForwardingDestinationRequest>,
  ): Promise<ForwardingDestination> {
    const now = this.clock.now().toISOString();
    const id = uuidv7();
    const startFrom = input.includeExisting ? '' : now;
    await this.repo.insert({
      tenant_id: tenantId,
      id,
      name: input.name,
      endpoint: input.endpoint,
      ...authColumns(input.auth),
      verbs: JSON.stringify(input.filter.verbs),
      activity_prefix: input.filter.activityPrefix,
      paused: 0,
      start_from: startFrom,
      watermark: startFrom,
      failures: 0,
      next_attempt_at: null,
      last_error: null,
      last_error_at: null,
      last_delivered_at: null,
      delivered_count: 0,
      lease_owner: null,
      lease_until: null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    });
    this.changed(tenantId);
    return this.get(tenantId, id);
  }

  async update(
    tenantId: string,
    id: string,
    patch: z.output<typeof UpdateForwardingDestinationRequest>,
  ): Promise<ForwardingDestination> {
    const now = this.clock.now().toISOString();
    const updated = await this.repo.update(tenantId, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.endpoint !== undefined ? { endpoint: patch.endpoint } : {}),
      ...(patch.auth !== undefined ? authColumns(patch.auth) : {}),
      ...(patch.filter !== undefined
        ? { verbs: JSON.stringify(patch.filter.verbs), activity_prefix: patch.filter.activityPrefix }
        : {}),
      ...(patch.paused !== undefined ? { paused: patch.paused ? 1 : 0 } : {}),
      // New settings deserve a prompt try rather than the old backoff.
      next_attempt_at: null,
      updated_at: now,
    });
    if (updated === 0) throw destinationMissing(id);
    this.changed(tenantId);
    return this.get(tenantId, id);
  }

  async setPaused(tenantId: string, id: string, paused: boolean): Promise<ForwardingDestination> {
    return this.update(tenantId, id, { paused });
  }

  async remove(tenantId: string, id: string): Promise<void> {
    if ((await this.repo.remove(tenantId, id, this.clock.now().toISOString())) === 0)
      throw destinationMissing(id);
    this.changed(tenantId);
  }

  /** Queues newly stored statements for the tenant's destinations (the LRS's after-commit notice). */
  async statementsStored(tenantId: string, statementIds: readonly string[]): Promise<void> {
    const rows = await this.destinations(tenantId);
    if (rows.length === 0) return;
    for (const row of rows) await this.repo.enqueue(row, { ids: statementIds });
    this.forwarder.wake();
  }

  start(): void {
    this.forwarder.start();
  }

  async stop(): Promise<void> {
    await this.forwarder.stop();
  }

  private async destinations(tenantId: string): Promise<DestinationRow[]> {
    const now = Date.now();
    const cached = this.tenantCache.get(tenantId);
    if (cached && now - cached.at < TENANT_CACHE_MS) return cached.rows;
    const rows = await this.repo.active(tenantId);
    this.tenantCache.set(tenantId, { at: now, rows });
    return rows;
  }

  private changed(tenantId: string): void {
    this.tenantCache.delete(tenantId);
    this.forwarder.wake();
  }

  /** For the LRS listener: errors are logged, never thrown into a store. */
  listener(): (event: { tenantId: string; statementIds: readonly string[] }) => Promise<void> {
    return async ({ tenantId, statementIds }) => {
      try {
        await this.statementsStored(tenantId, statementIds);
      } catch (err) {
        // The forwarder's sweep queues them anyway.
        this.log?.error({ err, tenantId }, 'queueing statements for forwarding failed');
      }
    };
  }
}
