import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import {
  applyDocumentLocale,
  createI18n,
  I18nContext,
  loadCatalogue,
  type I18n,
  useI18n,
  type LocaleControl,
} from '../i18n/i18n.js';
import { CATALOGUE_LOCALES } from '../i18n/locales.js';
import { StandaloneFrame } from '../layout/StandaloneFrame.js';
import { Alert } from '../ui/feedback.js';
import { PageHeading } from '../ui/layout-parts.js';
import { storageKeys, type KeyValueStore } from './storage.js';

/** Language state for screens outside a tenant: every catalogue is on offer, the choice is remembered. */
export function StandaloneApp({
  initialI18n,
  store,
  children,
}: {
  readonly initialI18n: I18n;
  readonly store: KeyValueStore;
  readonly children?: ComponentChildren;
}) {
  const [i18n, setI18n] = useState(initialI18n);
  const control = useMemo<LocaleControl>(
    () => ({
      i18n,
      available: CATALOGUE_LOCALES,
      setLocale: async (tag) => {
        setI18n(createI18n(tag, await loadCatalogue(tag)));
        applyDocumentLocale(tag);
        store.set(storageKeys.locale(null), tag);
      },
    }),
    [i18n, store],
  );
  return (
    <I18nContext.Provider value={control}>
      <StandaloneFrame>{children}</StandaloneFrame>
    </I18nContext.Provider>
  );
}

export function TenantMissing() {
  const i18n = useI18n();
  return (
    <div class="page page--narrow">
      <PageHeading>{i18n.t('system.tenantMissingTitle')}</PageHeading>
      <p>{i18n.t('system.tenantMissingBody')}</p>
      <p>
        <a class="button button--primary" href="/">
          {i18n.t('tenants.title')}
        </a>
      </p>
    </div>
  );
}

/** The server could not be reached and this browser has never seen the platform. */
export function BootFailed({ error }: { readonly error: unknown }) {
  const i18n = useI18n();
  return (
    <div class="page page--narrow">
      <PageHeading>{i18n.t('system.bootFailedTitle')}</PageHeading>
      <Alert tone="error">{i18n.errorMessage(error)}</Alert>
      <p>{i18n.t('system.bootFailedBody')}</p>
      <button type="button" class="button button--primary" onClick={() => window.location.reload()}>
        {i18n.t('common.retry')}
      </button>
    </div>
  );
}
