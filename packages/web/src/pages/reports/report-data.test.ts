import type { ClassReportResponse } from '@satchel/core';
import { parseCsv } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../admin/parts/csv.js';
import {
  classCourseRows,
  classSummaryRow,
  courseRows,
  filterRows,
  mapLimit,
  reportCsvRows,
  sortRows,
  type ReportRow,
} from './report-data.js';

const cell = (
  courseId: string,
  status: 'not_started' | 'in_progress' | 'completed',
  score: number | null,
) => ({
  courseId,
  status,
  percent: status === 'completed' ? 100 : status === 'in_progress' ? 40 : 0,
  score,
  completedAt: null,
});

const classReport: ClassReportResponse = {
  class: { classId: 'k1', name: 'Grade 1 Blue' },
  courses: [
    { courseId: 'c1', title: 'Fractions' },
    { courseId: 'c2', title: 'Reading' },
  ],
  learners: [
    {
      userId: 'u1',
      username: 'a',
      displayName: 'A',
      cells: [cell('c1', 'completed', 0.8), cell('c2', 'in_progress', null)],
    },
    {
      userId: 'u2',
      username: 'b',
      displayName: 'B',
      cells: [cell('c1', 'completed', 0.6), cell('c2', 'not_started', null)],
    },
    {
      userId: 'u3',
      username: 'c',
      displayName: 'C',
      cells: [cell('c1', 'in_progress', null), cell('c2', 'not_started', null)],
    },
    {
      userId: 'u4',
      username: 'd',
      displayName: 'D',
      cells: [cell('c1', 'not_started', null), cell('c2', 'not_started', null)],
    },
  ],
};

const row = (
  id: string,
  title: string,
  completionRate: number,
  averageScore: number | null,
  started = 1,
): ReportRow => ({
  id,
  title,
  learners: null,
  enrolled: 1,
  started,
  completed: 0,
  completionRate,
  averageScore,
});

describe('report rows', () => {
  it('takes the server per-course summary as it is', () => {
    const [first] = courseRows([
      {
        courseId: 'c1',
        title: 'Fractions',
        enrolled: 3,
        started: 2,
        completed: 1,
        completionRate: 0.25,
        averageBestScore: 0.7,
      },
    ]);
    expect(first).toEqual({
      id: 'c1',
      title: 'Fractions',
      learners: null,
      enrolled: 3,
      started: 2,
      completed: 1,
      completionRate: 0.25,
      averageScore: 0.7,
    });
  });

  it('counts a class course by its learners: started, completed, rate and mean score', () => {
    const [fractions, reading] = classCourseRows(classReport);
    expect(fractions).toMatchObject({ learners: 4, started: 3, completed: 2, completionRate: 0.5 });
    expect(fractions?.averageScore).toBeCloseTo(0.7);
    expect(reading).toMatchObject({
      learners: 4,
      started: 1,
      completed: 0,
      completionRate: 0,
      averageScore: null,
    });
  });

  it('sums a class over every learner and course', () => {
    const summary = classSummaryRow(classReport);
    expect(summary).toMatchObject({
      id: 'k1',
      title: 'Grade 1 Blue',
      learners: 4,
      courses: 2,
      started: 4,
      completed: 2,
    });
    expect(summary.completionRate).toBeCloseTo(2 / 8);
  });

  it('gives an empty class a rate of zero, not NaN', () => {
    const empty = classSummaryRow({ ...classReport, learners: [] });
    expect(empty.completionRate).toBe(0);
    expect(empty.averageScore).toBeNull();
  });

  it('filters by words in the title, ignoring case and accents, and can hide untouched courses', () => {
    const rows = [
      row('1', 'Éducation civique', 0, null),
      row('2', 'Fractions', 0, null, 0),
      row('3', 'Civic education', 0, null),
    ];
    expect(filterRows(rows, { q: 'educ civ', activeOnly: false }).map((r) => r.id)).toEqual(['1', '3']);
    const untouched = { ...row('4', 'Nobody', 0, null, 0), enrolled: 0 };
    expect(filterRows([...rows, untouched], { q: '', activeOnly: true }).map((r) => r.id)).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('sorts by a number either way with missing scores last, and by title', () => {
    const rows = [row('a', 'Beta', 0.5, null), row('b', 'Alpha', 0.5, 0.9), row('c', 'Gamma', 0.9, 0.1)];
    expect(sortRows(rows, 'averageScore', 'descending', 'en').map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(sortRows(rows, 'averageScore', 'ascending', 'en').map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(sortRows(rows, 'completionRate', 'descending', 'en').map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(sortRows(rows, 'title', 'ascending', 'en').map((r) => r.id)).toEqual(['b', 'a', 'c']);
  });

  it('writes a CSV with percentages and the server’s column names', () => {
    const text = toCsv(reportCsvRows([classSummaryRow(classReport)], 'class'));
    const { rows } = parseCsv(text);
    expect(rows[0]).toEqual([
      'class_id',
      'name',
      'courses',
      'learners',
      'enrolled',
      'started',
      'completed',
      'completion_rate_percent',
      'average_best_score_percent',
    ]);
    expect(rows[1]).toEqual(['k1', 'Grade 1 Blue', '2', '4', '', '4', '2', '25', '70']);
  });

  it('runs work a few at a time and keeps the order of the results', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([30, 10, 20, 5, 15], 2, async (delay) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running -= 1;
      return delay * 2;
    });
    expect(results).toEqual([60, 20, 40, 10, 30]);
    expect(most).toBe(2);
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  });
});
