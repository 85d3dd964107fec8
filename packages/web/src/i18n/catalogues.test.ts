import { SUPPORTED_LOCALES } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES, codeForStatus } from '../api/errors.js';
import { CATALOGUE_LOCALES } from './locales.js';
import { formatMessage, messageArguments, parseMessage, pluralSelectors } from './message-format.js';
import { ar } from './messages/ar.js';
import { en, type Catalogue } from './messages/en.js';
import { es } from './messages/es.js';
import { fr } from './messages/fr.js';
import { pt } from './messages/pt.js';

const catalogues: Record<(typeof CATALOGUE_LOCALES)[number], Catalogue> = { en, fr, es, pt, ar };
const translations = Object.entries(catalogues).filter(([locale]) => locale !== 'en');
const englishKeys = Object.keys(en).sort();

describe('message catalogues', () => {
  it('exist for exactly the locales core supports', () => {
    expect([...CATALOGUE_LOCALES].sort()).toEqual([...SUPPORTED_LOCALES].sort());
  });

  it.each(translations)('%s has every English key and no other', (_locale, catalogue) => {
    const keys = Object.keys(catalogue).sort();
    expect(englishKeys.filter((key) => !keys.includes(key))).toEqual([]);
    expect(keys.filter((key) => !englishKeys.includes(key))).toEqual([]);
  });

  it.each(Object.entries(catalogues))(
    '%s: every message parses and is translated (not empty)',
    (_locale, catalogue) => {
      for (const [key, message] of Object.entries(catalogue)) {
        expect(() => parseMessage(message), key).not.toThrow();
        expect(message.trim(), key).not.toBe('');
      }
    },
  );

  it.each(translations)('%s uses the same placeholders as English in every message', (_locale, catalogue) => {
    for (const key of englishKeys) {
      const english = en[key as keyof Catalogue];
      const translated = catalogue[key as keyof Catalogue];
      expect(messageArguments(translated), key).toEqual(messageArguments(english));
    }
  });

  it.each(Object.entries(catalogues))(
    '%s plurals cover every plural category of the language',
    (locale, catalogue) => {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const [key, message] of Object.entries(catalogue)) {
        for (const [argument, selectors] of pluralSelectors(message)) {
          for (const category of categories) {
            expect(selectors.has(category), `${key}: {${argument}} lacks "${category}"`).toBe(true);
          }
        }
      }
    },
  );

  it.each(Object.entries(catalogues))(
    '%s keeps the visible "Continue" inside the accessible name of each course button',
    (_locale, catalogue) => {
      // WCAG 2.5.3: speech-input users say what they see; the label must contain it.
      const label = formatMessage(catalogue['home.continueCourse'], { title: 'X' });
      expect(label).toContain(catalogue['common.continue']);
    },
  );

  it('has a message for every error code the client can produce', () => {
    const statuses = [400, 401, 403, 404, 409, 413, 418, 429, 500, 502, 503];
    const codes = [...CLIENT_ERROR_CODES, ...statuses.map(codeForStatus), 'unknown'];
    for (const code of codes) expect(englishKeys, code).toContain(`errors.${code}`);
  });
});
