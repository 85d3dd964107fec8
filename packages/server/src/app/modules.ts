import { cinemaRoutes } from '../cinema/cinema.routes.js';
import { contentRoutes } from '../content/content.routes.js';
import type { Router } from '../http/route.js';
import { lrsRoutes } from '../lrs/lrs.routes.js';
import { lrsDocumentRoutes } from '../lrs-documents/lrs-documents.routes.js';
import { progressRoutes } from '../progress/progress.routes.js';
import { quizRoutes } from '../quizzes/quizzes.routes.js';
import { scormRoutes } from '../scorm/scorm.routes.js';
import { deviceTokenRoutes } from '../auth/offline-devices.routes.js';
import { reportRoutes } from '../reports/reports.routes.js';
import { tenantRoutes } from '../tenants/tenants.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { classRoutes } from '../classes/classes.routes.js';
import { lrsCredentialRoutes } from '../lrs-credentials/lrs-credentials.routes.js';
import { userRoutes } from '../users/users.routes.js';
import { registerCourseRoutes } from '../courses/courses.module-routes.js';
import { mirrorRoutes } from '../mirror/mirror.routes.js';
import { cmi5Routes } from '../cmi5/cmi5.routes.js';
import { h5pRoutes } from '../h5p/h5p.routes.js';
import { commonCartridgeRoutes } from '../common-cartridge/common-cartridge.routes.js';
import { forwardingRoutes } from '../forwarding/forwarding.routes.js';
import type { Services } from './services.js';
import { syncRoutes } from '../sync/sync.routes.js';

/** Every domain's routes. Add one line per domain. */
export function registerModules(router: Router, services: Services): void {
  tenantRoutes(router, services.tenants);
  authRoutes(router, services.auth, services.users, services.apiTokens);
  userRoutes(router, services.users, services.userImport);
  classRoutes(router, services.classes);
  lrsCredentialRoutes(router, services.lrsCredentials);
  lrsRoutes(router, services.lrs, services.lrsAuth);
  lrsDocumentRoutes(router, services.lrsDocuments, services.lrsAuth);
  progressRoutes(router, services.progress);
  quizRoutes(router, services.quizzes);
  deviceTokenRoutes(router, services.devices, services.auth);
  reportRoutes(router, services.reports, services.ctx.clock);
  contentRoutes(router, services);
  h5pRoutes(router);
  cmi5Routes(router, { cmi5: services.cmi5, courses: services.courses, blobs: services.blobs });
  registerCourseRoutes(router, services);
  mirrorRoutes(router, services.mirror, services.blobs, services.sync.service);
  commonCartridgeRoutes(router, services.cartridges);
  forwardingRoutes(router, services.forwarding);
  scormRoutes(router, services.scorm, services.blobs);
  cinemaRoutes(router, services.cinema, services.ctx.clock);
  syncRoutes(router, services.sync.service, services.sync.client);
}
