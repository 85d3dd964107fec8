import type { LibraryItem } from '@satchel/core';
import { useState } from 'preact/hooks';
import type { UploadProgress } from '../../../api/client.js';
import { useApi } from '../../../app/context.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert, Button, ProgressBar, Spinner, showToast, useAsyncAction } from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import { FileField } from '../../../ui/index.js';

export interface LogoFieldProps {
  /** The chosen logo's file hash, or null for none. */
  readonly value: string | null;
  readonly onValue: (sha256: string | null) => void;
}

/** The file name without its extension, as the library item's title. */
function titleOf(file: File): string {
  const dot = file.name.lastIndexOf('.');
  return (dot > 0 ? file.name.slice(0, dot) : file.name).trim().slice(0, 300) || 'logo';
}

/** Choose the logo among the library's images, or upload a new one (it joins the library). */
export function LogoField({ value, onValue }: LogoFieldProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const images = useResource((signal) => adminApi.images(api, signal), [api]);
  const [file, setFile] = useState<File | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  const upload = useAsyncAction(async () => {
    if (!file) {
      setFileProblem(t('admin.settings.logoFileRequired'));
      return;
    }
    setFileProblem(null);
    try {
      const item = await adminApi.uploadImage(
        api,
        file,
        { title: titleOf(file), licence: 'all-rights-reserved' },
        setProgress,
      );
      if (item.file) onValue(item.file.sha256);
      setFile(null);
      setPickerKey((key) => key + 1);
      images.reload();
      showToast(t('admin.settings.logoUploaded'), 'success');
    } finally {
      setProgress(null);
    }
  });

  const items: readonly LibraryItem[] =
    images.status === 'ready' ? images.data.items.filter((item) => item.file) : [];
  const known = value === null || items.some((item) => item.file?.sha256 === value);
  const name = 'settings-logo';
  const choice = (id: string, sha256: string | null, label: string, src: string | null) => (
    <div class="admin-logo-choice" key={id}>
      <input
        id={id}
        type="radio"
        class="checkbox__control"
        name={name}
        checked={value === sha256}
        onChange={() => onValue(sha256)}
      />
      <label for={id} class="admin-logo-choice__label">
        {src ? (
          <img class="admin-logo-choice__image" src={src} alt="" loading="lazy" />
        ) : (
          <span class="admin-logo-choice__none" aria-hidden="true" />
        )}
        <span dir="auto">{label}</span>
      </label>
    </div>
  );

  return (
    <div class="stack">
      <fieldset id="settings-logo" class="admin-fieldset">
        <legend class="field__label">{t('admin.settings.logo')}</legend>
        <p class="field__description">{t('admin.settings.logoHint')}</p>
        {images.status === 'loading' && <Spinner />}
        {images.status === 'error' && (
          <Alert tone="error">
            <p>{i18n.errorMessage(images.error)}</p>
            <Button onClick={images.reload}>{t('common.retry')}</Button>
          </Alert>
        )}
        <div class="admin-logo-choices">
          {choice(`${name}-none`, null, t('admin.settings.noLogo'), null)}
          {!known &&
            value !== null &&
            choice(`${name}-current`, value, t('admin.settings.currentLogo'), api.url(`/blobs/${value}`))}
          {items.map((item) =>
            choice(`${name}-${item.id}`, item.file?.sha256 ?? null, item.title, item.fileUrl),
          )}
        </div>
      </fieldset>
      <div class="admin-upload">
        <FileField
          key={pickerKey}
          label={t('admin.settings.logoUpload')}
          description={t('admin.settings.logoUploadHint')}
          accept="image/png,image/jpeg,image/webp,image/gif,image/svg+xml"
          optional
          error={fileProblem}
          onFile={(chosen) => {
            setFile(chosen);
            setFileProblem(null);
          }}
        />
        {progress && (
          <ProgressBar
            label={t('admin.settings.logoUploading')}
            value={progress.total ? (progress.loaded / progress.total) * 100 : 0}
          />
        )}
        {upload.error !== null && <Alert tone="error">{i18n.errorMessage(upload.error)}</Alert>}
        <div class="admin-actions">
          <Button busy={upload.busy} onClick={() => void upload.run()}>
            {t('admin.settings.logoUploadSubmit')}
          </Button>
        </div>
      </div>
    </div>
  );
}
