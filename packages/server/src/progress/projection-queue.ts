import type { UserCourse } from './progress.repo.js';

export type ProjectFn = (tenantId: string, pairs: readonly UserCourse[]) => Promise<void>;

/** How long statements may collect before a round starts, unless a reader is waiting. */
export const GATHER_MS = 200;
/** Under sustained ingest, rounds take at most about a third of the time. */
const GATHER_PER_ROUND_MS = 2;

/**
 * Runs progress recomputations right after statements are stored, without making
 * the writer wait, and coalesces them: while one round runs, further (learner,
 * course) pairs collect, and the next round recomputes each of them once however
 * many batches touched it. A hub uploading thousands of statements of one class
 * recomputes each learner a few times, not once per batch.
 *
 * A round starts GATHER_MS (or twice the last round's duration, if longer) after
 * the first statement waiting, or at once when a reader asks: readers call
 * `flushed()` first, so a learner who posts a statement and then opens the course
 * page sees its effect. The statements are the truth: work lost to a crash is
 * redone the next time the learner's course gets a statement.
 */
export class ProjectionQueue {
  private pending = new Map<string, Map<string, UserCourse>>();
  private enqueued = 0;
  private done = 0;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private lastRoundMs = 0;
  private waiters: { upTo: number; resolve: () => void }[] = [];

  constructor(
    private readonly project: ProjectFn,
    private readonly onError: (err: unknown, tenantId: string) => void,
  ) {}

  enqueue(tenantId: string, pairs: readonly UserCourse[]): void {
    if (pairs.length === 0) return;
    let forTenant = this.pending.get(tenantId);
    if (!forTenant) this.pending.set(tenantId, (forTenant = new Map()));
    for (const pair of pairs) forTenant.set(`${pair.userId}/${pair.courseId}`, pair);
    this.enqueued += 1;
    if (!this.running && this.timer === null) this.schedule();
  }

  /** Resolves once every recomputation enqueued before this call has run. */
  flushed(): Promise<void> {
    const upTo = this.enqueued;
    if (this.done >= upTo) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push({ upTo, resolve }));
    if (!this.running) this.start();
    return done;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.start(), Math.max(GATHER_MS, GATHER_PER_ROUND_MS * this.lastRoundMs));
  }

  private start(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) return;
    this.running = true;
    void this.drain();
  }

  /** One round: every pair pending now, once each. */
  private async drain(): Promise<void> {
    const began = performance.now();
    const upTo = this.enqueued;
    const round = this.pending;
    this.pending = new Map();
    for (const [tenantId, pairs] of round) {
      try {
        await this.project(tenantId, [...pairs.values()]);
      } catch (err) {
        this.onError(err, tenantId);
      }
    }
    this.done = upTo;
    this.lastRoundMs = performance.now() - began;
    const ready = this.waiters.filter((w) => w.upTo <= upTo);
    this.waiters = this.waiters.filter((w) => w.upTo > upTo);
    this.running = false;
    for (const w of ready) w.resolve();
    if (this.pending.size === 0) return;
    // More arrived during the round: a waiting reader goes first, else gather again.
    if (this.waiters.length > 0) this.start();
    else this.schedule();
  }
}
