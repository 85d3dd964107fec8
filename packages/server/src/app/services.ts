import type { Config } from '../config.js';
import type { DbHandle } from '../db/database.js';
import type { ActorResolver } from '../http/context.js';
import type { Clock } from '../platform/clock.js';
import { TenantsRepo } from '../tenants/tenants.repo.js';
import { TenantService } from '../tenants/tenants.service.js';

/** Everything a service may depend on from the outside world. */
export interface AppContext {
  handle: DbHandle;
  config: Config;
  clock: Clock;
}

/**
 * The composition root: every service, wired once. Domains add their service here
 * (one field and one line below) and their routes in app/modules.ts.
 */
export interface Services {
  ctx: AppContext;
  tenants: TenantService;
  actors: ActorResolver;
}

export function createServices(ctx: AppContext): Services {
  const db = ctx.handle.db;
  const tenants = new TenantService(new TenantsRepo(db), ctx.clock);
  const actors: ActorResolver = { resolve: () => Promise.resolve(null) };
  return { ctx, tenants, actors };
}
