import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { createI18n, loadCatalogue } from './i18n.js';
import { en } from './messages/en.js';

describe('the i18n object', () => {
  const i18n = createI18n('en', en);

  it('translates keys with parameters and knows which keys exist', () => {
    expect(i18n.t('home.welcome', { name: 'Amina' })).toBe('Welcome, Amina');
    expect(i18n.has('nav.home')).toBe(true);
    expect(i18n.has('errors.no_such_code')).toBe(false);
    expect(i18n.dir).toBe('ltr');
    expect(createI18n('ar-EG', en).dir).toBe('rtl');
  });

  it('maps API error codes to errors.<code>, with fallbacks by status', () => {
    expect(i18n.errorMessage(new ApiError(409, 'username_taken', 'x'))).toBe(en['errors.username_taken']);
    expect(i18n.errorMessage(new ApiError(404, 'lesson_not_found', 'x'))).toBe(en['errors.not_found']);
    expect(i18n.errorMessage(new ApiError(503, 'maintenance', 'x'))).toBe(en['errors.server_error']);
    expect(i18n.errorMessage(new ApiError(418, 'teapot', 'x'))).toBe(en['errors.unknown']);
    expect(i18n.errorMessage(new Error('boom'))).toBe(en['errors.unknown']);
  });

  it('tells a rate-limited learner how long to wait when the server says', () => {
    expect(i18n.errorMessage(new ApiError(429, 'rate_limited', 'x', {}, 30))).toBe(
      'Too many attempts. Try again in 30 seconds.',
    );
    expect(i18n.errorMessage(new ApiError(429, 'rate_limited', 'x', {}, 1))).toBe(
      'Too many attempts. Try again in 1 second.',
    );
    expect(i18n.errorMessage(new ApiError(429, 'rate_limited', 'x'))).toBe(en['errors.rate_limited']);
  });

  it('loads the catalogue for a regional tag, and English for a language it lacks', async () => {
    expect((await loadCatalogue('fr-CA'))['nav.home']).toBe('Accueil');
    expect((await loadCatalogue('sw'))['nav.home']).toBe('Home');
  });
});
