import type { ComponentChildren } from 'preact';
import { useI18n } from '../../i18n/i18n.js';
import { Table } from '../../ui/index.js';
import { SortableHeader } from '../admin/parts/SortableHeader.js';
import type { ReportRow, SortDirection, SortKey } from './report-data.js';

export interface ReportColumn {
  readonly key: SortKey | 'courses';
  readonly label: string;
}

export interface ReportSort {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

export interface ReportTableProps {
  readonly caption: string;
  readonly rows: readonly ReportRow[];
  /** The columns after the title, in order. */
  readonly columns: readonly ReportColumn[];
  readonly titleLabel: string;
  readonly sort: ReportSort;
  readonly onSort: (sort: ReportSort) => void;
  /** A last column of actions (a download link per row). */
  readonly actions?: { readonly label: string; readonly render: (row: ReportRow) => ComponentChildren };
}

/** A sortable table of report rows; numbers in the reader's numerals, rates and scores as percentages. */
export function ReportTable({ caption, rows, columns, titleLabel, sort, onSort, actions }: ReportTableProps) {
  const i18n = useI18n();
  const count = (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : i18n.formatNumber(value);
  const cell = (row: ReportRow, key: ReportColumn['key']) => {
    switch (key) {
      case 'title':
        return row.title;
      case 'courses':
        return count(row.courses);
      case 'learners':
      case 'enrolled':
      case 'started':
      case 'completed':
        return count(row[key]);
      case 'completionRate':
        return i18n.formatPercent(row.completionRate * 100);
      case 'averageScore':
        return row.averageScore === null ? '—' : i18n.formatPercent(row.averageScore * 100);
    }
  };
  const header = (key: SortKey, label: string) => (
    <SortableHeader
      key={key}
      sort={sort.key === key ? sort.direction : 'none'}
      onSort={() =>
        onSort({
          key,
          direction:
            sort.key === key
              ? sort.direction === 'ascending'
                ? 'descending'
                : 'ascending'
              : key === 'title'
                ? 'ascending'
                : 'descending',
        })
      }
    >
      {label}
    </SortableHeader>
  );
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          {header('title', titleLabel)}
          {columns.map((column) =>
            column.key === 'courses' ? (
              <th scope="col" key="courses">
                {column.label}
              </th>
            ) : (
              header(column.key, column.label)
            ),
          )}
          {actions && <th scope="col">{actions.label}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row" dir="auto">
              {row.title}
            </th>
            {columns.map((column) => (
              <td key={column.key} class="admin-number">
                {cell(row, column.key)}
              </td>
            ))}
            {actions && <td>{actions.render(row)}</td>}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
