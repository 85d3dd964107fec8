import { z } from 'zod';
import { Uuid } from '../course/course.schema.js';
import { SlugParam } from './common.api.js';

// Importing courses made elsewhere (IMS Common Cartridge 1.0-1.3, as Moodle and
// Canvas export them): what could not come across is listed in a report that stays
// with the course draft, never dropped silently.

export const COURSE_IMPORT_REPORT_KINDS = [
  'discussion',
  'lti',
  'question',
  'quiz',
  'file',
  'page',
  'link',
  'resource',
  'module',
  'course',
] as const;

export const CourseImportReportItem = z.object({
  /** skipped: not imported; changed: imported, but not exactly as it was. */
  severity: z.enum(['skipped', 'changed']),
  kind: z.enum(COURSE_IMPORT_REPORT_KINDS),
  /** The item's title (or the question's text), when it has one. */
  title: z.string(),
  /** Where it was: module and item titles. */
  where: z.string(),
  /** The cartridge file concerned, when there is one. */
  file: z.string().nullable(),
  reason: z.string(),
});
export type CourseImportReportItem = z.infer<typeof CourseImportReportItem>;

export const CourseImportReport = z.object({
  format: z.literal('common-cartridge'),
  /** "1.0" to "1.3". */
  version: z.string(),
  /** Which tool made it, when the cartridge says (Moodle, Canvas, …). */
  generator: z.string().nullable(),
  source: z.string(),
  importedAt: z.string(),
  summary: z.object({
    modules: z.number().int().nonnegative(),
    lessons: z.number().int().nonnegative(),
    quizzes: z.number().int().nonnegative(),
    questions: z.number().int().nonnegative(),
    files: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
  items: z.array(CourseImportReportItem),
});
export type CourseImportReport = z.infer<typeof CourseImportReport>;

export const CartridgeImportQuery = z.object({
  /** The uploaded file's name, for the report. */
  filename: z.string().max(300).optional(),
});

export const CartridgeImportResponse = z.object({
  courseId: Uuid,
  title: z.string(),
  language: z.string(),
  report: CourseImportReport,
});
export type CartridgeImportResponse = z.infer<typeof CartridgeImportResponse>;

export const CourseImportReportResponse = z.object({ courseId: Uuid, report: CourseImportReport });
export const CourseImportReportParams = SlugParam.extend({ courseId: Uuid });
