import { contentRoutes } from '../content/content.routes.js';
import type { Router } from '../http/route.js';
import { lrsRoutes } from '../lrs/lrs.routes.js';
import { progressRoutes } from '../progress/progress.routes.js';
import { quizRoutes } from '../quizzes/quizzes.routes.js';
import { reportRoutes } from '../reports/reports.routes.js';
import { tenantRoutes } from '../tenants/tenants.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { classRoutes } from '../classes/classes.routes.js';
import { lrsCredentialRoutes } from '../lrs-credentials/lrs-credentials.routes.js';
import { userRoutes } from '../users/users.routes.js';
import { registerCourseRoutes } from '../courses/courses.module-routes.js';
import type { Services } from './services.js';

/** Every domain's routes. Add one line per domain. */
export function registerModules(router: Router, services: Services): void {
  tenantRoutes(router, services.tenants);
  authRoutes(router, services.auth, services.users, services.apiTokens);
  userRoutes(router, services.users, services.userImport);
  classRoutes(router, services.classes);
  lrsCredentialRoutes(router, services.lrsCredentials);
  lrsRoutes(router, services.lrs, services.lrsAuth);
  progressRoutes(router, services.progress);
  quizRoutes(router, services.quizzes);
  reportRoutes(router, services.reports, services.ctx.clock);
  contentRoutes(router, services);
  registerCourseRoutes(router, services);
}
