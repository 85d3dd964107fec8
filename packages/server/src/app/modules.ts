import type { Router } from '../http/route.js';
import { tenantRoutes } from '../tenants/tenants.routes.js';
import type { Services } from './services.js';

/** Every domain's routes. Add one line per domain. */
export function registerModules(router: Router, services: Services): void {
  tenantRoutes(router, services.tenants);
}
