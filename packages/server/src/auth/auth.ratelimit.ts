import { rateLimited } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import type { AuthRepo } from './auth.repo.js';

export interface Limit {
  /** What is counted, e.g. `signin:user:amina` or `signin:ip:10.0.0.7`. */
  key: string;
  max: number;
}

/**
 * Fixed-window failure counters kept in the database, so every replica behind a
 * load balancer sees the same counts. Only failures are counted; a caller checks
 * before doing the expensive work and records a failure after it.
 */
export class FailureLimiter {
  constructor(
    private readonly repo: AuthRepo,
    private readonly clock: Clock,
    private readonly windowMs: number,
  ) {}

  /** Throws 429 rate_limited (with Retry-After) when any of the limits is used up. */
  async check(tenantId: string, limits: readonly Limit[]): Promise<void> {
    const now = this.clock.now().getTime();
    let retryAfterMs = 0;
    for (const limit of limits) {
      const row = await this.repo.rateLimit(tenantId, limit.key);
      if (!row) continue;
      const resetAt = Date.parse(row.window_start) + this.windowMs;
      if (resetAt > now && row.count >= limit.max) retryAfterMs = Math.max(retryAfterMs, resetAt - now);
    }
    if (retryAfterMs > 0) throw rateLimited(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }

  async fail(tenantId: string, limits: readonly Limit[]): Promise<void> {
    const now = this.clock.now();
    const staleBefore = new Date(now.getTime() - this.windowMs).toISOString();
    for (const limit of limits) await this.repo.hit(tenantId, limit.key, now.toISOString(), staleBefore);
  }

  async reset(tenantId: string, key: string): Promise<void> {
    await this.repo.clearRateLimit(tenantId, key);
  }
}
