import { render } from 'preact';
import { createI18n, loadCatalogue, applyDocumentLocale } from '../../i18n/i18n.js';
import { setTitleSuffix } from '../../router/focus.js';
import { startHistory } from '../../router/history.js';
import { guessLocale } from '../start.js';
import { StandaloneApp } from '../Standalone.js';
import type { KeyValueStore } from '../storage.js';
import { TenantList } from './TenantList.js';

/** The instance root (`/`): a list of the platforms this server hosts. Loaded only when visited. */
export async function startRoot(container: HTMLElement, store: KeyValueStore): Promise<void> {
  startHistory('');
  const locale = guessLocale(store, null);
  const i18n = createI18n(locale, await loadCatalogue(locale));
  applyDocumentLocale(locale);
  setTitleSuffix('Satchel');
  render(
    <StandaloneApp initialI18n={i18n} store={store}>
      <TenantList />
    </StandaloneApp>,
    container,
  );
}
