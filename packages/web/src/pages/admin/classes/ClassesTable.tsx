import type { ClassSummary } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { Link } from '../../../router/Link.js';
import { Table } from '../../../ui/index.js';

export interface ClassesTableProps {
  readonly caption: string;
  readonly classes: readonly ClassSummary[];
  readonly gradeNames: ReadonlyMap<string, string>;
  /** Where a class's name leads. */
  readonly linkTo: (klass: ClassSummary) => string;
}

export function ClassesTable({ caption, classes, gradeNames, linkTo }: ClassesTableProps) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('admin.classes.name')}</th>
          <th scope="col">{t('admin.classes.code')}</th>
          <th scope="col">{t('admin.classes.grade')}</th>
          <th scope="col">{t('admin.classes.educators')}</th>
          <th scope="col">{t('admin.classes.learners')}</th>
        </tr>
      </thead>
      <tbody>
        {classes.map((klass) => (
          <tr key={klass.id}>
            <th scope="row">
              <Link to={linkTo(klass)}>
                <span dir="auto">{klass.name}</span>
              </Link>
            </th>
            <td dir="auto">{klass.code ?? '—'}</td>
            <td>{klass.gradeId ? (gradeNames.get(klass.gradeId) ?? '—') : '—'}</td>
            <td>{i18n.formatNumber(klass.educatorCount)}</td>
            <td>{i18n.formatNumber(klass.learnerCount)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
