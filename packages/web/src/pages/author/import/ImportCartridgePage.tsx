import type { CartridgeImportResponse } from '@satchel/core';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { PageProps } from '../../../router/Router.js';
import { LinkButton } from '../../../ui/index.js';
import { PackageImport, type PackageImportMessages } from '../parts/PackageImport.js';
import { cartridgeApi, importReportPath } from './cartridge-api.js';
import { CartridgeReportView } from './CartridgeReportView.js';

const MESSAGES: PackageImportMessages = {
  title: 'author.ccImport.title',
  intro: 'author.ccImport.intro',
  file: 'author.ccImport.file',
  fileHint: 'author.ccImport.fileHint',
  fileRequired: 'author.ccImport.fileRequired',
  submit: 'author.ccImport.submit',
  uploading: 'author.ccImport.uploading',
  processing: 'author.ccImport.processing',
  resultLabel: 'author.ccImport.resultLabel',
  refused: 'author.ccImport.refused',
  nothingCreated: 'author.ccImport.nothingCreated',
  done: 'author.ccImport.done',
  openEditor: 'author.ccImport.openEditor',
};

/** Upload a Common Cartridge (.imscc from Moodle, Canvas…): it becomes a course draft with a report. */
export default function ImportCartridgePage(_props: PageProps) {
  const { t } = useI18n();
  const api = useApi();
  return (
    <PackageImport<CartridgeImportResponse>
      messages={MESSAGES}
      accept=".imscc,.zip,application/zip"
      upload={(file, onProgress) => cartridgeApi.importCartridge(api, file, onProgress)}
      placeKeys={['file', 'entry']}
      refusedWhere={(place, rule) => (
        <>
          {place !== null && t('author.ccImport.refusedFile', { file: place })}{' '}
          {rule !== null && t('author.ccImport.refusedRule', { rule })}
        </>
      )}
      afterSuccess={(result) => (
        <>
          <p>
            <LinkButton to={importReportPath(result.courseId)}>{t('author.ccImport.reportLater')}</LinkButton>
          </p>
          <CartridgeReportView report={result.report} />
        </>
      )}
    />
  );
}
