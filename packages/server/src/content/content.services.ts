import type { AppContext } from '../app/services.js';
import { BlobStore } from './blob-store.js';
import { BlobsRepo } from './blobs.repo.js';
import { LibraryRepo } from './library.repo.js';
import { LibraryService } from './library.service.js';
import { PackageFiles } from './packages.service.js';

export interface ContentServices {
  blobs: BlobStore;
  library: LibraryService;
  packageFiles: PackageFiles;
}

export function createContentServices(ctx: AppContext): ContentServices {
  const db = ctx.handle.db;
  const blobs = new BlobStore(ctx.config.blobDir, new BlobsRepo(db, ctx.handle.engine), ctx.clock);
  const libraryRepo = new LibraryRepo(db);
  return {
    blobs,
    library: new LibraryService(libraryRepo, blobs, ctx.clock),
    packageFiles: new PackageFiles(libraryRepo, blobs),
  };
}
