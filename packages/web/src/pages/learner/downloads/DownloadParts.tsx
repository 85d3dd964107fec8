import { useId } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.js';
import type { JobStatus } from '../../../offline/downloads/jobs.js';
import type { DataSaver } from '../../../offline/downloads/store.js';
import { Alert, Button, ProgressBar } from '../../../ui/index.js';
import { ERROR_MESSAGES } from './download-hooks.js';

/** How much video to take: shown only when the course has video. */
export function SaverChoice({
  value,
  onValue,
  hasRenditions,
}: {
  readonly value: DataSaver;
  readonly onValue: (value: DataSaver) => void;
  readonly hasRenditions: boolean;
}) {
  const { t } = useI18n();
  const name = useId();
  const choices: { value: DataSaver; label: string }[] = [
    { value: 'full', label: t('downloads.saverFull') },
    ...(hasRenditions ? [{ value: 'small-video' as const, label: t('downloads.saverSmall') }] : []),
    { value: 'no-video', label: t('downloads.saverNone') },
  ];
  return (
    <fieldset class="download-panel__saver">
      <legend class="field__label">{t('downloads.saver')}</legend>
      {choices.map((choice) => (
        <label key={choice.value} class="download-panel__choice">
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={value === choice.value}
            onChange={() => onValue(choice.value)}
          />{' '}
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The size, what is left to fetch and the free space; a warning when it will not fit. */
export function SizeFacts({
  bytes,
  needed,
  free,
}: {
  readonly bytes: number;
  readonly needed: number;
  readonly free: number | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <>
      <p class="download-panel__facts">
        <span>{t('downloads.courseSize', { size: i18n.formatBytes(bytes) })}</span>
        {needed !== bytes && <span>{t('downloads.toFetch', { size: i18n.formatBytes(needed) })}</span>}
        <span>
          {free === null ? t('downloads.freeUnknown') : t('downloads.free', { free: i18n.formatBytes(free) })}
        </span>
      </p>
      {free !== null && needed > free && (
        <Alert tone="warning">
          {t('downloads.notEnoughRoom', { size: i18n.formatBytes(needed), free: i18n.formatBytes(free) })}
        </Alert>
      )}
    </>
  );
}

/** A running download's bar and its stop button, or the last failure. */
export function JobView({
  status,
  title,
  onStop,
}: {
  readonly status: JobStatus | null;
  readonly title: string;
  readonly onStop: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!status) return null;
  if (status.kind === 'failed') {
    const key = ERROR_MESSAGES[status.code];
    return key ? <Alert tone="error">{t(key)}</Alert> : null;
  }
  if (status.kind !== 'running' && status.kind !== 'queued') return null;
  const progress = status.kind === 'running' ? status.progress : null;
  const percent = progress && progress.total > 0 ? (progress.done / progress.total) * 100 : 0;
  const text = progress
    ? t('downloads.progress', {
        done: i18n.formatBytes(progress.done),
        total: i18n.formatBytes(progress.total),
      })
    : t('downloads.measuring');
  return (
    <div class="download-panel__running">
      <ProgressBar value={percent} label={t('downloads.progressLabel', { title })} valueText={text} />
      <p class="download-panel__progress-text" aria-hidden="true">
        {text}
      </p>
      <Button onClick={onStop}>{t('downloads.stop')}</Button>
    </div>
  );
}
