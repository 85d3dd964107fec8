/**
 * Which languages the web app can speak, and how it picks one. The list mirrors SUPPORTED_LOCALES in
 * @satchel/core (a test keeps them equal); it is repeated here so the first-load bundle does not pull
 * in core's zod schemas just for five strings.
 */
export const CATALOGUE_LOCALES = ['en', 'fr', 'es', 'pt', 'ar'] as const;
export type CatalogueLocale = (typeof CATALOGUE_LOCALES)[number];

const RTL_LANGUAGES: readonly string[] = ['ar', 'fa', 'he', 'ur', 'ps', 'ku'];

export function baseLanguage(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? '').toLowerCase();
}

export function textDirection(tag: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.includes(baseLanguage(tag)) ? 'rtl' : 'ltr';
}

/** The message catalogue for a BCP 47 tag: `pt-BR` is served by `pt`. Null when we have none. */
export function catalogueFor(tag: string): CatalogueLocale | null {
  const base = baseLanguage(tag);
  return CATALOGUE_LOCALES.find((locale) => locale === base) ?? null;
}

export interface LocaleChoices {
  /** The signed-in user's saved preference. */
  readonly userLocale: string | null;
  /** What this browser chose last time, from localStorage. */
  readonly stored: string | null;
  /** navigator.languages, most preferred first. */
  readonly browser: readonly string[];
  /** The tenant's offered locales (tags such as `pt-BR`). */
  readonly offered: readonly string[];
  readonly fallback: string;
}

/**
 * Picks the locale tag to use: the user's, else the stored choice, else the first browser language the
 * tenant offers (by exact tag, then by base language), else the tenant default. Only tags the tenant
 * offers and the app has a catalogue for can win, because courses and messages exist only in those.
 */
export function pickLocale(choices: LocaleChoices): string {
  const usable = choices.offered.filter((tag) => catalogueFor(tag) !== null);
  if (usable.length === 0) return 'en';
  const match = (wanted: string | null): string | null => {
    if (!wanted) return null;
    const exact = usable.find((tag) => tag.toLowerCase() === wanted.toLowerCase());
    if (exact) return exact;
    return usable.find((tag) => baseLanguage(tag) === baseLanguage(wanted)) ?? null;
  };
  for (const wanted of [choices.userLocale, choices.stored, ...choices.browser, choices.fallback]) {
    const found = match(wanted);
    if (found) return found;
  }
  return usable[0] ?? 'en';
}

/** The locales a tenant offers that the app can show, for the language switcher. */
export function usableLocales(offered: readonly string[]): string[] {
  const usable = offered.filter((tag) => catalogueFor(tag) !== null);
  return usable.length > 0 ? usable : ['en'];
}

/** A language's own name ("français", "العربية"), so a learner can find theirs whatever is shown now. */
export function endonym(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    if (name) return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    // Older browsers lack Intl.DisplayNames; the tag is still recognisable.
  }
  return tag;
}
