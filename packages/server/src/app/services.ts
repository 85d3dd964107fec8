import type { Config } from '../config.js';
import { createContentServices, type ContentServices } from '../content/content.services.js';
import type { DbHandle } from '../db/database.js';
import type { ActorResolver } from '../http/context.js';
import type { Clock } from '../platform/clock.js';
import { LrsAuthenticator } from '../lrs/lrs.auth.js';
import { LrsRepo } from '../lrs/lrs.repo.js';
import { LrsService } from '../lrs/lrs.service.js';
import { CourseManifests } from '../progress/course-manifests.js';
import { ProgressRepo } from '../progress/progress.repo.js';
import { ProgressService } from '../progress/progress.service.js';
import { QuizzesRepo } from '../quizzes/quizzes.repo.js';
import { QuizService } from '../quizzes/quizzes.service.js';
import { ReportsRepo } from '../reports/reports.repo.js';
import { ReportsService } from '../reports/reports.service.js';
import { TenantsRepo } from '../tenants/tenants.repo.js';
import { TenantService } from '../tenants/tenants.service.js';
import { createIdentityServices, type IdentityServices } from '../users/identity.js';
import { createCourseServices, type CourseServices } from '../courses/courses.wiring.js';

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
  quizzes: QuizService;
  reports: ReportsService;
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
  const lrsAuth = new LrsAuthenticator(tenants, actors, identity.lrsCredentials);
  const quizzes = new QuizService(new QuizzesRepo(db), manifests, lrs);
  const reports = new ReportsService(new ReportsRepo(db), progress);
  const content = createContentServices(ctx);
  const courseServices = createCourseServices(db, ctx.clock, tenants);
  courseServices.courses.onPublished((tenantId, courseId) => progress.courseChanged(tenantId, courseId));
  return {
    ctx,
    tenants,
    actors,
    ...identity,
    progress,
    lrs,
    lrsAuth,
    quizzes,
    reports,
    ...courseServices,
    ...content,
  };
}
