import type { ClassDetail, ClassSummary } from '@satchel/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../../../api/errors.js';
import { useApi } from '../../../app/context.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert, Button, Dialog, Form, Select, TextField, useAsyncAction } from '../../../ui/index.js';
import { curriculumOptions } from '../../learner/curriculum-names.js';
import { adminApi } from '../admin-api.js';
import { ErrorSummary, type FieldProblem } from '../parts/ErrorSummary.js';
import { TextArea } from '../parts/TextArea.js';
import {
  classFormValues,
  classProblems,
  createClassBody,
  EMPTY_CLASS,
  updateClassBody,
  type ClassField,
  type ClassFormValues,
  type ClassProblems,
} from './class-form.js';

export interface ClassDialogProps {
  /** 'new' to create a class, a class to edit it, null when closed. */
  readonly target: 'new' | ClassSummary | null;
  readonly onClose: () => void;
  readonly onSaved: (klass: ClassDetail, created: boolean) => void;
}

const FIELDS: readonly ClassField[] = ['name', 'code', 'gradeId', 'description'];
const fieldId = (field: ClassField) => `class-${field}`;

function serverProblems(error: unknown): ClassProblems {
  if (!(error instanceof ApiError)) return {};
  if (error.code === 'class_code_taken') return { code: 'admin.classes.codeTaken' };
  if (error.code === 'grade_not_found') return { gradeId: 'admin.classes.gradeMissing' };
  return {};
}

/** Create or edit a class: its name, its roster code and the curriculum grade it is for. */
export function ClassDialog({ target, onClose, onSaved }: ClassDialogProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const editing = target !== null && target !== 'new' ? target : null;
  const [values, setValues] = useState<ClassFormValues>(EMPTY_CLASS);
  const [problems, setProblems] = useState<ClassProblems>({});
  const [attempt, setAttempt] = useState(0);
  const curriculum = useResource((signal) => adminApi.curriculum(api, signal), [api]);
  const grades = useMemo(
    () =>
      curriculum.status === 'ready' ? curriculumOptions(curriculum.data.frameworks, i18n.locale).grades : [],
    [curriculum, i18n.locale],
  );
  useEffect(() => {
    setValues(editing ? classFormValues(editing) : EMPTY_CLASS);
    setProblems({});
    setAttempt(0);
  }, [target]);
  const set = (key: ClassField) => (value: string) => setValues((current) => ({ ...current, [key]: value }));

  const save = useAsyncAction(async () => {
    const found = classProblems(values);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setAttempt((count) => count + 1);
      return;
    }
    try {
      const saved = editing
        ? await adminApi.updateClass(api, editing.id, updateClassBody(values, editing))
        : await adminApi.createClass(api, createClassBody(values));
      onSaved(saved, !editing);
    } catch (error) {
      const fromServer = serverProblems(error);
      if (Object.keys(fromServer).length === 0) throw error;
      setProblems(fromServer);
      setAttempt((count) => count + 1);
    }
  });

  const labels: Record<ClassField, string> = {
    name: t('admin.classes.name'),
    code: t('admin.classes.code'),
    gradeId: t('admin.classes.grade'),
    description: t('admin.classes.description'),
  };
  const problem = (field: ClassField) => {
    const key = problems[field];
    return key ? t(key) : null;
  };
  const summary: FieldProblem[] = FIELDS.flatMap((field) => {
    const key = problems[field];
    return key ? [{ target: fieldId(field), message: `${labels[field]}: ${t(key)}` }] : [];
  });
  // A class may point at a grade that has since left the curriculum: keep it choosable rather than
  // silently changing it.
  const gradeOptions = [
    { value: '', label: t('admin.classes.noGrade') },
    ...grades,
    ...(values.gradeId !== '' && !grades.some((grade) => grade.value === values.gradeId)
      ? [{ value: values.gradeId, label: t('admin.classes.unknownGrade') }]
      : []),
  ];
  const formId = 'class-form';

  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={editing ? t('admin.classes.editTitle', { name: editing.name }) : t('admin.classes.createTitle')}
      actions={
        <>
          <Button type="submit" form={formId} variant="primary" busy={save.busy}>
            {editing ? t('admin.classes.saveChanges') : t('admin.classes.createSubmit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      }
    >
      <Form id={formId} onSubmit={save.run} busy={save.busy} class="stack">
        <ErrorSummary problems={summary} attempt={attempt} />
        {save.error !== null && <Alert tone="error">{i18n.errorMessage(save.error)}</Alert>}
        <div id={fieldId('name')}>
          <TextField
            label={labels.name}
            maxLength={120}
            autocomplete="off"
            value={values.name}
            onValue={set('name')}
            error={problem('name')}
          />
        </div>
        <div id={fieldId('code')}>
          <TextField
            label={labels.code}
            description={t('admin.classes.codeHint')}
            optional
            maxLength={64}
            autocomplete="off"
            spellcheck={false}
            value={values.code}
            onValue={set('code')}
            error={problem('code')}
          />
        </div>
        <div id={fieldId('gradeId')}>
          <Select
            label={labels.gradeId}
            description={
              curriculum.status === 'ready' && grades.length === 0 ? t('admin.classes.noGrades') : undefined
            }
            optional
            value={values.gradeId}
            options={gradeOptions}
            onValue={set('gradeId')}
            error={problem('gradeId')}
          />
        </div>
        <TextArea
          id={fieldId('description')}
          label={labels.description}
          optional
          rows={3}
          maxLength={2000}
          value={values.description}
          onValue={set('description')}
          error={problem('description')}
        />
      </Form>
    </Dialog>
  );
}
