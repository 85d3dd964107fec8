import type { Actor, TenantRef } from '../http/context.js';
import { unauthenticated } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';

/** What the catalog needs to know about a tenant's sign-up door. */
export interface SignupPolicySource {
  inviteCode(tenantId: string): Promise<{ policy: 'open' | 'invite' | 'admin' }>;
}

const POLICY_TTL_MS = 5_000;

/**
 * Who may browse the catalog, the curriculum and the categories: any member of the
 * tenant, and, on a platform where anyone may sign up, anyone at all. Showing an
 * open platform's courses before sign-up reveals nothing a sign-up would not, and
 * lets a learner see what is offered first; invite-only and admin-managed platforms
 * (closed programmes, staff development) stay closed to strangers.
 */
export class CatalogVisibility {
  private readonly cache = new Map<string, { open: boolean; at: number }>();

  constructor(
    private readonly tenants: SignupPolicySource,
    private readonly clock: Clock,
  ) {}

  async assertCanBrowse(tenant: TenantRef, actor: Actor | null): Promise<void> {
    if (actor) return;
    if (await this.isOpen(tenant.id)) return;
    throw unauthenticated('Sign in to see the courses of this platform');
  }

  private async isOpen(tenantId: string): Promise<boolean> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(tenantId);
    if (cached && now - cached.at < POLICY_TTL_MS) return cached.open;
    const open = (await this.tenants.inviteCode(tenantId)).policy === 'open';
    this.cache.set(tenantId, { open, at: now });
    return open;
  }
}
