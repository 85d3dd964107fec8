import {
  DraftCourseContent,
  uuidv7,
  type AuthoringCourse,
  type AuthoringCourseList,
  type AuthoringCourseListQuery,
  type AuthoringCourseSummary,
  type CourseManifest,
  type CourseVersionList,
  type CreateVariantRequest,
  type DraftContentInput,
  type EnrolmentPolicy,
  type QuestionImportResponse,
} from '@satchel/core';
import type { z } from 'zod';
import type { CatalogCache } from '../catalog/catalog.cache.js';
import { CatalogRepo } from '../catalog/catalog.repo.js';
import type { CategoryService } from '../curriculum/categories.service.js';
import type { CurriculumService } from '../curriculum/curriculum.service.js';
import { conflict, notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import { parseJson } from '../platform/json.js';
import { copyForVariant, parseDraft } from './courses.draft.js';
import { assertPublishable, buildManifest, catalogRows } from './courses.publish.js';
import { mergeQuestionCsv } from './courses.questions.js';
import type { CourseRow, CoursesRepo, CourseSummaryRow } from './courses.repo.js';

export interface CreateCourseOptions {
  enrolmentPolicy?: EnrolmentPolicy;
  variantGroupId?: string;
}

export interface UpdateDraftInput {
  expectedVersion: number;
  content: DraftContentInput;
  enrolmentPolicy?: EnrolmentPolicy;
}

const MAX_CACHED_MANIFESTS = 256;

/** Course drafts, publication of immutable versions, and language variants. */
export class CourseService {
  // Published versions never change, so a parsed manifest can be kept as long as wanted.
  private readonly manifests = new Map<string, CourseManifest>();

  constructor(
    private readonly repo: CoursesRepo,
    private readonly curriculum: CurriculumService,
    private readonly categories: CategoryService,
    private readonly catalogCache: CatalogCache,
    private readonly clock: Clock,
  ) {}

  async create(
    tenantId: string,
    actorId: string | null,
    content: DraftContentInput,
    options: CreateCourseOptions = {},
  ): Promise<AuthoringCourse> {
    const draft = parseDraft(content, uuidv7);
    const now = this.clock.now().toISOString();
    const id = uuidv7();
    await this.repo.insert({
      id,
      tenant_id: tenantId,
      title: draft.title,
      language: draft.language,
      variant_group_id: options.variantGroupId ?? null,
      enrolment_policy: options.enrolmentPolicy ?? 'open',
      draft: JSON.stringify(draft),
      published_version_id: null,
      published_version: null,
      archived: 0,
      created_by: actorId,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    });
    return this.get(tenantId, id);
  }

  async list(tenantId: string, q: z.output<typeof AuthoringCourseListQuery>): Promise<AuthoringCourseList> {
    const { rows, total } = await this.repo.list(tenantId, {
      ...(q.q ? { q: q.q } : {}),
      includeArchived: q.includeArchived,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map(toSummary), total };
  }

  /** The draft for the course editor, with the other language variants. */
  async get(tenantId: string, courseId: string): Promise<AuthoringCourse> {
    const [summary, row] = await Promise.all([
      this.repo.summary(tenantId, courseId),
      this.repo.byId(tenantId, courseId),
    ]);
    if (!summary || !row) throw courseNotFound(courseId);
    const variants = row.variant_group_id
      ? await this.repo.variants(tenantId, row.variant_group_id, row.id)
      : [];
    return {
      ...toSummary(summary),
      content: draftOf(row),
      variants: variants.map((v) => ({
        courseId: v.id,
        language: v.language,
        title: v.title,
        published: v.published_version_id !== null,
      })),
    };
  }

  /** Replaces the whole draft; refused with 409 `edit_conflict` if someone saved since `expectedVersion`. */
  async updateDraft(tenantId: string, courseId: string, input: UpdateDraftInput): Promise<AuthoringCourse> {
    const draft = parseDraft(input.content, uuidv7);
    const row = await this.editableRow(tenantId, courseId);
    const policy = input.enrolmentPolicy ?? row.enrolment_policy;
    const saved = await this.repo.transaction(async (repo, tx) => {
      const ok = await repo.update(tenantId, courseId, input.expectedVersion, {
        title: draft.title,
        language: draft.language,
        draft: JSON.stringify(draft),
        enrolment_policy: policy,
        updated_at: this.clock.now().toISOString(),
      });
      // The enrolment policy is a setting, not content: it applies without republishing.
      if (ok && policy !== row.enrolment_policy)
        await new CatalogRepo(tx).setEnrolmentPolicy(tenantId, courseId, policy);
      return ok;
    });
    if (!saved) {
      throw conflict(
        'edit_conflict',
        'Someone else saved this course since you opened it; reload to see their changes',
        {
          expectedVersion: input.expectedVersion,
          currentVersion: row.version,
        },
      );
    }
    if (policy !== row.enrolment_policy) this.catalogCache.invalidate(tenantId);
    return this.get(tenantId, courseId);
  }

  /** Imports a question sheet into a quiz of the draft, all or nothing (see mergeQuestionCsv). */
  async importQuestions(
    tenantId: string,
    courseId: string,
    lessonId: string,
    csv: string,
    options: { mode: 'append' | 'replace'; expectedVersion?: number },
  ): Promise<QuestionImportResponse> {
    const row = await this.editableRow(tenantId, courseId);
    const merged = mergeQuestionCsv(draftOf(row), lessonId, csv, options.mode);
    const course = await this.updateDraft(tenantId, courseId, {
      expectedVersion: options.expectedVersion ?? row.version,
      content: merged.draft,
    });
    return { course, imported: merged.imported, renamedIds: merged.renamedIds };
  }

  /** Withdraws a course: it leaves the catalog; its published versions stay readable by id. */
  async archive(tenantId: string, courseId: string): Promise<void> {
    const row = await this.row(tenantId, courseId);
    if (row.archived === 1) return;
    await this.repo.transaction(async (repo, tx) => {
      const ok = await repo.update(tenantId, courseId, row.version, {
        archived: 1,
        updated_at: this.clock.now().toISOString(),
      });
      if (!ok) throw conflict('edit_conflict', 'Someone else changed this course; reload and try again');
      await new CatalogRepo(tx).remove(tenantId, courseId);
    });
    this.catalogCache.invalidate(tenantId);
  }

  /** A new draft in another language, in the same variant group as the source. */
  async createVariant(
    tenantId: string,
    courseId: string,
    actorId: string | null,
    req: CreateVariantRequest,
  ): Promise<AuthoringCourse> {
    const source = await this.editableRow(tenantId, courseId);
    const groupId = source.variant_group_id ?? uuidv7();
    const siblings = source.variant_group_id ? await this.repo.variants(tenantId, groupId, source.id) : [];
    const taken = [{ id: source.id, language: source.language }, ...siblings].find(
      (v) => v.language === req.language,
    );
    if (taken)
      throw conflict('variant_exists', `This course already has a ${req.language} version`, {
        courseId: taken.id,
      });
    const draft = copyForVariant(draftOf(source), req.language, req.title ?? source.title, uuidv7);
    const now = this.clock.now().toISOString();
    const id = uuidv7();
    await this.repo.transaction(async (repo, tx) => {
      if (!source.variant_group_id) {
        await repo.setVariantGroup(tenantId, source.id, groupId);
        await new CatalogRepo(tx).setVariantGroup(tenantId, source.id, groupId);
      }
      await repo.insert({
        id,
        tenant_id: tenantId,
        title: draft.title,
        language: draft.language,
        variant_group_id: groupId,
        enrolment_policy: source.enrolment_policy,
        draft: JSON.stringify(draft),
        published_version_id: null,
        published_version: null,
        archived: 0,
        created_by: actorId,
        created_at: now,
        updated_at: now,
        version: 1,
        deleted_at: null,
      });
    });
    this.catalogCache.invalidate(tenantId);
    return this.get(tenantId, id);
  }

  /**
   * Publishes the draft as version n+1: an immutable manifest, and the catalog read
   * model updated in the same transaction.
   */
  private readonly publishedListeners: ((tenantId: string, courseId: string) => Promise<void>)[] = [];

  /** Other domains react to a new version (progress is re-measured against it). */
  onPublished(listener: (tenantId: string, courseId: string) => Promise<void>): void {
    this.publishedListeners.push(listener);
  }

  async publish(tenantId: string, courseId: string, actorId: string | null): Promise<CourseManifest> {
    const row = await this.editableRow(tenantId, courseId);
    const draft = draftOf(row);
    const outcomeCodes = await assertPublishable(courseId, draft, {
      presentBlobs: (shas) => this.repo.presentBlobs(tenantId, shas),
      courseTitles: (ids) => this.repo.titles(tenantId, ids),
      curriculumItems: (ids) => this.curriculum.itemsByIds(tenantId, ids),
      categoryExists: (id) => this.categories.exists(tenantId, id),
    });
    const manifest = await this.repo.transaction(async (repo, tx) => {
      const version = (await repo.latestVersionNumber(tenantId, courseId)) + 1;
      const published = buildManifest(draft, {
        courseId,
        versionId: uuidv7(),
        version,
        variantGroupId: row.variant_group_id,
        publishedAt: this.clock.now().toISOString(),
      });
      if (
        !(await repo.markPublished(tenantId, courseId, row.published_version, published.versionId, version))
      ) {
        throw conflict(
          'publish_conflict',
          'Someone else published this course at the same moment; reload and try again',
        );
      }
      await repo.insertVersion({
        id: published.versionId,
        tenant_id: tenantId,
        course_id: courseId,
        version,
        manifest: JSON.stringify(published),
        published_at: published.publishedAt,
        published_by: actorId,
      });
      const { entry, tags } = catalogRows(tenantId, published, row.enrolment_policy, outcomeCodes);
      await new CatalogRepo(tx).replace(entry, tags);
      return published;
    });
    this.catalogCache.invalidate(tenantId);
    for (const listener of this.publishedListeners) await listener(tenantId, courseId);
    return manifest;
  }

  async summary(tenantId: string, courseId: string): Promise<AuthoringCourseSummary> {
    const row = await this.repo.summary(tenantId, courseId);
    if (!row) throw courseNotFound(courseId);
    return toSummary(row);
  }

  async versions(tenantId: string, courseId: string): Promise<CourseVersionList> {
    await this.row(tenantId, courseId);
    const rows = await this.repo.versions(tenantId, courseId);
    return {
      items: rows.map((r) => ({
        versionId: r.id,
        version: r.version,
        publishedAt: r.published_at,
        publishedBy: r.published_by,
      })),
    };
  }

  /** A published version's manifest exactly as stored (the bytes never change). */
  async versionManifestJson(tenantId: string, versionId: string): Promise<string> {
    const row = await this.repo.version(tenantId, versionId);
    if (!row) throw notFound('course_version_not_found', 'There is no such course version', { versionId });
    return row.manifest;
  }

  async versionManifest(tenantId: string, versionId: string): Promise<CourseManifest> {
    const key = `${tenantId}/${versionId}`;
    const cached = this.manifests.get(key);
    if (cached) return cached;
    const manifest = parseJson<CourseManifest>(
      await this.versionManifestJson(tenantId, versionId),
      'course_versions.manifest',
    );
    if (this.manifests.size >= MAX_CACHED_MANIFESTS) {
      const oldest = this.manifests.keys().next();
      if (!oldest.done) this.manifests.delete(oldest.value);
    }
    this.manifests.set(key, manifest);
    return manifest;
  }

  /** What learners see: the latest published version of a live course, or null for drafts and archived courses. */
  async latestManifest(
    tenantId: string,
    courseId: string,
  ): Promise<{ manifest: CourseManifest; enrolmentPolicy: EnrolmentPolicy } | null> {
    const row = await this.repo.summary(tenantId, courseId);
    if (!row || row.archived === 1 || !row.published_version_id) return null;
    return {
      manifest: await this.versionManifest(tenantId, row.published_version_id),
      enrolmentPolicy: row.enrolment_policy,
    };
  }

  /** Titles of live courses (drafts and archived ones too), for names next to ids. */
  async titles(tenantId: string, courseIds: readonly string[]): Promise<Map<string, string>> {
    return this.repo.titles(tenantId, [...new Set(courseIds)]);
  }

  /** The draft row, for edits: archived courses are read-only. */
  async editableRow(tenantId: string, courseId: string): Promise<CourseRow> {
    const row = await this.row(tenantId, courseId);
    if (row.archived === 1)
      throw conflict('course_archived', 'This course is archived and can no longer be changed', { courseId });
    return row;
  }

  private async row(tenantId: string, courseId: string): Promise<CourseRow> {
    const row = await this.repo.byId(tenantId, courseId);
    if (!row) throw courseNotFound(courseId);
    return row;
  }
}

export const courseNotFound = (courseId: string) =>
  notFound('course_not_found', 'There is no such course', { courseId });

export function draftOf(row: CourseRow): DraftCourseContent {
  return DraftCourseContent.parse(parseJson<unknown>(row.draft, 'courses.draft'));
}

function toSummary(row: CourseSummaryRow): AuthoringCourseSummary {
  return {
    id: row.id,
    title: row.title,
    language: row.language,
    variantGroupId: row.variant_group_id,
    enrolmentPolicy: row.enrolment_policy,
    version: row.version,
    archived: row.archived === 1,
    publishedVersion: row.published_version,
    publishedVersionId: row.published_version_id,
    publishedAt: row.published_at,
    hasUnpublishedChanges: row.published_at === null || row.updated_at > row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
