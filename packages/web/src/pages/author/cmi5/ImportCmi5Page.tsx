import type { Cmi5ImportResponse } from '@satchel/core';
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

export const IMPORT_CMI5_PATH = '/author/import-cmi5';

type Phase = 'idle' | 'uploading' | 'processing';

/** Upload a cmi5 course (a zip with cmi5.xml, or a bare cmi5.xml): it becomes a draft with one lesson per AU. */
export default function ImportCmi5Page(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [result, setResult] = useState<Cmi5ImportResponse | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const run = async () => {
    if (phase !== 'idle') return;
    if (!file) {
      setFileProblem(t('author.cmi5Import.fileRequired'));
      return;
    }
    setFileProblem(null);
    setResult(null);
    setFailure(null);
    setPhase('uploading');
    try {
      setResult(
        await api.upload<Cmi5ImportResponse>('/cmi5/imports', file, {
          contentType: /\.xml$/i.test(file.name) ? 'application/xml' : 'application/zip',
          onProgress: (next) => {
            setProgress(next);
            if (next.total !== null && next.loaded >= next.total) setPhase('processing');
          },
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
  const where =
    typeof details?.path === 'string'
      ? details.path
      : typeof details?.entry === 'string'
        ? details.entry
        : '';
  const rule = typeof details?.rule === 'string' ? details.rule : '';
  const percent = progress?.total ? (progress.loaded / progress.total) * 100 : 0;

  return (
    <div class="page stack author-page">
      <PageHeading>{t('author.cmi5Import.title')}</PageHeading>
      <p>{t('author.cmi5Import.intro')}</p>
      <FileField
        label={t('author.cmi5Import.file')}
        accept=".zip,application/zip,.xml,application/xml,text/xml"
        error={fileProblem}
        disabled={phase !== 'idle'}
        onFile={(chosen) => {
          setFile(chosen);
          setFileProblem(null);
        }}
      />
      <FormActions>
        <Button variant="primary" busy={phase !== 'idle'} onClick={() => void run()}>
          {t('author.cmi5Import.submit')}
        </Button>
      </FormActions>
      {phase === 'uploading' && progress && (
        <ProgressBar label={t('author.cmi5Import.uploading', { name: file?.name ?? '' })} value={percent} />
      )}
      {phase === 'processing' && <Spinner label={t('author.cmi5Import.processing')} />}

      <div ref={resultRef} tabIndex={-1} role="region" aria-label={t('author.cmi5Import.resultLabel')}>
        {failure !== null && (
          <Alert tone="error" title={t('author.cmi5Import.refused')}>
            <p dir="auto">{failure instanceof ApiError ? failure.message : i18n.errorMessage(failure)}</p>
            {(where || rule) && (
              <p dir="auto">
                {t('author.cmi5Import.refusedWhere', { file: where || '—', rule: rule || '—' })}
              </p>
            )}
            <p>{t('author.cmi5Import.nothingCreated')}</p>
          </Alert>
        )}
        {result && (
          <div class="stack">
            <Alert tone="success">{t('author.cmi5Import.done', { title: result.title })}</Alert>
            <p>
              <LinkButton to={courseEditorPath(result.courseId)} variant="primary">
                {t('author.cmi5Import.openEditor')}
              </LinkButton>
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
