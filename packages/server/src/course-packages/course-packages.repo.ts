import type { Db } from '../db/database.js';

/** The one write course import needs beyond the courses service: undoing its own half-done work. */
export class CoursePackagesRepo {
  constructor(private readonly db: Db) {}

  /**
   * Removes a course an import created moments ago when publishing it failed.
   * Only a course that was never published can go: nothing refers to it yet
   * (no version, catalog entry, enrolment or progress).
   */
  async deleteNeverPublished(tenantId: string, courseId: string): Promise<void> {
    await this.db
      .deleteFrom('courses')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', courseId)
      .where('published_version_id', 'is', null)
      .execute();
  }
}
