import type { AppContext } from '../app/services.js';
import type { BlobStore } from '../content/blob-store.js';
import type { CourseService } from '../courses/courses.service.js';
import type { TenantService } from '../tenants/tenants.service.js';
import { CourseImportReportsRepo } from './common-cartridge.repo.js';
import { CommonCartridgeService } from './common-cartridge.service.js';

export function createCartridgeService(
  ctx: AppContext,
  tenants: TenantService,
  blobs: BlobStore,
  courses: CourseService,
): CommonCartridgeService {
  return new CommonCartridgeService(
    { ctx, tenants, blobs, courses },
    new CourseImportReportsRepo(ctx.handle.db),
  );
}
