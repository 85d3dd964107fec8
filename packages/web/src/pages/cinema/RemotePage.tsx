import type { RemoteKey } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi } from '../../app/context.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages/en.js';
import type { PageProps } from '../../router/Router.js';
import { Alert, PageHeading } from '../../ui/index.js';
import { cinemaApi } from './cinema-api.js';
import { errorText } from './problems.js';
import './cinema.css';

const BUTTONS: readonly { key: RemoteKey; label: MessageKey; primary?: boolean }[] = [
  { key: 'previous', label: 'cinema.run.previous' },
  { key: 'next', label: 'cinema.run.next', primary: true },
  { key: 'pause', label: 'cinema.remote.pause' },
  { key: 'blank', label: 'cinema.run.blank' },
  { key: 'reveal', label: 'cinema.run.reveal' },
  { key: 'previousPage', label: 'cinema.run.previousSlide' },
  { key: 'nextPage', label: 'cinema.run.nextSlide' },
];

/** A phone on the laptop's Wi-Fi as a remote control: big buttons, one request per press. */
export default function RemotePage({ params }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const runId = params.runId ?? '';
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<MessageKey | null>(null);

  const press = async (key: RemoteKey, label: MessageKey) => {
    try {
      await cinemaApi.pressRemote(api, runId, key);
      setError(null);
      setSent(label);
      navigator.vibrate?.(30);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <div class="page stack cinema-remote">
      <PageHeading>{t('cinema.remote.title')}</PageHeading>
      {error !== null && <Alert tone="error">{errorText(i18n, error)}</Alert>}
      <div class="cinema-remote__pad">
        {BUTTONS.map((button) => (
          <button
            key={button.key}
            type="button"
            class={`button ${button.primary ? 'button--primary' : 'button--secondary'} cinema-remote__button`}
            onClick={() => void press(button.key, button.label)}
          >
            {t(button.label)}
          </button>
        ))}
      </div>
      <p class="sr-only" aria-live="polite">
        {sent ? t('cinema.remote.sent', { action: t(sent) }) : ''}
      </p>
    </div>
  );
}
