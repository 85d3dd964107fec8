import {
  blobUrl,
  CreatePathRequest,
  uuidv7,
  type LearningPath,
  type PathCourse,
  type PathListResponse,
  type PathSummary,
  type PathView,
  type UpdatePathRequest,
} from '@satchel/core';
import type { CatalogRepo } from '../catalog/catalog.repo.js';
import type { CourseService } from '../courses/courses.service.js';
import type { EnrolmentService } from '../enrolments/enrolments.service.js';
import type { TenantRef } from '../http/context.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import { parseJson } from '../platform/json.js';
import type { PathRow, PathsRepo } from './paths.repo.js';

/** Learning paths: ordered courses, optionally to be completed in order. */
export class PathService {
  constructor(
    private readonly repo: PathsRepo,
    private readonly courses: CourseService,
    private readonly catalog: CatalogRepo,
    private readonly enrolments: EnrolmentService,
    private readonly clock: Clock,
  ) {}

  async create(tenantId: string, input: CreatePathRequest): Promise<LearningPath> {
    const req = CreatePathRequest.parse(input);
    await this.assertCourses(tenantId, req.courseIds);
    const now = this.clock.now().toISOString();
    const id = uuidv7();
    await this.repo.insert({
      id,
      tenant_id: tenantId,
      title: req.title,
      description: req.description,
      language: req.language,
      course_ids: JSON.stringify(req.courseIds),
      enforce_order: req.enforceOrder ? 1 : 0,
      published: req.published ? 1 : 0,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    });
    return toPath(await this.row(tenantId, id));
  }

  async update(tenantId: string, pathId: string, patch: UpdatePathRequest): Promise<LearningPath> {
    const row = await this.row(tenantId, pathId);
    if (patch.courseIds) await this.assertCourses(tenantId, patch.courseIds);
    const ok = await this.repo.update(tenantId, pathId, patch.expectedVersion ?? row.version, {
      title: patch.title ?? row.title,
      description: patch.description ?? row.description,
      language: patch.language ?? row.language,
      course_ids: patch.courseIds ? JSON.stringify(patch.courseIds) : row.course_ids,
      enforce_order: patch.enforceOrder === undefined ? row.enforce_order : patch.enforceOrder ? 1 : 0,
      published: patch.published === undefined ? row.published : patch.published ? 1 : 0,
      updated_at: this.clock.now().toISOString(),
    });
    if (!ok) throw conflict('edit_conflict', 'Someone else changed this learning path; reload and try again');
    return toPath(await this.row(tenantId, pathId));
  }

  async delete(tenantId: string, pathId: string): Promise<void> {
    await this.row(tenantId, pathId);
    await this.repo.tombstone(tenantId, pathId, this.clock.now().toISOString());
  }

  async get(tenantId: string, pathId: string): Promise<LearningPath> {
    return toPath(await this.row(tenantId, pathId));
  }

  /** Every path, drafts included (authoring). */
  async listAll(tenantId: string): Promise<LearningPath[]> {
    return (await this.repo.list(tenantId, { publishedOnly: false })).map(toPath);
  }

  /** Published paths with the learner's count of completed courses. */
  async learnerList(tenant: TenantRef, userId: string): Promise<PathListResponse> {
    const rows = await this.repo.list(tenant.id, { publishedOnly: true });
    const views = await this.views(tenant, userId, rows);
    return {
      items: views.map(({ courses: _courses, enrolled: _enrolled, ...summary }): PathSummary => summary),
    };
  }

  async view(tenant: TenantRef, userId: string, pathId: string): Promise<PathView> {
    const row = await this.repo.byId(tenant.id, pathId);
    if (!row || row.published !== 1) throw pathNotFound(pathId);
    const [view] = await this.views(tenant, userId, [row]);
    return view!;
  }

  /** Courses not published (or archived) are left out of a learner's view, and do not lock later ones. */
  private async views(tenant: TenantRef, userId: string, rows: readonly PathRow[]): Promise<PathView[]> {
    const courseIdsOf = new Map(
      rows.map((r) => [r.id, parseJson<string[]>(r.course_ids, 'learning_paths.course_ids')]),
    );
    const allIds = [...new Set([...courseIdsOf.values()].flat())];
    const [entries, progress, enrolledPaths] = await Promise.all([
      this.catalog.entries(tenant.id, allIds),
      this.enrolments.progressByCourse(tenant.id, userId, allIds),
      this.enrolments.pathIdsOf(tenant.id, userId),
    ]);
    const entryOf = new Map(entries.map((e) => [e.course_id, e]));
    return rows.map((row) => {
      let blocked = false;
      const courses: PathCourse[] = [];
      for (const courseId of courseIdsOf.get(row.id) ?? []) {
        const entry = entryOf.get(courseId);
        if (!entry) continue;
        const p = progress.get(courseId);
        const status = p?.status ?? 'not_started';
        courses.push({
          courseId,
          title: entry.title,
          language: entry.language,
          coverUrl: entry.cover_sha256 ? blobUrl(tenant.slug, entry.cover_sha256) : null,
          lessonCount: entry.lesson_count,
          durationMinutes: entry.duration_minutes,
          status,
          percent: p?.percent ?? 0,
          locked: row.enforce_order === 1 && blocked,
        });
        if (status !== 'completed') blocked = true;
      }
      return {
        id: row.id,
        title: row.title,
        description: row.description,
        language: row.language,
        enforceOrder: row.enforce_order === 1,
        courseCount: courses.length,
        completedCount: courses.filter((c) => c.status === 'completed').length,
        courses,
        enrolled: enrolledPaths.has(row.id),
      };
    });
  }

  private async assertCourses(tenantId: string, courseIds: readonly string[]): Promise<void> {
    const duplicate = courseIds.find((id, i) => courseIds.indexOf(id) !== i);
    if (duplicate)
      throw invalid('duplicate_course', 'A course appears twice in the path', { courseId: duplicate });
    const titles = await this.courses.titles(tenantId, courseIds);
    const unknown = courseIds.filter((id) => !titles.has(id));
    if (unknown.length > 0)
      throw invalid('course_not_found', 'Some courses of the path do not exist on this platform', {
        courseIds: unknown,
      });
  }

  private async row(tenantId: string, pathId: string): Promise<PathRow> {
    const row = await this.repo.byId(tenantId, pathId);
    if (!row) throw pathNotFound(pathId);
    return row;
  }
}

const pathNotFound = (pathId: string) =>
  notFound('path_not_found', 'There is no such learning path', { pathId });

function toPath(row: PathRow): LearningPath {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    language: row.language,
    courseIds: parseJson<string[]>(row.course_ids, 'learning_paths.course_ids'),
    enforceOrder: row.enforce_order === 1,
    published: row.published === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
