import type { ClassReportResponse } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, sortLearners } from './progress-table.js';

const cell = (
  percent: number,
  status: 'not_started' | 'in_progress' | 'completed',
  score: number | null,
) => ({
  courseId: 'c1',
  status,
  percent,
  score,
  completedAt: null,
});

const report: ClassReportResponse = {
  class: { classId: 'k', name: 'Grade 1' },
  courses: [
    { courseId: 'c1', title: 'Fractions' },
    { courseId: 'c2', title: 'Reading' },
  ],
  learners: [
    {
      userId: 'u1',
      username: 'zoe',
      displayName: 'Zoé',
      cells: [cell(50, 'in_progress', 0.5), cell(0, 'not_started', null)],
    },
    {
      userId: 'u2',
      username: 'ali',
      displayName: 'Ali',
      cells: [cell(100, 'completed', null), cell(10, 'in_progress', 0.9)],
    },
    {
      userId: 'u3',
      username: 'emma',
      displayName: 'Émma',
      cells: [cell(50, 'in_progress', 0.8), cell(0, 'not_started', null)],
    },
    {
      userId: 'u4',
      username: 'bo',
      displayName: 'Bo',
      cells: [cell(50, 'in_progress', null), cell(0, 'not_started', null)],
    },
  ],
};

const names = (list: readonly { displayName: string }[]) => list.map((learner) => learner.displayName);

describe('class progress table sorting', () => {
  it('sorts by name with accents in their place, both ways', () => {
    expect(names(sortLearners(report, { by: 'name', direction: 'ascending' }, 'fr'))).toEqual([
      'Ali',
      'Bo',
      'Émma',
      'Zoé',
    ]);
    expect(names(sortLearners(report, { by: 'name', direction: 'descending' }, 'fr'))).toEqual([
      'Zoé',
      'Émma',
      'Bo',
      'Ali',
    ]);
  });

  it('sorts by a course: progress first, then score, learners without a score last, ties by name', () => {
    const most = sortLearners(report, { by: { courseId: 'c1' }, direction: 'descending' }, 'en');
    expect(names(most)).toEqual(['Ali', 'Émma', 'Zoé', 'Bo']);
    const least = sortLearners(report, { by: { courseId: 'c1' }, direction: 'ascending' }, 'en');
    expect(names(least)).toEqual(['Zoé', 'Émma', 'Bo', 'Ali']);
  });

  it('keeps each learner with their own cells', () => {
    const sorted = sortLearners(report, { by: { courseId: 'c2' }, direction: 'descending' }, 'en');
    expect(sorted[0]?.displayName).toBe('Ali');
    expect(sorted[0]?.cells[1]?.score).toBe(0.9);
  });

  it('falls back to names when the sorted course is gone', () => {
    expect(names(sortLearners(report, { by: { courseId: 'gone' }, direction: 'descending' }, 'en'))).toEqual([
      'Ali',
      'Bo',
      'Émma',
      'Zoé',
    ]);
  });

  it('flips the direction on the same column and picks a sensible one on another', () => {
    const byName = { by: 'name', direction: 'ascending' } as const;
    expect(nextSort(byName, 'name')).toEqual({ by: 'name', direction: 'descending' });
    expect(nextSort(byName, { courseId: 'c1' })).toEqual({ by: { courseId: 'c1' }, direction: 'descending' });
    expect(ariaSort(byName, 'name')).toBe('ascending');
    expect(ariaSort(byName, { courseId: 'c1' })).toBe('none');
  });
});
