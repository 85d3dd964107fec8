/**
 * A per-tenant count of changes to who may act (sessions ended, tokens revoked, users
 * disabled, roles changed) made by this process. The actor cache compares it, so a
 * change made here takes effect at once; another replica's change takes effect when the
 * cache entry expires (ACTOR_CACHE_MS).
 */
class IdentityChanges {
  private readonly generations = new Map<string, number>();
  private everyTenant = 0;

  bump(tenantId: string): void {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
  }

  /** For bulk writes that touch many users at once (roster imports). */
  bumpAll(): void {
    this.everyTenant++;
  }

  generation(tenantId: string): number {
    return this.everyTenant + (this.generations.get(tenantId) ?? 0);
  }
}

export const identityChanges = new IdentityChanges();
