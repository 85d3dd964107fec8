import type { ClassSummary } from '@satchel/core';
import { useMemo, useState } from 'preact/hooks';
import { useApi } from '../../app/context.js';
import { Loaded } from '../../app/Loaded.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, EmptyState } from '../../ui/index.js';
import { adminApi } from '../admin/admin-api.js';
import { downloadText, toCsv } from '../admin/parts/csv.js';
import { pageCount, Pager } from '../admin/parts/Pager.js';
import { BarChart } from './BarChart.js';
import { classSummaryRow, mapLimit, reportCsvRows, sortRows } from './report-data.js';
import { ReportTable, type ReportColumn, type ReportSort } from './ReportTable.js';

/** Classes summed up per page; each needs its own report request, so only a page at a time. */
const PAGE_SIZE = 20;
const PARALLEL = 4;

export interface ClassesReportProps {
  /** The classes to report on (all of them, the educator's, or the one chosen). */
  readonly classes: readonly ClassSummary[];
}

/** Enrolments and completions per class: learners, started and completed courses, completion rate, score. */
export function ClassesReport({ classes }: ClassesReportProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [page, setPage] = useState(1);
  const shown = classes.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const ids = shown.map((klass) => klass.id).join(',');
  const loaded = useResource(
    (signal) =>
      mapLimit(shown, PARALLEL, async (klass) =>
        classSummaryRow(await adminApi.classReport(api, klass.id, signal)),
      ),
    [api, ids],
  );
  const [sort, setSort] = useState<ReportSort>({ key: 'title', direction: 'ascending' });
  const rows = useMemo(
    () => (loaded.status === 'ready' ? sortRows(loaded.data, sort.key, sort.direction, i18n.locale) : []),
    [loaded, sort, i18n.locale],
  );
  const columns: ReportColumn[] = [
    { key: 'courses', label: t('reports.courses') },
    { key: 'learners', label: t('reports.learners') },
    { key: 'started', label: t('reports.startedPairs') },
    { key: 'completed', label: t('reports.completedPairs') },
    { key: 'completionRate', label: t('reports.completionRate') },
    { key: 'averageScore', label: t('reports.averageScore') },
  ];
  const today = new Date().toISOString().slice(0, 10);

  return (
    <section class="admin-section stack" aria-labelledby="reports-classes">
      <h2 id="reports-classes">{t('reports.classesTitle')}</h2>
      <p class="admin-muted">{t('reports.classesHint')}</p>
      {classes.length === 0 ? (
        <EmptyState title={t('reports.noClasses')} />
      ) : (
        <Loaded resource={loaded} loadingLabel={t('reports.loadingClasses')}>
          {() => (
            <>
              <div class="admin-actions">
                <Button
                  onClick={() =>
                    downloadText(`classes-report-${today}.csv`, toCsv(reportCsvRows(rows, 'class')))
                  }
                >
                  {t('reports.classesCsv')}
                </Button>
              </div>
              <BarChart
                caption={t('reports.classChart')}
                bars={rows.map((row) => ({
                  id: row.id,
                  label: row.title,
                  value: row.completionRate,
                  text: i18n.formatPercent(row.completionRate * 100),
                }))}
              />
              <ReportTable
                caption={
                  classes.length > PAGE_SIZE
                    ? t('reports.classesCaptionPage', {
                        from: (page - 1) * PAGE_SIZE + 1,
                        to: (page - 1) * PAGE_SIZE + shown.length,
                        count: classes.length,
                      })
                    : t('reports.classesCaption', { count: classes.length })
                }
                titleLabel={t('reports.class')}
                rows={rows}
                columns={columns}
                sort={sort}
                onSort={setSort}
              />
            </>
          )}
        </Loaded>
      )}
      <Pager
        page={page}
        pages={pageCount(classes.length, PAGE_SIZE)}
        onPage={setPage}
        label={t('reports.classesPager')}
      />
    </section>
  );
}
