import type { AppContext } from '../app/services.js';
import type { CourseService } from '../courses/courses.service.js';
import { LrsDocumentsRepo } from '../lrs-documents/lrs-documents.repo.js';
import { LrsDocumentsService } from '../lrs-documents/lrs-documents.service.js';
import type { LrsService } from '../lrs/lrs.service.js';
import { Cmi5Repo } from './cmi5.repo.js';
import { Cmi5Service } from './cmi5.service.js';

/** cmi5 writes launch data through the xAPI document store (same tables as /xapi/activities/state). */
export function createCmi5Service(ctx: AppContext, courses: CourseService, lrs: LrsService): Cmi5Service {
  const db = ctx.handle.db;
  return new Cmi5Service(
    new Cmi5Repo(db),
    courses,
    lrs,
    new LrsDocumentsService(new LrsDocumentsRepo(db), ctx.clock),
    ctx.clock,
  );
}
