import type { ScormImportResponse } from '@satchel/core';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { PageProps } from '../../../router/Router.js';
import { PackageImport, type PackageImportMessages } from '../parts/PackageImport.js';

export const IMPORT_SCORM_PATH = '/author/import-scorm';

const MESSAGES: PackageImportMessages = {
  title: 'author.scormImport.title',
  intro: 'author.scormImport.intro',
  file: 'author.scormImport.file',
  fileRequired: 'author.scormImport.fileRequired',
  submit: 'author.scormImport.submit',
  uploading: 'author.scormImport.uploading',
  processing: 'author.scormImport.processing',
  resultLabel: 'author.scormImport.resultLabel',
  refused: 'author.scormImport.refused',
  nothingCreated: 'author.scormImport.nothingCreated',
  done: 'author.scormImport.done',
  openEditor: 'author.scormImport.openEditor',
};

/** Upload a SCORM 1.2 / 2004 zip: it becomes a course draft with one lesson playing the package. */
export default function ImportScormPage(_props: PageProps) {
  const i18n = useI18n();
  const api = useApi();
  return (
    <PackageImport<ScormImportResponse>
      messages={MESSAGES}
      accept=".zip,application/zip"
      upload={(file, onProgress) =>
        api.upload<ScormImportResponse>('/scorm/imports', file, {
          query: { language: i18n.locale },
          contentType: 'application/zip',
          onProgress,
        })
      }
      placeKeys={['file', 'entry']}
      refusedWhere={(place, rule) =>
        i18n.t('author.scormImport.refusedWhere', { file: place ?? '—', rule: rule ?? '—' })
      }
    />
  );
}
