import type { ImportReport } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert, Table } from '../../../ui/index.js';
import { rowProblem } from './import-problems.js';

export interface ImportReportViewProps {
  readonly report: ImportReport;
}

/** The outcome of a check or an import: what would change or changed, and every row problem. */
export function ImportReportView({ report }: ImportReportViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const counts = { created: report.created, updated: report.updated, classes: report.classesCreated };
  return (
    <div class="stack">
      {report.errorCount > 0 ? (
        <Alert tone="error" title={t('admin.import.problemsTitle', { count: report.errorCount })}>
          <p>{t('admin.import.nothingImported')}</p>
        </Alert>
      ) : report.imported ? (
        <Alert tone="success" title={t('admin.import.doneTitle')}>
          <p>{t('admin.import.doneSummary', counts)}</p>
        </Alert>
      ) : (
        <Alert tone="success" title={t('admin.import.checkedTitle', { rows: report.rows })}>
          <p>{t('admin.import.checkedSummary', counts)}</p>
        </Alert>
      )}
      {report.ignoredColumns.length > 0 && (
        <Alert tone="warning">
          {t('admin.import.ignoredColumns', { columns: report.ignoredColumns.join(', ') })}
        </Alert>
      )}
      {report.errors.length > 0 && (
        <>
          {report.errorCount > report.errors.length && (
            <p>
              {t('admin.import.firstProblems', { shown: report.errors.length, count: report.errorCount })}
            </p>
          )}
          <Table caption={t('admin.import.problemsCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('admin.import.rowColumn')}</th>
                <th scope="col">{t('admin.import.column')}</th>
                <th scope="col">{t('admin.import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((error, index) => {
                const translated = rowProblem(error);
                return (
                  <tr key={`${error.row}-${error.column ?? ''}-${index}`}>
                    <th scope="row">{i18n.formatNumber(error.row)}</th>
                    <td>
                      {error.column ? <code dir="ltr">{error.column}</code> : t('admin.import.wholeRow')}
                    </td>
                    <td>
                      {translated ? (
                        t(translated.key, translated.params)
                      ) : (
                        <span lang="en">{error.message}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </>
      )}
    </div>
  );
}
