import {
  formatCsv,
  type ClassReportResponse,
  type CourseReportResponse,
  type CoursesReportResponse,
} from '@satchel/core';

// Reports as CSV for spreadsheets. Cells a spreadsheet would run as a formula
// (starting with = + - @, or a tab or carriage return) get a leading apostrophe
// (OWASP "CSV injection"): learner names and course titles are user input.

export interface CsvFile {
  filename: string;
  body: string;
}

type Cell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? value : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** CSV text with a UTF-8 byte-order mark, so spreadsheet programs read non-Latin names correctly. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${formatCsv([header.map(safeCell), ...rows.map((r) => r.map(safeCell))])}`;
}

/** An ASCII file name part: letters, digits and dashes. */
export function fileSlug(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug === '' ? fallback : slug;
}

const percentOf = (fraction: number | null): number | null =>
  fraction === null ? null : Math.round(fraction * 1000) / 10;

export function coursesCsv(report: CoursesReportResponse, date: string): CsvFile {
  return {
    filename: `courses-report-${date}.csv`,
    body: toCsv(
      [
        'course_id',
        'title',
        'enrolled',
        'started',
        'completed',
        'completion_rate_percent',
        'average_best_score_percent',
      ],
      report.items.map((r) => [
        r.courseId,
        r.title,
        r.enrolled,
        r.started,
        r.completed,
        percentOf(r.completionRate),
        percentOf(r.averageBestScore),
      ]),
    ),
  };
}

export function courseCsv(report: CourseReportResponse, date: string): CsvFile {
  return {
    filename: `course-${fileSlug(report.course.title, report.course.courseId)}-${date}.csv`,
    body: toCsv(
      [
        'user_id',
        'username',
        'display_name',
        'enrolled',
        'status',
        'percent',
        'completed_lessons',
        'required_lessons',
        'score_percent',
        'last_activity_at',
        'completed_at',
      ],
      report.items.map((r) => [
        r.userId,
        r.username,
        r.displayName,
        r.enrolled,
        r.status,
        r.percent,
        r.completedLessons,
        r.requiredLessons,
        percentOf(r.score),
        r.lastActivityAt,
        r.completedAt,
      ]),
    ),
  };
}

/** One row per learner and course (long format: filters and pivots well in spreadsheets). */
export function classCsv(report: ClassReportResponse, date: string): CsvFile {
  const titles = new Map(report.courses.map((c) => [c.courseId, c.title]));
  return {
    filename: `class-${fileSlug(report.class.name, report.class.classId)}-${date}.csv`,
    body: toCsv(
      [
        'user_id',
        'username',
        'display_name',
        'course_id',
        'course_title',
        'status',
        'percent',
        'score_percent',
        'completed_at',
      ],
      report.learners.flatMap((l) =>
        l.cells.map((c) => [
          l.userId,
          l.username,
          l.displayName,
          c.courseId,
          titles.get(c.courseId) ?? '',
          c.status,
          c.percent,
          percentOf(c.score),
          c.completedAt,
        ]),
      ),
    ),
  };
}
