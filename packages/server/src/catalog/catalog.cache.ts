import type { Clock } from '../platform/clock.js';

export interface CatalogCacheOptions {
  /**
   * How long an answer may be served. Invalidation is per process, so with several
   * replicas another replica's publication shows here within this time.
   */
  ttlMs?: number;
  maxEntries?: number;
}

interface Entry {
  generation: number;
  storedAt: number;
  body: string;
}

/**
 * Serialized catalog answers per (tenant, normalized query). Each tenant has a
 * generation counter, raised by anything that changes what its catalog shows
 * (publishing, archiving, variants, categories); an answer computed under an older
 * generation is never served.
 */
export class CatalogCache {
  private readonly generations = new Map<string, number>();
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly clock: Clock,
    options: CatalogCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 5_000;
    this.maxEntries = options.maxEntries ?? 5_000;
  }

  /** Read before computing an answer, and pass to `set`, so a publication during the read is not missed. */
  generation(tenantId: string): number {
    return this.generations.get(tenantId) ?? 0;
  }

  invalidate(tenantId: string): void {
    this.generations.set(tenantId, this.generation(tenantId) + 1);
  }

  get(tenantId: string, key: string): string | undefined {
    const fullKey = `${tenantId} ${key}`;
    const entry = this.entries.get(fullKey);
    if (!entry) return undefined;
    if (
      entry.generation !== this.generation(tenantId) ||
      this.clock.now().getTime() - entry.storedAt >= this.ttlMs
    ) {
      this.entries.delete(fullKey);
      return undefined;
    }
    return entry.body;
  }

  set(tenantId: string, key: string, generation: number, body: string): void {
    if (generation !== this.generation(tenantId)) return;
    const fullKey = `${tenantId} ${key}`;
    this.entries.delete(fullKey);
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest answer.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(fullKey, { generation, storedAt: this.clock.now().getTime(), body });
  }

  get size(): number {
    return this.entries.size;
  }
}
