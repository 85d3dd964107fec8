import type { ClassReportResponse } from '@satchel/core';

// Sorting the class progress table (learners × courses) without losing track of which cell is which.

export type SortDirection = 'ascending' | 'descending';

/** Sort by learner name, or by one course's progress (then its score). */
export interface ProgressSort {
  readonly by: 'name' | { readonly courseId: string };
  readonly direction: SortDirection;
}

export type ClassLearner = ClassReportResponse['learners'][number];

const STATUS_RANK = { not_started: 0, in_progress: 1, completed: 2 } as const;

/**
 * The learners in the chosen order. Ties keep the name order, so the table never reshuffles learners
 * with equal progress. Learners with no score sort after those with one, in either direction.
 */
export function sortLearners(
  report: ClassReportResponse,
  sort: ProgressSort,
  locale: string,
): ClassLearner[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const byName = (a: ClassLearner, b: ClassLearner) =>
    collator.compare(a.displayName, b.displayName) || collator.compare(a.username, b.username);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const learners = [...report.learners];
  if (sort.by === 'name') return learners.sort((a, b) => sign * byName(a, b));
  const index = report.courses.findIndex(
    (course) => sort.by !== 'name' && course.courseId === sort.by.courseId,
  );
  if (index < 0) return learners.sort(byName);
  return learners.sort((a, b) => {
    const first = a.cells[index];
    const second = b.cells[index];
    if (!first || !second) return byName(a, b);
    const progress = first.percent - second.percent || STATUS_RANK[first.status] - STATUS_RANK[second.status];
    if (progress !== 0) return sign * progress;
    if (first.score !== second.score) {
      if (first.score === null) return 1;
      if (second.score === null) return -1;
      return sign * (first.score - second.score);
    }
    return byName(a, b);
  });
}

/** The next sort after a header's button is pressed: the same column flips, another starts ascending by name or descending by progress. */
export function nextSort(current: ProgressSort, by: ProgressSort['by']): ProgressSort {
  const same = current.by === 'name' ? by === 'name' : by !== 'name' && by.courseId === current.by.courseId;
  if (same) return { by, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { by, direction: by === 'name' ? 'ascending' : 'descending' };
}

/** aria-sort for a column header: only the sorted column says how. */
export function ariaSort(current: ProgressSort, by: ProgressSort['by']): SortDirection | 'none' {
  const same = current.by === 'name' ? by === 'name' : by !== 'name' && by.courseId === current.by.courseId;
  return same ? current.direction : 'none';
}
