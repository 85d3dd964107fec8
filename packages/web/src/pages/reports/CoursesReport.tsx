import { useMemo, useState } from 'preact/hooks';
import { useApi } from '../../app/context.js';
import { Loaded } from '../../app/Loaded.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, EmptyState } from '../../ui/index.js';
import { adminApi } from '../admin/admin-api.js';
import { downloadText, fileSlug, toCsv } from '../admin/parts/csv.js';
import { BarChart } from './BarChart.js';
import {
  classCourseRows,
  courseRows,
  filterRows,
  reportCsvRows,
  sortRows,
  type ReportRow,
} from './report-data.js';
import { ReportTable, type ReportColumn, type ReportSort } from './ReportTable.js';

export interface CoursesReportProps {
  readonly q: string;
  readonly activeOnly: boolean;
  /** One class's view of its courses, or '' for the whole platform (or all of an educator's classes). */
  readonly classId: string;
  readonly className: string;
}

type ReportData = { readonly rows: readonly ReportRow[]; readonly scope: 'platform' | 'class' };

/** Enrolments and completions per course, as a chart and a table, with a CSV of each. */
export function CoursesReport({ q, activeOnly, classId, className }: CoursesReportProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const loaded = useResource<ReportData>(
    async (signal) =>
      classId === ''
        ? { rows: courseRows((await adminApi.coursesReport(api, signal)).items), scope: 'platform' }
        : { rows: classCourseRows(await adminApi.classReport(api, classId, signal)), scope: 'class' },
    [api, classId],
  );
  const [sort, setSort] = useState<ReportSort>({ key: 'title', direction: 'ascending' });
  const rows = useMemo(
    () =>
      loaded.status === 'ready'
        ? sortRows(filterRows(loaded.data.rows, { q, activeOnly }), sort.key, sort.direction, i18n.locale)
        : [],
    [loaded, q, activeOnly, sort, i18n.locale],
  );

  const columns: ReportColumn[] = [
    classId === ''
      ? { key: 'enrolled', label: t('reports.enrolled') }
      : { key: 'learners', label: t('reports.learners') },
    { key: 'started', label: t('reports.started') },
    { key: 'completed', label: t('reports.completed') },
    { key: 'completionRate', label: t('reports.completionRate') },
    { key: 'averageScore', label: t('reports.averageScore') },
  ];
  const today = new Date().toISOString().slice(0, 10);

  return (
    <section class="admin-section stack" aria-labelledby="reports-courses">
      <h2 id="reports-courses">
        {classId === '' ? t('reports.coursesTitle') : t('reports.classCoursesTitle', { name: className })}
      </h2>
      <p class="admin-muted">{classId === '' ? t('reports.coursesHint') : t('reports.classCoursesHint')}</p>
      <Loaded resource={loaded}>
        {(data) => (
          <>
            <div class="admin-actions">
              {classId === '' ? (
                <a class="button button--secondary" href={adminApi.coursesCsvUrl(api)} download>
                  {t('reports.coursesCsv')}
                </a>
              ) : (
                <>
                  <Button
                    onClick={() =>
                      downloadText(
                        `class-${fileSlug(className, 'courses')}-courses-${today}.csv`,
                        toCsv(reportCsvRows(rows, 'course')),
                      )
                    }
                  >
                    {t('reports.coursesCsv')}
                  </Button>
                  <a class="button button--secondary" href={adminApi.classCsvUrl(api, classId)} download>
                    {t('reports.classLearnersCsv')}
                  </a>
                </>
              )}
            </div>
            {rows.length === 0 ? (
              <EmptyState title={data.rows.length === 0 ? t('reports.noCourses') : t('reports.noMatch')} />
            ) : (
              <>
                <BarChart
                  caption={t('reports.completionChart')}
                  bars={rows.map((row) => ({
                    id: row.id,
                    label: row.title,
                    value: row.completionRate,
                    text: i18n.formatPercent(row.completionRate * 100),
                  }))}
                />
                <ReportTable
                  caption={t('reports.coursesCaption', { count: rows.length })}
                  titleLabel={t('reports.course')}
                  rows={rows}
                  columns={columns}
                  sort={sort}
                  onSort={setSort}
                  {...(classId === ''
                    ? {
                        actions: {
                          label: t('reports.learnersColumn'),
                          render: (row: ReportRow) => (
                            <a href={adminApi.courseCsvUrl(api, row.id)} download>
                              {t('reports.learnersCsv')}
                              <span class="sr-only"> {row.title}</span>
                            </a>
                          ),
                        },
                      }
                    : {})}
                />
              </>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
