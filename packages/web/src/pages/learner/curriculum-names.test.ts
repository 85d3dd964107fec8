import type { Category, CurriculumFrameworkTree, CurriculumItem } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import {
  categoryOptions,
  curriculumIndex,
  curriculumOptions,
  outcomesFor,
  pickName,
} from './curriculum-names.js';

const item = (
  id: string,
  kind: CurriculumItem['kind'],
  name: Record<string, string>,
  extra: Partial<CurriculumItem> = {},
): CurriculumItem => ({
  id,
  frameworkId: 'f',
  kind,
  code: id.toUpperCase(),
  name,
  description: {},
  subjectId: null,
  gradeId: null,
  sort: 0,
  version: 1,
  ...extra,
});

const framework = (
  code: string,
  items: { grades: CurriculumItem[]; subjects: CurriculumItem[]; outcomes: CurriculumItem[] },
): CurriculumFrameworkTree => ({
  id: code,
  code,
  name: { en: `${code} framework` },
  description: '',
  sourceUri: null,
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
  ...items,
});

const national = framework('NAT', {
  grades: [item('g1', 'grade', { en: 'Grade 1', ar: 'الصف الأول' }), item('g2', 'grade', { en: 'Grade 2' })],
  subjects: [item('maths', 'subject', { en: 'Mathematics', fr: 'Mathématiques' })],
  outcomes: [
    item('o1', 'outcome', { en: 'Count to 20' }, { gradeId: 'g1', subjectId: 'maths' }),
    item('o2', 'outcome', { en: 'Add within 100' }, { gradeId: 'g2', subjectId: 'maths' }),
  ],
});

describe('curriculum names for filters and tags', () => {
  it('picks the learner’s language, then its base language, then any', () => {
    expect(pickName({ en: 'Maths', 'pt-BR': 'Matemática' }, 'pt-BR')).toBe('Matemática');
    expect(pickName({ en: 'Maths', fr: 'Maths (fr)' }, 'fr-CA')).toBe('Maths (fr)');
    expect(pickName({ en: 'Maths' }, 'ar')).toBe('Maths');
  });

  it('lists grades in framework order and outcomes with their code', () => {
    const options = curriculumOptions([national], 'ar');
    expect(options.grades.map((o) => o.label)).toEqual(['الصف الأول', 'Grade 2']);
    expect(options.outcomes[0]?.label).toBe('O1 – Count to 20');
  });

  it('names the framework when several could have the same grade names', () => {
    const other = framework('ALT', {
      grades: [item('x1', 'grade', { en: 'Grade 1' })],
      subjects: [],
      outcomes: [],
    });
    expect(curriculumOptions([national, other], 'en').grades.map((o) => o.label)).toEqual([
      'Grade 1 (NAT framework)',
      'Grade 2 (NAT framework)',
      'Grade 1 (ALT framework)',
    ]);
  });

  it('offers only the outcomes of the chosen grade and subject', () => {
    const { outcomes } = curriculumOptions([national], 'en');
    expect(outcomesFor(outcomes, 'g2', '').map((o) => o.value)).toEqual(['o2']);
    expect(outcomesFor(outcomes, '', 'maths')).toHaveLength(2);
    expect(outcomesFor(outcomes, '', '')).toHaveLength(2);
  });

  it('indents subcategories under their parent', () => {
    const category = (id: string, parentId: string | null, en: string): Category => ({
      id,
      name: { en },
      parentId,
      sort: 0,
      version: 1,
    });
    const options = categoryOptions(
      [
        category('health', null, 'Health'),
        category('life', null, 'Life skills'),
        category('hygiene', 'health', 'Hygiene'),
      ],
      'en',
    );
    expect(options.map((o) => o.label)).toEqual(['Health', '\u00a0\u00a0Hygiene', 'Life skills']);
  });

  it('names course tags by id', () => {
    const index = curriculumIndex([national], 'fr');
    expect(index.get('maths')).toEqual({ kind: 'subject', name: 'Mathématiques', code: 'MATHS' });
    expect(index.get('nope')).toBeUndefined();
  });
});
