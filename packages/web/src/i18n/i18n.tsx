import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { ApiError } from '../api/errors.js';
import {
  formatBytes,
  formatDate,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRelativeTime,
} from './format.js';
import { catalogueFor, textDirection, type CatalogueLocale } from './locales.js';
import { formatMessage, type MessageParams } from './message-format.js';
import type { Catalogue, MessageKey } from './messages/en.js';

export type { MessageKey, Catalogue } from './messages/en.js';
export type { MessageParams } from './message-format.js';

// One chunk per language, fetched only when that language is shown; the messages of staff
// pages (author, admin, educator, reports) are a second chunk, so learners never download them.
type Messages = Readonly<Record<string, string>>;
const learnerLoaders: Record<CatalogueLocale, () => Promise<Messages>> = {
  en: () => import('./messages/runtime-en.js').then((module) => module.messages),
  fr: () => import('./messages/runtime-fr.js').then((module) => module.messages),
  es: () => import('./messages/runtime-es.js').then((module) => module.messages),
  pt: () => import('./messages/runtime-pt.js').then((module) => module.messages),
  ar: () => import('./messages/runtime-ar.js').then((module) => module.messages),
};
const staffLoaders: Record<CatalogueLocale, () => Promise<Messages>> = {
  en: () => import('./messages/staff-en.js').then((module) => module.messages),
  fr: () => import('./messages/staff-fr.js').then((module) => module.messages),
  es: () => import('./messages/staff-es.js').then((module) => module.messages),
  pt: () => import('./messages/staff-pt.js').then((module) => module.messages),
  ar: () => import('./messages/staff-ar.js').then((module) => module.messages),
};

const loading = new Map<CatalogueLocale, Promise<Catalogue>>();
const staffLoading = new Map<CatalogueLocale, Promise<void>>();
/** Once a staff page has been opened, every language loaded afterwards brings its staff messages too. */
let staffWanted = false;

function loadStaffInto(locale: CatalogueLocale, catalogue: Catalogue): Promise<void> {
  let pending = staffLoading.get(locale);
  if (!pending) {
    pending = staffLoaders[locale]()
      .then((staff) => void Object.assign(catalogue, staff))
      .catch((error: unknown) => {
        staffLoading.delete(locale);
        throw error;
      });
    staffLoading.set(locale, pending);
  }
  return pending;
}

/** Loads the catalogue that serves `tag` (English when there is none); a failed load can be retried. */
export function loadCatalogue(tag: string): Promise<Catalogue> {
  const locale = catalogueFor(tag) ?? 'en';
  let pending = loading.get(locale);
  if (!pending) {
    // The staff keys are filled in by loadStaffMessages before any staff page renders.
    pending = learnerLoaders[locale]()
      .then((messages) => ({ ...messages }) as Catalogue)
      .catch((error: unknown) => {
        loading.delete(locale);
        throw error;
      });
    loading.set(locale, pending);
  }
  if (!staffWanted) return pending;
  return pending.then(async (catalogue) => {
    await loadStaffInto(locale, catalogue);
    return catalogue;
  });
}

/** Makes sure the staff messages of the page's language are loaded (awaited by staff routes). */
export async function loadStaffMessages(tag: string = document.documentElement.lang || 'en'): Promise<void> {
  staffWanted = true;
  await loadCatalogue(tag);
}

export interface I18n {
  /** The BCP 47 tag in use (`pt-BR`); its base language picks the catalogue. */
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  readonly has: (key: string) => key is MessageKey;
  /** A message for any thrown value: `errors.<code>` for API errors, a generic message otherwise. */
  readonly errorMessage: (error: unknown) => string;
  readonly formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  /** 0 to 100. */
  readonly formatPercent: (percent: number) => string;
  readonly formatDate: (value: Date | string | number, options?: Intl.DateTimeFormatOptions) => string;
  readonly formatRelativeTime: (value: Date | string | number, now?: Date | string | number) => string;
  readonly formatBytes: (bytes: number) => string;
  readonly formatDuration: (seconds: number) => string;
}

export function createI18n(locale: string, catalogue: Catalogue): I18n {
  const has = (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(catalogue, key);
  // A key missing at run time (a staff chunk that failed to load) shows as itself, never a crash.
  const t = (key: MessageKey, params?: MessageParams) => {
    const message = catalogue[key] as string | undefined;
    return message === undefined ? key : formatMessage(message, params, locale);
  };
  return {
    locale,
    dir: textDirection(locale),
    t,
    has,
    errorMessage: (error) => {
      if (!(error instanceof ApiError)) return t('errors.unknown');
      if (error.code === 'rate_limited' && error.retryAfterSeconds !== null && error.retryAfterSeconds > 0) {
        return t('errors.rateLimitedWait', { seconds: error.retryAfterSeconds });
      }
      const key = `errors.${error.code}`;
      if (has(key)) return t(key);
      if (error.status === 404) return t('errors.not_found');
      return error.status >= 500 ? t('errors.server_error') : t('errors.unknown');
    },
    formatNumber: (value, options) => formatNumber(locale, value, options),
    formatPercent: (percent) => formatPercent(locale, percent),
    formatDate: (value, options) => formatDate(locale, value, options),
    formatRelativeTime: (value, now) => formatRelativeTime(locale, value, now),
    formatBytes: (bytes) => formatBytes(locale, bytes),
    formatDuration: (seconds) => formatDuration(locale, seconds),
  };
}

export interface LocaleControl {
  readonly i18n: I18n;
  /** The tags the language switcher offers. */
  readonly available: readonly string[];
  /**
   * Switches language live and remembers it on this browser; when someone is signed in it is also saved
   * to their profile, unless `save` is false (the caller saves it itself).
   */
  readonly setLocale: (tag: string, options?: { readonly save?: boolean }) => Promise<void>;
}

export const I18nContext = createContext<LocaleControl | null>(null);

export function useLocaleControl(): LocaleControl {
  const control = useContext(I18nContext);
  if (!control) throw new Error('useI18n() needs an <I18nContext.Provider> above it');
  return control;
}

export function useI18n(): I18n {
  return useLocaleControl().i18n;
}

export function useT(): I18n['t'] {
  return useLocaleControl().i18n.t;
}

/** Sets `<html lang dir>` so the browser, screen readers and CSS logical properties follow the language. */
export function applyDocumentLocale(tag: string): void {
  document.documentElement.lang = tag;
  document.documentElement.dir = textDirection(tag);
}
