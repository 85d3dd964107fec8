import type { ImportReport } from '@satchel/core';
import { useRef, useState } from 'preact/hooks';
import type { UploadProgress } from '../../../api/client.js';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { PageProps } from '../../../router/Router.js';
import {
  Alert,
  Button,
  FormActions,
  LinkButton,
  PageHeading,
  ProgressBar,
  Spinner,
} from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import { adminPaths } from '../admin-paths.js';
import '../admin.css';
import { AdminNav } from '../parts/AdminNav.js';
import { FileField } from '../../../ui/index.js';
import { ImportColumns } from './ImportColumns.js';
import { importFailure, looksLikeCsv, type Translated } from './import-problems.js';
import { ImportReportView } from './ImportReportView.js';

type Phase = 'idle' | 'uploading' | 'processing';

/**
 * Import users from a roster CSV: check the file first (a dry run that reports every problem), then
 * import it. The server imports all rows or none, so a file with any problem changes nothing.
 */
export default function ImportUsersPage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [file, setFile] = useState<File | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [mode, setMode] = useState<'check' | 'import'>('check');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [refusal, setRefusal] = useState<Translated | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const run = async (dryRun: boolean) => {
    if (phase !== 'idle') return;
    if (!file) {
      setFileProblem(t('admin.import.fileRequired'));
      return;
    }
    if (!looksLikeCsv(file)) {
      setFileProblem(t('admin.import.fileNotCsv'));
      return;
    }
    setFileProblem(null);
    setMode(dryRun ? 'check' : 'import');
    setReport(null);
    setRefusal(null);
    setFailure(null);
    setPhase('uploading');
    setProgress({ loaded: 0, total: file.size });
    try {
      const result = await adminApi.importUsers(api, file, dryRun, (next) => {
        setProgress(next);
        // Once every byte is sent, the server is reading and checking the rows.
        if (next.total !== null && next.loaded >= next.total) setPhase('processing');
      });
      setReport(result);
      if (result.imported) {
        setFile(null);
        setPickerKey((key) => key + 1);
      }
    } catch (error) {
      const outcome = importFailure(error);
      if (outcome?.kind === 'report') setReport(outcome.report);
      else if (outcome?.kind === 'file') setRefusal(outcome.message);
      else setFailure(error);
    } finally {
      setPhase('idle');
      setProgress(null);
      // The outcome replaces the buttons' context: take keyboard and screen-reader focus there.
      window.setTimeout(() => resultRef.current?.focus(), 0);
    }
  };

  const checkedClean = report !== null && report.dryRun && report.errorCount === 0;
  const toImport = report ? report.created + report.updated : 0;
  const busy = phase !== 'idle';
  const percent = progress?.total ? (progress.loaded / progress.total) * 100 : 0;

  return (
    <div class="page stack admin-page">
      <PageHeading>{t('admin.import.title')}</PageHeading>
      <AdminNav />
      <p>{t('admin.import.intro')}</p>
      <Alert tone="info">{t('admin.import.allOrNothing')}</Alert>

      <section class="admin-section stack" aria-labelledby="import-file">
        <h2 id="import-file">{t('admin.import.fileTitle')}</h2>
        <FileField
          key={pickerKey}
          label={t('admin.import.file')}
          description={t('admin.import.fileHint')}
          accept=".csv,text/csv"
          error={fileProblem}
          disabled={busy}
          onFile={(chosen) => {
            setFile(chosen);
            setFileProblem(null);
            setReport(null);
            setRefusal(null);
            setFailure(null);
          }}
        />
        <FormActions>
          <Button
            variant={checkedClean ? 'secondary' : 'primary'}
            busy={busy && mode === 'check'}
            onClick={() => void run(true)}
          >
            {t('admin.import.check')}
          </Button>
          {checkedClean && (
            <Button variant="primary" busy={busy && mode === 'import'} onClick={() => void run(false)}>
              {t('admin.import.submit', { count: toImport })}
            </Button>
          )}
        </FormActions>
        {phase === 'uploading' && progress && (
          <ProgressBar label={t('admin.import.uploading', { name: file?.name ?? '' })} value={percent} />
        )}
        {phase === 'processing' && (
          <Spinner label={mode === 'check' ? t('admin.import.checking') : t('admin.import.importing')} />
        )}
      </section>

      <div
        ref={resultRef}
        tabIndex={-1}
        class="admin-result"
        aria-label={t('admin.import.resultLabel')}
        role="region"
      >
        {refusal && (
          <Alert tone="error" title={t('admin.import.fileRefused')}>
            <p>{t(refusal.key, refusal.params)}</p>
            <p>{t('admin.import.nothingImported')}</p>
          </Alert>
        )}
        {failure !== null && <Alert tone="error">{i18n.errorMessage(failure)}</Alert>}
        {report && <ImportReportView report={report} />}
        {report?.imported && (
          <p>
            <LinkButton to={adminPaths.users}>{t('admin.import.seeUsers')}</LinkButton>
          </p>
        )}
      </div>

      <ImportColumns />
    </div>
  );
}
