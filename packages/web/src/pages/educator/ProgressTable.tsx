import type { ClassProgressCell, ClassReportResponse } from '@satchel/core';
import { useMemo, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { cx, Table } from '../../ui/index.js';
import { SortableHeader } from '../admin/parts/SortableHeader.js';
import { ariaSort, nextSort, sortLearners, type ProgressSort } from './progress-table.js';

export interface ProgressTableProps {
  readonly report: ClassReportResponse;
}

function Cell({ cell }: { readonly cell: ClassProgressCell | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!cell) return <td>—</td>;
  return (
    <td class={cx('admin-progress-cell', `admin-progress-cell--${cell.status}`)}>
      <span class="admin-progress-cell__percent">{i18n.formatPercent(cell.percent)}</span>
      <span class="admin-progress-cell__status">{t(`course.status.${cell.status}`)}</span>
      {cell.score !== null && (
        <span class="admin-progress-cell__score">
          {t('educator.progress.score', { score: i18n.formatPercent(cell.score * 100) })}
        </span>
      )}
    </td>
  );
}

/** Learners down, the class's courses across: progress, status and score in each cell; sortable. */
export function ProgressTable({ report }: ProgressTableProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [sort, setSort] = useState<ProgressSort>({ by: 'name', direction: 'ascending' });
  const learners = useMemo(() => sortLearners(report, sort, i18n.locale), [report, sort, i18n.locale]);
  return (
    <Table
      caption={t('educator.progress.caption', {
        name: report.class.name,
        learners: report.learners.length,
        courses: report.courses.length,
      })}
    >
      <thead>
        <tr>
          <SortableHeader sort={ariaSort(sort, 'name')} onSort={() => setSort(nextSort(sort, 'name'))}>
            {t('educator.progress.learner')}
          </SortableHeader>
          {report.courses.map((course) => (
            <SortableHeader
              key={course.courseId}
              class="admin-progress-course"
              sort={ariaSort(sort, { courseId: course.courseId })}
              onSort={() => setSort(nextSort(sort, { courseId: course.courseId }))}
            >
              {course.title}
            </SortableHeader>
          ))}
        </tr>
      </thead>
      <tbody>
        {learners.map((learner) => (
          <tr key={learner.userId}>
            <th scope="row">
              <span dir="auto">{learner.displayName}</span>
              <span class="admin-muted admin-progress-username" dir="auto">
                {learner.username}
              </span>
            </th>
            {report.courses.map((course, index) => (
              <Cell key={course.courseId} cell={learner.cells[index]} />
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
