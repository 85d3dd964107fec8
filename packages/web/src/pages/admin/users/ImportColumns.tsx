import { useT } from '../../../i18n/i18n.js';
import { Button, Table } from '../../../ui/index.js';
import { downloadText } from '../parts/csv.js';
import { COLUMN_HELP, IMPORT_COLUMNS, importTemplateCsv, REQUIRED_COLUMNS } from './import-template.js';

/** What each column of the roster file means, and the template to start from. */
export function ImportColumns() {
  const t = useT();
  return (
    <section class="admin-section stack" aria-labelledby="import-columns">
      <h2 id="import-columns">{t('admin.import.columnsTitle')}</h2>
      <p>{t('admin.import.columnsIntro')}</p>
      <div class="admin-actions">
        <Button onClick={() => downloadText('satchel-users-template.csv', importTemplateCsv())}>
          {t('admin.import.template')}
        </Button>
      </div>
      <p class="admin-muted">{t('admin.import.templateHint')}</p>
      <Table caption={t('admin.import.columnsCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('admin.import.column')}</th>
            <th scope="col">{t('admin.import.required')}</th>
            <th scope="col">{t('admin.import.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {IMPORT_COLUMNS.map((column) => (
            <tr key={column}>
              <th scope="row">
                <code dir="ltr">{column}</code>
              </th>
              <td>{REQUIRED_COLUMNS.includes(column) ? t('admin.import.yes') : t('admin.import.no')}</td>
              <td>{t(COLUMN_HELP[column])}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
