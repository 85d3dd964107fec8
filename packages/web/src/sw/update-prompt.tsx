import { render } from 'preact';
import { useState } from 'preact/hooks';
import { createI18n, loadCatalogue, type I18n } from '../i18n/i18n.js';
import { acceptUpdate } from './register.js';
import '../pages/learner/downloads/downloads.css';

// "A new version is ready": the learner chooses when the app reloads into it, so a quiz or a video is
// never cut off. Its own chunk, loaded only when a new service worker is waiting.

function UpdatePrompt({ i18n, worker, onClose }: { i18n: I18n; worker: ServiceWorker; onClose: () => void }) {
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  return (
    <section
      class="update-prompt"
      role="region"
      aria-label={t('sw.updateRegion')}
      lang={i18n.locale}
      dir={i18n.dir}
    >
      <p class="update-prompt__text" role="status">
        {t('sw.updateReady')}
      </p>
      <div class="update-prompt__actions">
        <button
          type="button"
          class="button button--primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            acceptUpdate(worker);
          }}
        >
          {t('sw.updateNow')}
        </button>
        <button type="button" class="button" onClick={onClose}>
          {t('sw.updateLater')}
        </button>
      </div>
    </section>
  );
}

let shown: HTMLElement | null = null;

export async function offerUpdate(worker: ServiceWorker): Promise<void> {
  if (shown) return;
  const locale = document.documentElement.lang || 'en';
  const i18n = createI18n(locale, await loadCatalogue(locale));
  const host = document.createElement('div');
  document.body.append(host);
  shown = host;
  const close = (): void => {
    render(null, host);
    host.remove();
  };
  render(<UpdatePrompt i18n={i18n} worker={worker} onClose={close} />, host);
}
