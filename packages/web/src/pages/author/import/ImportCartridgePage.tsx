import type { CartridgeImportResponse } from '@satchel/core';
import { useRef, useState } from 'preact/hooks';
import type { UploadProgress } from '../../../api/client.js';
import { ApiError } from '../../../api/errors.js';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { PageProps } from '../../../router/Router.js';
import {
  Alert,
  Button,
  FileField,
  FormActions,
  LinkButton,
  PageHeading,
  ProgressBar,
  Spinner,
} from '../../../ui/index.js';
import { courseEditorPath } from '../courses/author-paths.js';
import { cartridgeApi, importReportPath } from './cartridge-api.js';
import { CartridgeReportView } from './CartridgeReportView.js';

type Phase = 'idle' | 'uploading' | 'processing';

/** Upload a Common Cartridge (.imscc from Moodle, Canvas…): it becomes a course draft with a report. */
export default function ImportCartridgePage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [result, setResult] = useState<CartridgeImportResponse | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const run = async () => {
    if (phase !== 'idle') return;
    if (!file) {
      setFileProblem(t('author.ccImport.fileRequired'));
      return;
    }
    setFileProblem(null);
    setResult(null);
    setFailure(null);
    setPhase('uploading');
    try {
      setResult(
        await cartridgeApi.importCartridge(api, file, (next) => {
          setProgress(next);
          if (next.total !== null && next.loaded >= next.total) setPhase('processing');
        }),
      );
    } catch (error) {
      setFailure(error);
    } finally {
      setPhase('idle');
      setProgress(null);
      window.setTimeout(() => resultRef.current?.focus(), 0);
    }
  };

  const details = failure instanceof ApiError ? failure.details : undefined;
  const file_ =
    typeof details?.file === 'string'
      ? details.file
      : typeof details?.entry === 'string'
        ? details.entry
        : null;
  const rule = typeof details?.rule === 'string' ? details.rule : null;
  const percent = progress?.total ? (progress.loaded / progress.total) * 100 : 0;

  return (
    <div class="page stack author-page">
      <PageHeading>{t('author.ccImport.title')}</PageHeading>
      <p>{t('author.ccImport.intro')}</p>
      <FileField
        label={t('author.ccImport.file')}
        description={t('author.ccImport.fileHint')}
        accept=".imscc,.zip,application/zip"
        error={fileProblem}
        disabled={phase !== 'idle'}
        onFile={(chosen) => {
          setFile(chosen);
          setFileProblem(null);
        }}
      />
      <FormActions>
        <Button variant="primary" busy={phase !== 'idle'} onClick={() => void run()}>
          {t('author.ccImport.submit')}
        </Button>
      </FormActions>
      {phase === 'uploading' && progress && (
        <ProgressBar label={t('author.ccImport.uploading', { name: file?.name ?? '' })} value={percent} />
      )}
      {phase === 'processing' && <Spinner label={t('author.ccImport.processing')} />}

      <div ref={resultRef} tabIndex={-1} role="region" aria-label={t('author.ccImport.resultLabel')}>
        {failure !== null && (
          <Alert tone="error" title={t('author.ccImport.refused')}>
            <p dir="auto">{failure instanceof ApiError ? failure.message : i18n.errorMessage(failure)}</p>
            {(file_ || rule) && (
              <p>
                {file_ && t('author.ccImport.refusedFile', { file: file_ })}{' '}
                {rule && t('author.ccImport.refusedRule', { rule })}
              </p>
            )}
            <p>{t('author.ccImport.nothingCreated')}</p>
          </Alert>
        )}
        {result && (
          <div class="stack">
            <Alert tone="success">{t('author.ccImport.done', { title: result.title })}</Alert>
            <p>
              <LinkButton to={courseEditorPath(result.courseId)} variant="primary">
                {t('author.ccImport.openEditor')}
              </LinkButton>{' '}
              <LinkButton to={importReportPath(result.courseId)}>
                {t('author.ccImport.reportLater')}
              </LinkButton>
            </p>
            <CartridgeReportView report={result.report} />
          </div>
        )}
      </div>
    </div>
  );
}
