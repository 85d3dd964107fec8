import { useId, useState } from 'preact/hooks';
import { endonym } from '../i18n/locales.js';
import { useLocaleControl } from '../i18n/i18n.js';
import { showToast } from '../ui/toast.js';

/**
 * A labelled native <select>: keyboard and screen-reader support come for free, and each language is
 * written in itself so a learner can find theirs whatever language is showing.
 */
export function LanguageSwitcher() {
  const { i18n, available, setLocale } = useLocaleControl();
  const [busy, setBusy] = useState(false);
  const id = useId();
  if (available.length < 2) return null;
  return (
    <div class="language-switcher">
      <label for={id} class="language-switcher__label">
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-3a15.7 15.7 0 0 0-1.3-3.9A8 8 0 0 1 18.9 8ZM12 4c.8 1.1 1.5 2.5 1.9 4h-3.8c.4-1.5 1.1-2.9 1.9-4ZM4.3 14a8 8 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4H4.3Zm.8 2h3a15.7 15.7 0 0 0 1.3 3.9A8 8 0 0 1 5.1 16Zm3-8h-3a8 8 0 0 1 4.3-3.9C8.8 5.3 8.4 6.6 8.1 8ZM12 20c-.8-1.1-1.5-2.5-1.9-4h3.8c-.4 1.5-1.1 2.9-1.9 4Zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4Zm.3 5.9c.6-1.2 1-2.5 1.3-3.9h3a8 8 0 0 1-4.3 3.9Zm1.7-5.9a16.5 16.5 0 0 0 0-4h3.4a8 8 0 0 1 0 4h-3.4Z" />
        </svg>
        <span>{i18n.t('nav.language')}</span>
      </label>
      <select
        id={id}
        class="language-switcher__select"
        value={i18n.locale}
        aria-busy={busy ? 'true' : undefined}
        onChange={(event) => {
          const tag = event.currentTarget.value;
          setBusy(true);
          void setLocale(tag)
            .catch((error: unknown) => showToast(i18n.errorMessage(error), 'error'))
            .finally(() => setBusy(false));
        }}
      >
        {available.map((tag) => (
          <option key={tag} value={tag} lang={tag}>
            {endonym(tag)}
          </option>
        ))}
      </select>
    </div>
  );
}
