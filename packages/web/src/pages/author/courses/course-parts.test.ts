import type { Category, CurriculumFrameworkTree, CurriculumItem } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { uuid } from '../test-support.js';
import { courseStanding } from './course-status.js';
import {
  flattenCategories,
  itemLabel,
  lessonOutcomeChoices,
  pickName,
  relevantOutcomes,
} from './curriculum-choices.js';

const item = (
  n: number,
  kind: CurriculumItem['kind'],
  extra: Partial<CurriculumItem> = {},
): CurriculumItem => ({
  id: uuid(n),
  frameworkId: uuid(100),
  kind,
  code: `${kind}-${n}`,
  name: { en: `${kind} ${n}`, fr: `${kind} ${n} (fr)` },
  description: {},
  subjectId: null,
  gradeId: null,
  sort: n,
  version: 1,
  ...extra,
});

const grade1 = item(1, 'grade');
const grade2 = item(2, 'grade');
const maths = item(3, 'subject');
const o1 = item(4, 'outcome', { gradeId: grade1.id, subjectId: maths.id });
const o2 = item(5, 'outcome', { gradeId: grade2.id, subjectId: maths.id });
const framework: CurriculumFrameworkTree = {
  id: uuid(100),
  code: 'NC',
  name: { en: 'National curriculum' },
  description: '',
  sourceUri: null,
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
  grades: [grade1, grade2],
  subjects: [maths],
  outcomes: [o1, o2],
};

describe('curriculum choices', () => {
  it('name entries in the author’s language when they can', () => {
    expect(pickName({ en: 'Maths', fr: 'Maths (fr)' }, 'fr-CA')).toBe('Maths (fr)');
    expect(pickName({ ar: 'رياضيات' }, 'en')).toBe('رياضيات');
    expect(itemLabel(o1, 'en')).toBe('outcome-4 – outcome 4');
  });

  it('offer the outcomes of the chosen grades, and keep chosen ones', () => {
    expect(relevantOutcomes(framework, { gradeIds: [], subjectIds: [] }, []).map((o) => o.id)).toEqual([
      o1.id,
      o2.id,
    ]);
    expect(
      relevantOutcomes(framework, { gradeIds: [grade1.id], subjectIds: [maths.id] }, []).map((o) => o.id),
    ).toEqual([o1.id]);
    expect(
      relevantOutcomes(framework, { gradeIds: [grade1.id], subjectIds: [] }, [o2.id]).map((o) => o.id),
    ).toEqual([o1.id, o2.id]);
  });

  it('offer a lesson the course’s own outcomes when it has some', () => {
    const tags = { gradeIds: [], subjectIds: [], outcomeIds: [o2.id] };
    expect(lessonOutcomeChoices([framework], tags, []).map((o) => o.id)).toEqual([o2.id]);
    expect(lessonOutcomeChoices([framework], { ...tags, outcomeIds: [] }, []).map((o) => o.id)).toEqual([
      o1.id,
      o2.id,
    ]);
  });
});

describe('categories', () => {
  it('list each child right after its parent, siblings by their order', () => {
    const category = (n: number, parent: number | null, sort: number): Category => ({
      id: uuid(n),
      name: { en: `c${n}` },
      parentId: parent === null ? null : uuid(parent),
      sort,
      version: 1,
    });
    const flat = flattenCategories(
      [category(3, 1, 1), category(1, null, 2), category(2, null, 1), category(4, 1, 0), category(5, 99, 0)],
      'en',
    );
    expect(flat.map((choice) => [choice.name, choice.depth])).toEqual([
      ['c5', 0],
      ['c2', 0],
      ['c1', 0],
      ['c4', 1],
      ['c3', 1],
    ]);
  });
});

describe('course status', () => {
  it('tells drafts, published courses and unpublished changes apart', () => {
    expect(courseStanding({ archived: false, publishedVersion: null, hasUnpublishedChanges: true })).toEqual({
      kind: 'draft',
    });
    expect(courseStanding({ archived: false, publishedVersion: 2, hasUnpublishedChanges: false })).toEqual({
      kind: 'published',
      version: 2,
    });
    expect(courseStanding({ archived: false, publishedVersion: 2, hasUnpublishedChanges: true })).toEqual({
      kind: 'changed',
      version: 2,
    });
    expect(courseStanding({ archived: true, publishedVersion: 2, hasUnpublishedChanges: false })).toEqual({
      kind: 'archived',
    });
  });
});
