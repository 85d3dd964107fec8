import { render } from 'preact';
import { tenantApi } from '../api/client.js';
import { applyDocumentLocale, createI18n, loadCatalogue } from '../i18n/i18n.js';
import { CATALOGUE_LOCALES, pickLocale } from '../i18n/locales.js';
import { setTitleSuffix } from '../router/focus.js';
import { startHistory } from '../router/history.js';
import { tenantBase } from '../router/paths.js';
import { TenantApp } from './App.js';
import { loadTenantSession } from './boot.js';
import { applyBranding } from './branding.js';
import { BootFailed, StandaloneApp, TenantMissing } from './Standalone.js';
import { storageKeys, type KeyValueStore } from './storage.js';

/** The language to show before (or without) a tenant: stored choice, then the browser's languages. */
export function guessLocale(store: KeyValueStore, slug: string | null): string {
  return pickLocale({
    userLocale: null,
    stored: store.get(storageKeys.locale(slug)) ?? store.get(storageKeys.locale(null)),
    browser: navigator.languages,
    offered: CATALOGUE_LOCALES,
    fallback: 'en',
  });
}

export async function startTenantApp(
  container: HTMLElement,
  slug: string,
  store: KeyValueStore,
): Promise<void> {
  startHistory(tenantBase(slug));
  const api = tenantApi(slug);
  // Fetch the likely catalogue while the API answers; the two requests overlap instead of queueing.
  const guess = guessLocale(store, slug);
  void loadCatalogue(guess).catch(() => undefined);

  const outcome = await loadTenantSession(api, store, slug);
  if (outcome.kind !== 'ready') {
    const i18n = createI18n(guess, await loadCatalogue(guess));
    applyDocumentLocale(guess);
    render(
      <StandaloneApp initialI18n={i18n} store={store}>
        {outcome.kind === 'tenant-missing' ? <TenantMissing /> : <BootFailed error={outcome.error} />}
      </StandaloneApp>,
      container,
    );
    return;
  }

  const { tenant, user } = outcome;
  const locale = pickLocale({
    userLocale: user?.locale ?? null,
    stored: store.get(storageKeys.locale(slug)),
    browser: navigator.languages,
    offered: tenant.locales,
    fallback: tenant.defaultLocale,
  });
  const i18n = createI18n(locale, await loadCatalogue(locale));
  applyDocumentLocale(locale);
  applyBranding(tenant.branding);
  setTitleSuffix(tenant.name);
  render(
    <TenantApp slug={slug} api={api} tenant={tenant} initialUser={user} initialI18n={i18n} store={store} />,
    container,
  );
}
