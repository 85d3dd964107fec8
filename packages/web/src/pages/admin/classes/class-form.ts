import type { ClassSummary, CreateClassRequest, UpdateClassRequest } from '@satchel/core';
import type { MessageKey } from '../../../i18n/messages/en.js';

// The class form: values, checks (the limits of CreateClassRequest in core, without zod), request bodies.

export interface ClassFormValues {
  readonly name: string;
  readonly code: string;
  /** A grade of the curriculum, or '' for none. */
  readonly gradeId: string;
  readonly description: string;
}

export type ClassField = keyof ClassFormValues;
export type ClassProblems = Partial<Record<ClassField, MessageKey>>;

export const EMPTY_CLASS: ClassFormValues = { name: '', code: '', gradeId: '', description: '' };

export function classFormValues(klass: ClassSummary): ClassFormValues {
  return {
    name: klass.name,
    code: klass.code ?? '',
    gradeId: klass.gradeId ?? '',
    description: klass.description,
  };
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a class code may not hold
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function classProblems(values: ClassFormValues): ClassProblems {
  const problems: ClassProblems = {};
  const name = values.name.trim();
  if (name === '') problems.name = 'common.fieldRequired';
  else if (name.length > 120) problems.name = 'admin.classes.nameTooLong';
  const code = values.code.trim();
  if (code.length > 64 || CONTROL.test(code)) problems.code = 'admin.classes.codeInvalid';
  if (values.description.trim().length > 2000) problems.description = 'admin.classes.descriptionTooLong';
  return problems;
}

export function createClassBody(values: ClassFormValues): CreateClassRequest {
  return {
    name: values.name.trim(),
    code: values.code.trim() === '' ? null : values.code.trim(),
    gradeId: values.gradeId === '' ? null : values.gradeId,
    description: values.description.trim(),
  };
}

/** Only what changed, with the version the admin saw (the server refuses a stale one). */
export function updateClassBody(values: ClassFormValues, klass: ClassSummary): UpdateClassRequest {
  const next = createClassBody(values);
  const patch: UpdateClassRequest = { version: klass.version };
  if (next.name !== klass.name) patch.name = next.name;
  if ((next.code ?? null) !== klass.code) patch.code = next.code ?? null;
  if ((next.gradeId ?? null) !== klass.gradeId) patch.gradeId = next.gradeId ?? null;
  if (next.description !== klass.description) patch.description = next.description ?? '';
  return patch;
}
