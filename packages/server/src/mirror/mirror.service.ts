import { createHash } from 'node:crypto';
import { CourseManifest, manifestBlobs, type BlobRef } from '@satchel/core';
import type { CatalogCache } from '../catalog/catalog.cache.js';
import { invalid, notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import { parseJson } from '../platform/json.js';
import type { MirrorRepo } from './mirror.repo.js';
import type { MirrorCourse, MirrorFilter, MirrorIndex } from './mirror.schema.js';

// Published content is immutable and named by hashes, so a copy is exact: the hub
// stores the very manifest bytes the upstream stored (verified by SHA-256) and the
// catalog rows computed when the course was published there.

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The catalog-support rows of an index: curriculum, categories, published paths. */
export type MirrorSupport = Pick<MirrorIndex, 'frameworks' | 'curriculumItems' | 'categories' | 'paths'>;

export class MirrorService {
  constructor(
    private readonly repo: MirrorRepo,
    private readonly catalogCache: CatalogCache,
    private readonly clock: Clock,
  ) {}

  // ── upstream ──

  /** What a hub needs to hold the published courses matching the filter. */
  async index(tenant: { id: string; slug: string }, filter: MirrorFilter): Promise<MirrorIndex> {
    const grades = filter.grades ?? [];
    const gradeIds = await this.repo.gradeIds(tenant.id, grades);
    if (grades.length > 0 && gradeIds.length === 0)
      throw invalid('grade_not_found', 'None of these grades is in this platform’s curriculum', { grades });
    const entries = await this.repo.publishedEntries(tenant.id, {
      courseIds: filter.courses ?? [],
      languages: filter.languages ?? [],
      gradeIds,
    });
    const courseIds = entries.map((e) => e.course_id);
    const [tags, manifests, frameworks, curriculumItems, categories, paths] = await Promise.all([
      this.repo.tags(tenant.id, courseIds),
      this.repo.manifests(
        tenant.id,
        entries.map((e) => e.version_id),
      ),
      this.repo.frameworks(tenant.id),
      this.repo.curriculumItems(tenant.id),
      this.repo.categories(tenant.id),
      this.repo.publishedPaths(tenant.id),
    ]);
    const manifestById = new Map(manifests.map((m) => [m.id, m.manifest]));
    const courses: MirrorCourse[] = entries.map((e) => {
      const json = manifestById.get(e.version_id);
      if (json === undefined) throw new Error(`catalog entry ${e.course_id} names a missing version`);
      const manifest = parseJson<CourseManifest>(json, 'course_versions.manifest');
      const { tenant_id: _t, ...entry } = e;
      return {
        courseId: e.course_id,
        versionId: e.version_id,
        version: Number(e.version),
        title: e.title,
        language: e.language,
        enrolmentPolicy: e.enrolment_policy,
        variantGroupId: e.variant_group_id,
        publishedAt: e.published_at,
        manifestSha256: sha256Hex(json),
        manifestBytes: Buffer.byteLength(json),
        blobs: manifestBlobs(manifest).map((b) => ({
          sha256: b.sha256,
          size: b.size,
          mediaType: b.mediaType,
        })),
        entry: { ...entry, version: Number(entry.version) },
        tags: tags
          .filter((t) => t.course_id === e.course_id)
          .map((t) => ({ kind: t.kind, item_id: t.item_id })),
      };
    });
    const strip = <T extends { tenant_id: string }>({ tenant_id: _t, ...row }: T): Omit<T, 'tenant_id'> =>
      row;
    return {
      tenant: { id: tenant.id, slug: tenant.slug },
      courses,
      frameworks: frameworks.map(strip).map(numbers),
      curriculumItems: curriculumItems.map(strip).map(numbers),
      categories: categories.map(strip).map(numbers),
      paths: paths.map(strip).map(numbers),
    } as MirrorIndex;
  }

  /** A published version's manifest exactly as stored. */
  async manifestJson(tenantId: string, versionId: string): Promise<string> {
    const json = await this.repo.manifest(tenantId, versionId);
    if (json === undefined)
      throw notFound('course_version_not_found', 'There is no such course version', { versionId });
    return json;
  }

  // ── hub ──

  /** Which of these versions the tenant lacks. */
  async missingVersions(tenantId: string, versionIds: readonly string[]): Promise<string[]> {
    const present = await this.repo.presentVersions(tenantId, versionIds);
    return versionIds.filter((id) => !present.has(id));
  }

  async heldVersionIds(tenantId: string): Promise<string[]> {
    return this.repo.allVersionIds(tenantId);
  }

  /** Curriculum, categories and paths, under the hub's tenant id, each row only forward. */
  async applySupport(tenantId: string, support: MirrorSupport): Promise<void> {
    const own = <T extends object>(rows: readonly T[]) => rows.map((r) => ({ ...r, tenant_id: tenantId }));
    // Subjects and grades before the outcomes that point at them.
    const order = { subject: 0, grade: 1, outcome: 2 } as const;
    const items = [...support.curriculumItems].sort((a, b) => order[a.kind] - order[b.kind]);
    await this.repo.transaction(async (repo) => {
      await repo.upsertVersioned('curriculum_frameworks', own(support.frameworks));
      await repo.upsertVersioned('curriculum_items', own(items));
      await repo.upsertVersioned('categories', own(support.categories));
      await repo.upsertVersioned('learning_paths', own(support.paths));
    });
    this.catalogCache.invalidate(tenantId);
  }

  /**
   * Records one published version, once every blob it names is in the tenant's store
   * (the caller stores them first). The manifest must hash to what the index promised.
   */
  async applyCourse(
    tenantId: string,
    course: MirrorCourse,
    manifestJson: string,
    hasBlobs: (refs: readonly BlobRef[]) => Promise<string[]>,
  ): Promise<void> {
    if (sha256Hex(manifestJson) !== course.manifestSha256)
      throw invalid('manifest_mismatch', 'A course manifest does not match its SHA-256', {
        versionId: course.versionId,
      });
    const manifest = CourseManifest.parse(JSON.parse(manifestJson));
    if (manifest.versionId !== course.versionId || manifest.courseId !== course.courseId)
      throw invalid('manifest_mismatch', 'A course manifest names another course version', {
        versionId: course.versionId,
      });
    const missing = await hasBlobs(manifestBlobs(manifest));
    if (missing.length > 0)
      throw invalid('missing_blob', 'Some files of this course version are not stored yet', {
        versionId: course.versionId,
        missing,
      });
    const {
      schema: _s,
      courseId,
      versionId,
      version,
      variantGroupId: _g,
      publishedAt,
      ...content
    } = manifest;
    const now = this.clock.now().toISOString();
    await this.repo.transaction(async (repo) => {
      await repo.upsertCourse({
        id: courseId,
        tenant_id: tenantId,
        title: manifest.title,
        language: manifest.language,
        variant_group_id: course.variantGroupId,
        enrolment_policy: course.enrolmentPolicy,
        draft: JSON.stringify(content),
        published_version_id: versionId,
        published_version: version,
        archived: 0,
        created_by: null,
        created_at: now,
        updated_at: publishedAt,
        version: 1,
        deleted_at: null,
      });
      await repo.insertVersionIfAbsent({
        id: versionId,
        tenant_id: tenantId,
        course_id: courseId,
        version,
        manifest: manifestJson,
        published_at: publishedAt,
        published_by: null,
      });
      const current = await repo.currentCatalogVersion(tenantId, courseId);
      if (current === null || current <= version)
        await repo.replaceCatalog(
          { ...course.entry, tenant_id: tenantId },
          course.tags.map((t) => ({
            tenant_id: tenantId,
            course_id: courseId,
            kind: t.kind,
            item_id: t.item_id,
          })),
        );
    });
    this.catalogCache.invalidate(tenantId);
  }
}

/** PostgreSQL hands bigint and numeric columns back as strings; the wire carries numbers. */
function numbers<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const key of ['version', 'sort', 'enforce_order', 'published'])
    if (typeof out[key] === 'string') out[key] = Number(out[key]);
  return out as T;
}
