import type { ClassReportResponse, CourseSummaryRow } from '@satchel/core';
import type { CsvCell } from '../admin/parts/csv.js';

// The rows of the reports page. Per-course rows come from the server; per-class rows, and per-course rows
// within one class, are computed here from the class reports (learners × courses).

export interface ReportRow {
  /** Course id or class id. */
  readonly id: string;
  readonly title: string;
  /** The class's learners (class rows, and course rows seen through one class); null for platform-wide course rows. */
  readonly learners: number | null;
  /** Enrolled learners; null where the source does not say (a course seen through one class). */
  readonly enrolled: number | null;
  readonly started: number;
  readonly completed: number;
  /** 0..1 */
  readonly completionRate: number;
  /** 0..1, or null when nobody has a score. */
  readonly averageScore: number | null;
  /** Classes only: how many courses the class follows. */
  readonly courses?: number;
}

export type SortKey =
  'title' | 'learners' | 'enrolled' | 'started' | 'completed' | 'completionRate' | 'averageScore';
export type SortDirection = 'ascending' | 'descending';

export function courseRows(items: readonly CourseSummaryRow[]): ReportRow[] {
  return items.map((item) => ({
    id: item.courseId,
    title: item.title,
    learners: null,
    enrolled: item.enrolled,
    started: item.started,
    completed: item.completed,
    completionRate: item.completionRate,
    averageScore: item.averageBestScore,
  }));
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

const startedStatus = (status: string) => status === 'in_progress' || status === 'completed';

/** One row per course of a class: how its learners are doing in it. */
export function classCourseRows(report: ClassReportResponse): ReportRow[] {
  const learners = report.learners.length;
  return report.courses.map((course, index) => {
    const cells = report.learners.flatMap((learner) => (learner.cells[index] ? [learner.cells[index]] : []));
    const completed = cells.filter((cell) => cell.status === 'completed').length;
    return {
      id: course.courseId,
      title: course.title,
      learners,
      enrolled: null,
      started: cells.filter((cell) => startedStatus(cell.status)).length,
      completed,
      completionRate: learners === 0 ? 0 : completed / learners,
      averageScore: mean(cells.flatMap((cell) => (cell.score === null ? [] : [cell.score]))),
    };
  });
}

/**
 * One row for a whole class. Started and completed count learner-course pairs; the completion rate is
 * completed pairs over all pairs (every learner in every course of the class).
 */
export function classSummaryRow(report: ClassReportResponse): ReportRow {
  const cells = report.learners.flatMap((learner) => learner.cells);
  const pairs = report.learners.length * report.courses.length;
  const completed = cells.filter((cell) => cell.status === 'completed').length;
  return {
    id: report.class.classId,
    title: report.class.name,
    learners: report.learners.length,
    enrolled: null,
    started: cells.filter((cell) => startedStatus(cell.status)).length,
    completed,
    completionRate: pairs === 0 ? 0 : completed / pairs,
    averageScore: mean(cells.flatMap((cell) => (cell.score === null ? [] : [cell.score]))),
    courses: report.courses.length,
  };
}

export interface RowFilter {
  /** Words that must all appear in the title (case and accents ignored). */
  readonly q: string;
  /** Hide rows nobody is enrolled in or has started. */
  readonly activeOnly: boolean;
}

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export function filterRows(rows: readonly ReportRow[], filter: RowFilter): ReportRow[] {
  const words = fold(filter.q).split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (filter.activeOnly && row.started === 0 && (row.enrolled ?? 0) === 0) return false;
    const title = fold(row.title);
    return words.every((word) => title.includes(word));
  });
}

/** Rows in the chosen order; missing values (no score, not known) go last either way; ties by title. */
export function sortRows(
  rows: readonly ReportRow[],
  key: SortKey,
  direction: SortDirection,
  locale: string,
): ReportRow[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const byTitle = collator.compare(a.title, b.title);
    if (key === 'title') return sign * byTitle || a.id.localeCompare(b.id);
    const first = a[key];
    const second = b[key];
    if (first === second) return byTitle;
    if (first === null) return 1;
    if (second === null) return -1;
    return sign * (first - second) || byTitle;
  });
}

const percent = (fraction: number | null): number | null =>
  fraction === null ? null : Math.round(fraction * 1000) / 10;

/** The rows as spreadsheet rows, with the server's CSV column names. */
export function reportCsvRows(rows: readonly ReportRow[], kind: 'course' | 'class'): CsvCell[][] {
  const header = [
    kind === 'course' ? 'course_id' : 'class_id',
    kind === 'course' ? 'title' : 'name',
    ...(kind === 'class' ? ['courses'] : []),
    'learners',
    'enrolled',
    'started',
    'completed',
    'completion_rate_percent',
    'average_best_score_percent',
  ];
  return [
    header,
    ...rows.map((row) => [
      row.id,
      row.title,
      ...(kind === 'class' ? [row.courses ?? null] : []),
      row.learners,
      row.enrolled,
      row.started,
      row.completed,
      percent(row.completionRate),
      percent(row.averageScore),
    ]),
  ];
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the results in the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
