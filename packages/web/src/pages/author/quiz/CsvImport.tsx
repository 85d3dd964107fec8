import { QUESTION_CSV_TEMPLATE, type DraftLesson } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert, Button, Form, Select, Table, showToast, useAsyncAction } from '../../../ui/index.js';
import { authorApi } from '../author-api.js';
import { authorErrorMessage } from '../author-errors.js';
import { useEditor } from '../courses/editor-context.js';
import { FileField } from '../../../ui/index.js';
import { csvRowErrors, templateHref } from './csv-report.js';

type QuizLesson = Extract<DraftLesson, { kind: 'quiz' }>;

/**
 * Imports questions from a spreadsheet saved as CSV, through the server's import endpoint (all or
 * nothing: one bad row refuses the sheet, with an error for every row). The endpoint works on the saved
 * draft, so unsaved edits are saved first.
 */
export function CsvImport({ lesson }: { readonly lesson: QuizLesson }) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const { courseId, saveNow, replaceWithSaved } = useEditor();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [mode, setMode] = useState<'append' | 'replace'>('append');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [invalidAttempt, setInvalidAttempt] = useState(0);

  const run = useAsyncAction(async () => {
    setFileProblem(file ? null : t('author.library.fileRequired'));
    if (!file) {
      setInvalidAttempt((count) => count + 1);
      return;
    }
    const version = await saveNow();
    if (version === null) return;
    const result = await authorApi.importQuestions(api, courseId, lesson.id, file, {
      mode,
      expectedVersion: version,
    });
    replaceWithSaved(result.course);
    setFile(null);
    setFileKey((key) => key + 1);
    showToast(t('author.quiz.imported', { count: result.imported }), 'success');
  });
  const rowErrors = csvRowErrors(run.error);
  const headingId = `${lesson.id}-csv`;

  return (
    <section class="stack author-csv" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('author.quiz.csvTitle')}</h4>
      <p>{t('author.quiz.csvIntro')}</p>
      <p>
        <a href={templateHref(QUESTION_CSV_TEMPLATE)} download="questions-template.csv">
          {t('author.quiz.csvTemplate')}
        </a>
      </p>
      <Form
        onSubmit={run.run}
        busy={run.busy}
        invalidAttempt={invalidAttempt}
        class="stack"
        aria-labelledby={headingId}
      >
        {run.error !== null && (
          <Alert tone="error" title={authorErrorMessage(i18n, run.error)}>
            {rowErrors.length > 0 && (
              <Table caption={t('author.quiz.csvErrors', { count: rowErrors.length })}>
                <thead>
                  <tr>
                    <th scope="col">{t('author.quiz.csvRow')}</th>
                    <th scope="col">{t('author.quiz.csvColumn')}</th>
                    <th scope="col">{t('author.quiz.csvProblem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rowErrors.map((error, index) => (
                    <tr key={`${error.row}-${index}`}>
                      <td>{i18n.formatNumber(error.row)}</td>
                      <td>{error.column ?? '—'}</td>
                      <td lang="en" dir="ltr">
                        {error.message}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Alert>
        )}
        <FileField
          key={fileKey}
          label={t('author.quiz.csvFile')}
          description={t('author.quiz.csvFileHint')}
          accept=".csv,text/csv"
          onFile={setFile}
          error={fileProblem}
        />
        <Select
          label={t('author.quiz.csvMode')}
          value={mode}
          onValue={(value) => setMode(value === 'replace' ? 'replace' : 'append')}
          options={[
            { value: 'append', label: t('author.quiz.csvAppend') },
            { value: 'replace', label: t('author.quiz.csvReplace') },
          ]}
        />
        <div class="form-actions">
          <Button type="submit" busy={run.busy}>
            {t('author.quiz.csvSubmit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
