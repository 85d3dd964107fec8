import { useRef, useState } from 'preact/hooks';
import type { LibraryItemDetail } from '@satchel/core';
import type { UploadProgress } from '../../../api/client.js';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert, Button, Form, FormActions, ProgressBar, Select, useAsyncAction } from '../../../ui/index.js';
import { authorApi } from '../author-api.js';
import { authorErrorMessage, kindName } from '../author-errors.js';
import { FileField } from '../../../ui/index.js';
import { UPLOAD_KINDS, isUploadKind, type UploadKind } from './library-filters.js';
import {
  EMPTY_METADATA,
  metadataProblems,
  uploadQuery,
  type MetadataDraft,
  type MetadataProblems,
} from './metadata.js';
import { MetadataFields } from './MetadataFields.js';
import { acceptFor, guessKind, titleFromFileName, uploadContentType } from './upload-file.js';

export interface UploadFormProps {
  readonly onUploaded: (item: LibraryItemDetail) => void;
  readonly onCancel: () => void;
}

/** Uploads one file to the library with its licence and origin, showing how far the upload has got. */
export function UploadForm({ onUploaded, onCancel }: UploadFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<UploadKind | ''>('');
  const [meta, setMeta] = useState<MetadataDraft>(EMPTY_METADATA);
  const [problems, setProblems] = useState<MetadataProblems & { file?: string; kind?: string }>({});
  const [invalidAttempt, setInvalidAttempt] = useState(0);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const controller = useRef<AbortController | null>(null);

  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    if (!chosen) return;
    const guessed = guessKind(chosen);
    if (guessed) setKind(guessed);
    if (meta.title.trim() === '') setMeta({ ...meta, title: titleFromFileName(chosen.name) });
  };

  const upload = useAsyncAction(async () => {
    const found: typeof problems = { ...metadataProblems(meta) };
    if (!file) found.file = t('author.library.fileRequired');
    if (!kind) found.kind = t('author.library.kindRequired');
    setProblems(found);
    if (Object.keys(found).length > 0 || !file || !kind) {
      setInvalidAttempt((count) => count + 1);
      return;
    }
    const abort = new AbortController();
    controller.current = abort;
    setProgress({ loaded: 0, total: file.size });
    try {
      const item = await authorApi.upload(api, file, uploadQuery(kind, meta), uploadContentType(file.type), {
        signal: abort.signal,
        onProgress: setProgress,
      });
      onUploaded(item);
    } finally {
      controller.current = null;
      setProgress(null);
    }
  });

  const percent = progress && progress.total ? (progress.loaded / progress.total) * 100 : 0;
  return (
    <Form
      onSubmit={upload.run}
      busy={upload.busy}
      invalidAttempt={invalidAttempt}
      class="stack"
      aria-label={t('author.library.uploadTitle')}
    >
      {upload.error !== null && <Alert tone="error">{authorErrorMessage(i18n, upload.error)}</Alert>}
      <FileField
        label={t('author.library.file')}
        description={t('author.library.fileHint')}
        accept={acceptFor(kind)}
        onFile={chooseFile}
        error={problems.file}
        disabled={upload.busy}
      />
      <Select
        label={t('author.library.kind')}
        value={kind}
        onValue={(value) => setKind(isUploadKind(value) ? value : '')}
        error={problems.kind}
        options={[
          { value: '', label: t('author.library.chooseKind') },
          ...UPLOAD_KINDS.map((value) => ({ value, label: kindName(i18n, value) })),
        ]}
      />
      <MetadataFields value={meta} onChange={setMeta} problems={problems} />
      {progress && file && (
        <div class="stack author-upload-progress">
          <ProgressBar
            value={percent}
            label={t('author.library.uploading', { name: file.name })}
            valueText={
              progress.total
                ? t('author.library.uploadedOf', {
                    loaded: i18n.formatBytes(progress.loaded),
                    total: i18n.formatBytes(progress.total),
                  })
                : i18n.formatBytes(progress.loaded)
            }
          />
          <p aria-hidden="true">
            {progress.total
              ? t('author.library.uploadedOf', {
                  loaded: i18n.formatBytes(progress.loaded),
                  total: i18n.formatBytes(progress.total),
                })
              : i18n.formatBytes(progress.loaded)}
          </p>
        </div>
      )}
      <FormActions>
        <Button type="submit" variant="primary" busy={upload.busy}>
          {upload.busy ? t('author.library.uploadingShort') : t('author.library.uploadSubmit')}
        </Button>
        {upload.busy ? (
          <Button onClick={() => controller.current?.abort()}>{t('author.library.cancelUpload')}</Button>
        ) : (
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        )}
      </FormActions>
    </Form>
  );
}
