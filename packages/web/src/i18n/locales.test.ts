import { textDirection as coreTextDirection } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { catalogueFor, endonym, pickLocale, textDirection, usableLocales } from './locales.js';

const base = { userLocale: null, stored: null, browser: [], offered: ['en', 'fr', 'ar'], fallback: 'fr' };

describe('choosing the language', () => {
  it('prefers the user, then the stored choice, then the browser, then the tenant default', () => {
    expect(pickLocale({ ...base, userLocale: 'ar', stored: 'en', browser: ['fr'] })).toBe('ar');
    expect(pickLocale({ ...base, stored: 'en', browser: ['ar'] })).toBe('en');
    expect(pickLocale({ ...base, browser: ['de-DE', 'ar-EG', 'en'] })).toBe('ar');
    expect(pickLocale(base)).toBe('fr');
  });

  it('only picks languages the tenant offers and the app can show', () => {
    expect(pickLocale({ ...base, userLocale: 'es', browser: ['pt'] })).toBe('fr');
    expect(pickLocale({ ...base, offered: ['sw', 'en'], fallback: 'sw' })).toBe('en');
    expect(pickLocale({ ...base, offered: ['sw'], fallback: 'sw' })).toBe('en');
  });

  it('matches regional tags by language, keeping the tenant’s tag', () => {
    const brazil = { ...base, offered: ['pt-BR', 'es'], fallback: 'pt-BR' };
    expect(pickLocale({ ...brazil, browser: ['pt-PT'] })).toBe('pt-BR');
    expect(pickLocale({ ...brazil, browser: ['ES'] })).toBe('es');
    expect(catalogueFor('pt-BR')).toBe('pt');
    expect(catalogueFor('sw')).toBeNull();
    expect(usableLocales(['sw', 'pt-BR'])).toEqual(['pt-BR']);
    expect(usableLocales(['sw'])).toEqual(['en']);
  });

  it('writes Arabic right to left, as core does', () => {
    for (const tag of ['ar', 'ar-SY', 'en', 'fr', 'fa', 'pt-BR']) {
      expect(textDirection(tag), tag).toBe(coreTextDirection(tag));
    }
    expect(textDirection('ar')).toBe('rtl');
  });

  it('names each language in itself', () => {
    expect(endonym('fr')).toBe('Français');
    expect(endonym('ar')).toBe('العربية');
    expect(endonym('es')).toBe('Español');
  });
});
