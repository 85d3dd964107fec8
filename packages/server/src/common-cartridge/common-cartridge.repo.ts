import type { CourseImportReport } from '@satchel/core';
import type { Db } from '../db/database.js';
import { parseJson } from '../platform/json.js';

/** Import reports, one per course an import created. */
export class CourseImportReportsRepo {
  constructor(private readonly db: Db) {}

  async insert(tenantId: string, courseId: string, report: CourseImportReport, now: string): Promise<void> {
    await this.db
      .insertInto('course_import_reports')
      .values({
        tenant_id: tenantId,
        course_id: courseId,
        format: report.format,
        report: JSON.stringify(report),
        created_at: now,
      })
      .execute();
  }

  async find(tenantId: string, courseId: string): Promise<CourseImportReport | null> {
    const row = await this.db
      .selectFrom('course_import_reports')
      .select('report')
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', courseId)
      .executeTakeFirst();
    return row ? parseJson<CourseImportReport>(row.report, 'course_import_reports.report') : null;
  }
}
