import type { CourseManifest } from '@satchel/core';
import { parseJson } from '../platform/json.js';
import type { ProgressRepo } from './progress.repo.js';

// Published course versions are immutable, so a manifest read once can be kept;
// which version is the latest is asked each time (a new one may be published).
const MAX_CACHED = 256;

export class CourseManifests {
  private readonly cache = new Map<string, CourseManifest>();

  constructor(private readonly repo: ProgressRepo) {}

  /**
   * The manifest of one published version of a course in this tenant, or null. `repo` is the
   * repository to read through: a transaction's, when called inside one.
   */
  async version(tenantId: string, versionId: string, repo = this.repo): Promise<CourseManifest | null> {
    const key = `${tenantId}/${versionId}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const row = await repo.manifest(tenantId, versionId);
    if (!row) return null;
    const manifest = parseJson<CourseManifest>(row.manifest, 'course_versions.manifest');
    // Rows are the truth: the manifest's own ids must not point progress elsewhere.
    const fixed: CourseManifest = { ...manifest, courseId: row.course_id, versionId: row.id };
    if (this.cache.size >= MAX_CACHED) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(key, fixed);
    return fixed;
  }

  /** The latest published manifest of each course that has one. */
  async latest(
    tenantId: string,
    courseIds: readonly string[],
    repo = this.repo,
  ): Promise<Map<string, CourseManifest>> {
    const versions = await repo.latestVersionIds(tenantId, courseIds);
    const out = new Map<string, CourseManifest>();
    for (const [courseId, versionId] of versions) {
      const manifest = await this.version(tenantId, versionId, repo);
      if (manifest) out.set(courseId, manifest);
    }
    return out;
  }
}
