import type { Cmi5ImportResponse } from '@satchel/core';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { PageProps } from '../../../router/Router.js';
import { PackageImport, type PackageImportMessages } from '../parts/PackageImport.js';

export const IMPORT_CMI5_PATH = '/author/import-cmi5';

const MESSAGES: PackageImportMessages = {
  title: 'author.cmi5Import.title',
  intro: 'author.cmi5Import.intro',
  file: 'author.cmi5Import.file',
  fileRequired: 'author.cmi5Import.fileRequired',
  submit: 'author.cmi5Import.submit',
  uploading: 'author.cmi5Import.uploading',
  processing: 'author.cmi5Import.processing',
  resultLabel: 'author.cmi5Import.resultLabel',
  refused: 'author.cmi5Import.refused',
  nothingCreated: 'author.cmi5Import.nothingCreated',
  done: 'author.cmi5Import.done',
  openEditor: 'author.cmi5Import.openEditor',
};

/** Upload a cmi5 course (a zip with cmi5.xml, or a bare cmi5.xml): it becomes a draft with one lesson per AU. */
export default function ImportCmi5Page(_props: PageProps) {
  const i18n = useI18n();
  const api = useApi();
  return (
    <PackageImport<Cmi5ImportResponse>
      messages={MESSAGES}
      accept=".zip,application/zip,.xml,application/xml,text/xml"
      upload={(file, onProgress) =>
        api.upload<Cmi5ImportResponse>('/cmi5/imports', file, {
          contentType: /\.xml$/i.test(file.name) ? 'application/xml' : 'application/zip',
          onProgress,
        })
      }
      placeKeys={['path', 'entry']}
      refusedWhere={(place, rule) =>
        i18n.t('author.cmi5Import.refusedWhere', { file: place ?? '—', rule: rule ?? '—' })
      }
    />
  );
}
