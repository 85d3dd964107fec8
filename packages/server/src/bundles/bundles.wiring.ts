import type { AppContext } from '../app/services.js';
import type { BlobStore } from '../content/blob-store.js';
import type { MirrorService } from '../mirror/mirror.service.js';
import type { ProjectionSink } from '../progress/progress.service.js';
import { SyncService } from '../sync/sync.service.js';
import { syncRecordsPort } from './bundle.records.js';
import { BundlesRepo } from './bundles.repo.js';
import { BundleService } from './bundles.service.js';

export function createBundleService(
  ctx: AppContext,
  mirror: MirrorService,
  blobs: BlobStore,
  projections: ProjectionSink,
  /** Record sync's service, when the composition root has one (else a private one on the same database). */
  sync?: SyncService,
): BundleService {
  const db = ctx.handle.db;
  return new BundleService({
    db,
    repo: new BundlesRepo(db),
    content: { mirror, blobs },
    records: syncRecordsPort(sync ?? new SyncService(db, ctx.clock, projections)),
    clock: ctx.clock,
    blobDir: ctx.config.blobDir,
  });
}
