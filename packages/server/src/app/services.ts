import type { Cmi5Service } from '../cmi5/cmi5.service.js';
import { createCmi5Service } from '../cmi5/cmi5.wiring.js';
import { CinemaRepo } from '../cinema/cinema.repo.js';
import { CinemaService } from '../cinema/cinema.service.js';
import type { Config } from '../config.js';
import { createContentServices, type ContentServices } from '../content/content.services.js';
import type { DbHandle } from '../db/database.js';
import type { ActorResolver } from '../http/context.js';
import type { Clock } from '../platform/clock.js';
import { LrsAuthenticator } from '../lrs/lrs.auth.js';
import { LrsRepo } from '../lrs/lrs.repo.js';
import { LrsService } from '../lrs/lrs.service.js';
import { LrsDocumentsRepo } from '../lrs-documents/lrs-documents.repo.js';
import { LrsDocumentsService } from '../lrs-documents/lrs-documents.service.js';
import { CourseManifests } from '../progress/course-manifests.js';
import { ProgressRepo } from '../progress/progress.repo.js';
import { ProgressService } from '../progress/progress.service.js';
import { QuizzesRepo } from '../quizzes/quizzes.repo.js';
import { QuizService } from '../quizzes/quizzes.service.js';
import { createDeviceTokenService } from '../auth/offline-devices.wiring.js';
import type { DeviceTokenService } from '../auth/offline-devices.service.js';
import { ReportsRepo } from '../reports/reports.repo.js';
import { ReportsService } from '../reports/reports.service.js';
import { TenantsRepo } from '../tenants/tenants.repo.js';
import { TenantService } from '../tenants/tenants.service.js';
import { createIdentityServices, type IdentityServices } from '../users/identity.js';
import { createCourseServices, type CourseServices } from '../courses/courses.wiring.js';
import { MirrorRepo } from '../mirror/mirror.repo.js';
import { MirrorService } from '../mirror/mirror.service.js';
import { createBundleService } from '../bundles/bundles.wiring.js';
import type { BundleService } from '../bundles/bundles.service.js';
import { createCartridgeService } from '../common-cartridge/common-cartridge.wiring.js';
import type { CommonCartridgeService } from '../common-cartridge/common-cartridge.service.js';
import { createForwardingService } from '../forwarding/forwarding.wiring.js';
import type { ForwardingService } from '../forwarding/forwarding.service.js';
import { createScormService } from '../scorm/scorm.wiring.js';
import type { ScormService } from '../scorm/scorm.service.js';
import { createSync, type SyncWiring } from '../sync/sync.wiring.js';

/** Where background work reports failures: the server's logger (pino), or stderr in the CLI. */
export interface ErrorLog {
  error(details: Record<string, unknown>, message: string): void;
}

const stderrLog: ErrorLog = {
  error: (details, message) =>
    process.stderr.write(`${message} ${JSON.stringify({ ...details, err: String(details.err) })}\n`),
};

/** Everything a service may depend on from the outside world. */
export interface AppContext {
  handle: DbHandle;
  config: Config;
  clock: Clock;
  log?: ErrorLog;
}

/**
 * The composition root: every service, wired once. Domains add their service here
 * (one field and one line below) and their routes in app/modules.ts.
 */
export interface Services extends IdentityServices, CourseServices, ContentServices {
  ctx: AppContext;
  tenants: TenantService;
  actors: ActorResolver;
  progress: ProgressService;
  lrs: LrsService;
  lrsAuth: LrsAuthenticator;
  lrsDocuments: LrsDocumentsService; // xAPI state / activity profile / agent profile (H3)
  quizzes: QuizService;
  devices: DeviceTokenService; // offline learner app (H2)
  reports: ReportsService;
  mirror: MirrorService;
  bundles: BundleService;
  cartridges: CommonCartridgeService; // Common Cartridge import (H6)
  forwarding: ForwardingService; // statement forwarding (H6)
  scorm: ScormService; // SCORM import, run-time data (H4)
  cmi5: Cmi5Service; // cmi5 launch, fetch, LMS statements (H5)
  cinema: CinemaService; // Learning Cinema plans, session logs, reach
  sync: SyncWiring; // record sync: change feed, pull/push, hubs (H7)
}

export function createServices(ctx: AppContext): Services {
  const db = ctx.handle.db;
  const tenants = new TenantService(new TenantsRepo(db), ctx.clock);
  const identity = createIdentityServices(ctx, tenants);
  const actors: ActorResolver = identity.auth;
  const manifests = new CourseManifests(new ProgressRepo(db));
  const progress = new ProgressService(new ProgressRepo(db), manifests, ctx.clock, (err, tenantId) =>
    // Progress is rebuilt from statements, so a failed recomputation loses nothing; make it visible.
    (ctx.log ?? stderrLog).error({ err, tenantId }, 'progress projection failed'),
  );
  const lrsRepo = new LrsRepo(db);
  const lrs = new LrsService(lrsRepo, progress, ctx.clock);
  // cmi5 AUs call the LRS with their session token; the cmi5 service is built below.
  const lrsAuth = new LrsAuthenticator(tenants, actors, identity.lrsCredentials, (secret) =>
    services.cmi5.verifyAuthToken(secret),
  );
  const quizzes = new QuizService(new QuizzesRepo(db), manifests, lrs, ctx.clock);
  const reports = new ReportsService(new ReportsRepo(db), progress);
  const content = createContentServices(ctx);
  const courseServices = createCourseServices(db, ctx.clock, tenants);
  courseServices.courses.onPublished((tenantId, courseId) => progress.courseChanged(tenantId, courseId));
  const mirror = new MirrorService(new MirrorRepo(db), courseServices.catalogCache, ctx.clock);
  // Before bundles: a bundle's records go through the same sync service (one applier, one set of listeners).
  const sync = createSync(ctx, progress, lrs);
  const services: Services = {
    ctx,
    tenants,
    actors,
    ...identity,
    progress,
    lrs,
    lrsAuth,
    lrsDocuments: new LrsDocumentsService(new LrsDocumentsRepo(db), ctx.clock),
    quizzes,
    devices: createDeviceTokenService(ctx, lrs, quizzes),
    reports,
    ...courseServices,
    ...content,
    mirror,
    bundles: createBundleService(ctx, mirror, content.blobs, progress, sync.service),
    cartridges: createCartridgeService(ctx, tenants, content.blobs, courseServices.courses),
    forwarding: createForwardingService(ctx, lrs),
    scorm: createScormService(db, manifests, courseServices.courses, lrs, content.blobs, ctx.clock),
    cmi5: createCmi5Service(ctx, courseServices.courses, lrs),
    cinema: new CinemaService(new CinemaRepo(db), content.blobs, ctx.clock),
    sync,
  };
  return services;
}
