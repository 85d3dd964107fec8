import { CreateClassRequest, UpdateClassRequest, type ClassSummary } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import {
  classFormValues,
  classProblems,
  createClassBody,
  EMPTY_CLASS,
  updateClassBody,
} from './class-form.js';

const klass: ClassSummary = {
  id: '01a22328-12ee-7160-bb80-f138ce631927',
  tenantId: '01a22327-f966-7480-9ecd-0ea338aeb061',
  name: 'Grade 1 Blue',
  code: 'G1-BLUE',
  gradeId: '01a22327-f9fc-7581-946b-9ced197a3574',
  description: '',
  educatorCount: 1,
  learnerCount: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 2,
};

describe('class form', () => {
  it('needs a name, and keeps codes and descriptions within the server limits', () => {
    expect(classProblems(EMPTY_CLASS)).toEqual({ name: 'common.fieldRequired' });
    expect(
      classProblems({ name: 'x'.repeat(121), code: 'a\tb', gradeId: '', description: 'd'.repeat(2001) }),
    ).toEqual({
      name: 'admin.classes.nameTooLong',
      code: 'admin.classes.codeInvalid',
      description: 'admin.classes.descriptionTooLong',
    });
  });

  it('creates a class with an empty code and grade as null', () => {
    const body = createClassBody({ name: ' Grade 2 ', code: ' ', gradeId: '', description: '' });
    expect(body).toEqual({ name: 'Grade 2', code: null, gradeId: null, description: '' });
    expect(CreateClassRequest.safeParse(body).success).toBe(true);
  });

  it('sends only what changed when editing, with the version it started from', () => {
    expect(updateClassBody(classFormValues(klass), klass)).toEqual({ version: 2 });
    const patch = updateClassBody({ ...classFormValues(klass), code: '', name: 'Grade 1 Red' }, klass);
    expect(patch).toEqual({ version: 2, name: 'Grade 1 Red', code: null });
    expect(UpdateClassRequest.safeParse(patch).success).toBe(true);
  });
});
