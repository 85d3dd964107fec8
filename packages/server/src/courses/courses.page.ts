import type { CoursePage } from '@satchel/core';
import type { CatalogRepo } from '../catalog/catalog.repo.js';
import type { EnrolmentService } from '../enrolments/enrolments.service.js';
import { courseNotFound, type CourseService } from './courses.service.js';

/** The learner's course page: the latest published version and where the caller stands. */
export class CoursePageService {
  constructor(
    private readonly courses: CourseService,
    private readonly catalog: CatalogRepo,
    private readonly enrolments: EnrolmentService,
  ) {}

  async page(tenantId: string, userId: string, courseId: string): Promise<CoursePage> {
    const latest = await this.courses.latestManifest(tenantId, courseId);
    if (!latest) throw courseNotFound(courseId);
    const { manifest, enrolmentPolicy } = latest;
    // The group may have been formed after this version was published: ask the read model.
    const entry = await this.catalog.entry(tenantId, courseId);
    const groupId = entry?.variant_group_id ?? manifest.variantGroupId;
    const [variants, prerequisites, progress] = await Promise.all([
      groupId ? this.catalog.variants(tenantId, [groupId]) : Promise.resolve([]),
      this.enrolments.prerequisites(tenantId, userId, manifest.prerequisiteCourseIds),
      this.enrolments.progress(tenantId, userId, courseId),
    ]);
    const prerequisitesComplete = prerequisites.every((p) => p.complete);
    return {
      course: manifest,
      variants: variants
        .filter((v) => v.course_id !== courseId)
        .map((v) => ({ courseId: v.course_id, language: v.language, title: v.title })),
      prerequisites,
      prerequisitesComplete,
      enrolmentPolicy,
      enrolment: await this.enrolments.state(
        tenantId,
        userId,
        courseId,
        enrolmentPolicy,
        prerequisitesComplete,
      ),
      progress,
    };
  }
}
