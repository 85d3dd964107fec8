import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import type { Me, MeResponse, PublicTenant } from '../api/types.js';
import {
  applyDocumentLocale,
  createI18n,
  I18nContext,
  loadCatalogue,
  type I18n,
  type LocaleControl,
} from '../i18n/i18n.js';
import { pickLocale, usableLocales } from '../i18n/locales.js';
import { Layout } from '../layout/Layout.js';
import { navigate } from '../router/history.js';
import { RouterView } from '../router/Router.js';
import { rememberUser } from './boot.js';
import { SessionContext, TenantContext, type Session } from './context.js';
import { paths } from './paths.js';
import { NotAllowedPage, NotFoundPage, routes } from './routes.js';
import { storageKeys, type KeyValueStore } from './storage.js';

export interface TenantAppProps {
  readonly slug: string;
  readonly api: ApiClient;
  readonly tenant: PublicTenant;
  readonly initialUser: Me | null;
  readonly initialI18n: I18n;
  readonly store: KeyValueStore;
}

/** The signed-in (or signed-out) app of one tenant: state for session and language, then the router. */
export function TenantApp({ slug, api, tenant, initialUser, initialI18n, store }: TenantAppProps) {
  const [user, setUser] = useState(initialUser);
  const [i18n, setI18n] = useState(initialI18n);
  const userRef = useRef(user);
  userRef.current = user;
  const available = useMemo(() => usableLocales(tenant.locales), [tenant]);

  const keepUser = useCallback(
    (next: Me | null) => {
      setUser(next);
      rememberUser(store, slug, next);
    },
    [store, slug],
  );

  const showLocale = useCallback(
    async (tag: string) => {
      const catalogue = await loadCatalogue(tag);
      setI18n(createI18n(tag, catalogue));
      applyDocumentLocale(tag);
      store.set(storageKeys.locale(slug), tag);
    },
    [store, slug],
  );

  const localeControl = useMemo<LocaleControl>(
    () => ({
      i18n,
      available,
      setLocale: async (tag, options) => {
        await showLocale(tag);
        if (options?.save === false || !userRef.current) return;
        const { user: saved } = await api.patch<MeResponse>('/me', { locale: tag });
        keepUser(saved);
      },
    }),
    [i18n, available, showLocale, api, keepUser],
  );

  const session = useMemo<Session>(
    () => ({
      user,
      signedIn: (next) => {
        keepUser(next);
        const preferred = pickLocale({
          userLocale: next.locale,
          stored: null,
          browser: [],
          offered: available,
          fallback: i18n.locale,
        });
        // If that language cannot load (offline, first visit), the current one simply stays.
        if (preferred !== i18n.locale) void showLocale(preferred).catch(() => undefined);
      },
      updated: keepUser,
      signOut: async () => {
        try {
          await api.post('/auth/signout');
        } catch (error) {
          // Already signed out on the server (expired session): finish signing out here too. With no
          // network, a learner of a shared device still hands it over (offline queue, decision 0005):
          // their records go with their own device token, and the next learner's reconnect replaces the cookie.
          if (!(error instanceof ApiError && (error.status === 401 || error.isNetworkFailure))) throw error;
        }
        keepUser(null);
        navigate(paths.signIn);
      },
    }),
    [user, keepUser, available, i18n.locale, showLocale, api],
  );

  const tenantValue = useMemo(() => ({ tenant, api }), [tenant, api]);

  return (
    <TenantContext.Provider value={tenantValue}>
      <I18nContext.Provider value={localeControl}>
        <SessionContext.Provider value={session}>
          <Layout>
            <RouterView routes={routes} viewer={user} notFound={NotFoundPage} notAllowed={NotAllowedPage} />
          </Layout>
        </SessionContext.Provider>
      </I18nContext.Provider>
    </TenantContext.Provider>
  );
}
