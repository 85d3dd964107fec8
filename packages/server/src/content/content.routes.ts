import type { Router } from '../http/route.js';
import { blobRoutes } from './blobs.routes.js';
import type { ContentServices } from './content.services.js';
import { libraryRoutes } from './library.routes.js';

export function contentRoutes(router: Router, services: ContentServices): void {
  blobRoutes(router, services.blobs, services.packageFiles);
  libraryRoutes(router, services.library);
}
