import { randomUUID } from 'node:crypto';
import type { ErrorLog } from '../app/services.js';
import type { Clock } from '../platform/clock.js';
import { deliver, type Fetch } from './forwarding.client.js';
import type { DestinationRow, ForwardingRepo } from './forwarding.repo.js';

// The forwarder: a loop in the server process. Each pass, every due destination is
// leased (one batch in flight per destination, across processes), its queue topped
// up from the statements table, and its oldest statements sent in batches. A batch
// is marked delivered only after the other LRS accepted it, so a crash re-sends at
// worst the batch in flight (the other LRS holds those ids already: 2xx or 409, both
// delivered). A failed batch backs off exponentially; the lease of a dead worker
// runs out and another takes over.

export interface ForwarderOptions {
  batchSize: number;
  /** Pause between passes when nothing wakes the loop. */
  pollMs: number;
  /** How long a worker holds a destination without renewing. */
  leaseMs: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Statements may commit this long after their `stored` time (slow transactions, clock skew). */
  marginMs: number;
  /** How often the whole history since a destination's start is re-offered to the queue. */
  reconcileMs: number;
  requestTimeoutMs: number;
  /** Batches per destination per pass, so one busy destination does not starve the others. */
  maxBatchesPerPass: number;
}

export const DEFAULT_FORWARDER_OPTIONS: ForwarderOptions = {
  batchSize: 100,
  pollMs: 2_000,
  leaseMs: 60_000,
  baseBackoffMs: 1_000,
  maxBackoffMs: 10 * 60_000,
  marginMs: 5 * 60_000,
  reconcileMs: 60 * 60_000,
  requestTimeoutMs: 30_000,
  maxBatchesPerPass: 20,
};

export function backoffMs(
  failures: number,
  options: Pick<ForwarderOptions, 'baseBackoffMs' | 'maxBackoffMs'>,
): number {
  return Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}

const iso = (ms: number): string => new Date(ms).toISOString();

export class Forwarder {
  readonly id = randomUUID();
  private running: Promise<void> | null = null;
  /** A stop was asked for: the loop ends and no further batch starts. */
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private lastReconcile = new Map<string, number>();

  constructor(
    private readonly repo: ForwardingRepo,
    private readonly clock: Clock,
    private readonly fetcher: Fetch,
    private readonly options: ForwarderOptions,
    private readonly log?: ErrorLog,
  ) {}

  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = this.loop();
  }

  /** Stops after the batch in flight (nothing is left half-marked). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    this.running = null;
  }

  /** Starts the next pass now (new statements, a destination resumed). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.woken = false;
      try {
        await this.pass();
      } catch (err) {
        this.log?.error({ err }, 'statement forwarding pass failed');
      }
      if (this.stopped || this.woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** One pass over every due destination; exposed for tests and `satchel` commands. */
  async pass(): Promise<void> {
    const due = await this.repo.due(this.clock.now().toISOString());
    // One destination's trouble (a database hiccup) must not stop the others, nor leave work unawaited.
    const outcomes = await Promise.allSettled(due.map((d) => this.serve(d)));
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.status === 'rejected')
        this.log?.error({ err: outcome.reason, destinationId: due[i]?.id }, 'statement forwarding failed');
    }
  }

  private async serve(d: DestinationRow): Promise<void> {
    const now = this.clock.now().getTime();
    if (!(await this.repo.lease(d.tenant_id, d.id, this.id, iso(now), iso(now + this.options.leaseMs))))
      return;
    let released = false;
    try {
      await this.topUp(d, now);
      for (let n = 0; n < this.options.maxBatchesPerPass && !this.stopped; n++) {
        const batch = await this.repo.pending(d.tenant_id, d.id, this.options.batchSize);
        if (batch.length === 0) break;
        const ids = batch.map((b) => b.statement_id);
        const texts = await this.repo.statements(d.tenant_id, ids);
        const outcome = await deliver(
          this.fetcher,
          d,
          ids.flatMap((id) => texts.get(id) ?? []),
          this.options.requestTimeoutMs,
        );
        const at = this.clock.now();
        if (!outcome.ok) {
          const failures = d.failures + 1;
          await this.repo.attempted(d.tenant_id, d.id, ids);
          await this.repo.release(d.tenant_id, d.id, this.id, {
            failures,
            last_error: outcome.error.slice(0, 1000),
            last_error_at: at.toISOString(),
            next_attempt_at: iso(at.getTime() + backoffMs(failures, this.options)),
          });
          released = true;
          return;
        }
        await this.repo.delivered(d.tenant_id, d.id, ids, at.toISOString());
        d.failures = 0;
        // Renew the lease for the next batch.
        if (
          !(await this.repo.lease(
            d.tenant_id,
            d.id,
            this.id,
            at.toISOString(),
            iso(at.getTime() + this.options.leaseMs),
          ))
        ) {
          released = true;
          return;
        }
        if (batch.length < this.options.batchSize) break;
      }
    } finally {
      if (!released) await this.repo.release(d.tenant_id, d.id, this.id);
    }
  }

  /**
   * Offers recent statements to the queue (those stored since the watermark, less a
   * margin for transactions that commit late) and, now and then, every statement
   * since the destination's start: a statement whose after-commit notice was lost to
   * a crash, or that arrived by another path, is queued all the same.
   */
  private async topUp(d: DestinationRow, now: number): Promise<void> {
    const key = `${d.tenant_id}/${d.id}`;
    const last = this.lastReconcile.get(key);
    if (last === undefined || now - last >= this.options.reconcileMs) {
      await this.repo.enqueue(d, { since: d.start_from });
      this.lastReconcile.set(key, now);
    } else {
      await this.repo.enqueue(d, { since: d.watermark });
    }
    const next = iso(now - this.options.marginMs);
    if (next > d.watermark) await this.repo.update(d.tenant_id, d.id, { watermark: next });
  }
}
