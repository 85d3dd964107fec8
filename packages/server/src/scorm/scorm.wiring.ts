import type { BlobStore } from '../content/blob-store.js';
import type { CourseService } from '../courses/courses.service.js';
import type { Db } from '../db/database.js';
import type { LrsService } from '../lrs/lrs.service.js';
import type { Clock } from '../platform/clock.js';
import type { CourseManifests } from '../progress/course-manifests.js';
import { ScormRepo } from './scorm.repo.js';
import { ScormService } from './scorm.service.js';

export function createScormService(
  db: Db,
  manifests: CourseManifests,
  courses: CourseService,
  lrs: LrsService,
  blobs: BlobStore,
  clock: Clock,
): ScormService {
  return new ScormService(new ScormRepo(db), manifests, courses, lrs, blobs, clock);
}
