import { describe, expect, it } from 'vitest';
import {
  formatMessage,
  messageArguments,
  MessageSyntaxError,
  parseMessage,
  pluralSelectors,
} from './message-format.js';

const lessons = '{count, plural, =0 {No lessons} one {# lesson} other {# lessons}}';

describe('ICU-lite messages', () => {
  it('fills named placeholders, formatting numbers for the locale', () => {
    expect(formatMessage('Welcome, {name}', { name: 'Amina' })).toBe('Welcome, Amina');
    expect(formatMessage('{count} learners', { count: 12345 }, 'en')).toBe('12,345 learners');
    expect(formatMessage('{count} apprenants', { count: 12345 }, 'fr')).toBe('12\u202f345 apprenants');
  });

  it('leaves a missing placeholder visible instead of hiding the gap', () => {
    expect(formatMessage('Hello {name}')).toBe('Hello {name}');
  });

  it('picks plural branches by exact value first, then by the locale rules', () => {
    expect(formatMessage(lessons, { count: 0 })).toBe('No lessons');
    expect(formatMessage(lessons, { count: 1 })).toBe('1 lesson');
    expect(formatMessage(lessons, { count: 2 })).toBe('2 lessons');
    expect(formatMessage(lessons, { count: 1500 })).toBe('1,500 lessons');
  });

  it('uses each language’s own plural categories', () => {
    const french = '{n, plural, one {# leçon} many {# de leçons} other {# leçons}}';
    expect(formatMessage(french, { n: 0 }, 'fr')).toBe('0 leçon');
    expect(formatMessage(french, { n: 1000000 }, 'fr')).toBe('1\u202f000\u202f000 de leçons');
    const arabic =
      '{n, plural, zero {لا دروس} one {درس واحد} two {درسان} few {# دروس} many {# درسًا} other {# درس}}';
    expect(formatMessage(arabic, { n: 0 }, 'ar')).toBe('لا دروس');
    expect(formatMessage(arabic, { n: 2 }, 'ar')).toBe('درسان');
    expect(formatMessage(arabic, { n: 5 }, 'ar')).toContain('دروس');
    expect(formatMessage(arabic, { n: 11 }, 'ar')).toContain('درسًا');
    expect(formatMessage(arabic, { n: 100 }, 'ar')).toContain('درس');
  });

  it('falls back to "other" when a category has no branch', () => {
    expect(formatMessage('{n, plural, other {# items}}', { n: 1 }, 'en')).toBe('1 items');
  });

  it('fills placeholders inside plural branches', () => {
    const message = '{name} has {count, plural, one {# badge from {issuer}} other {# badges}}';
    expect(formatMessage(message, { name: 'Ali', count: 1, issuer: 'UNICEF' })).toBe(
      'Ali has 1 badge from UNICEF',
    );
    expect(messageArguments(message)).toEqual(['count', 'issuer', 'name']);
    expect([...(pluralSelectors(message).get('count') ?? [])]).toEqual(['one', 'other']);
  });

  it('treats apostrophes and # outside plurals as plain text', () => {
    expect(formatMessage("l'école n°#1 de {city}", { city: 'Lyon' })).toBe("l'école n°#1 de Lyon");
  });

  it('rejects malformed messages so catalogue tests catch them', () => {
    for (const broken of [
      'Hello {name',
      'Hello name}',
      '{count, plural, one {# lesson}}',
      '{count, select, a {x} other {y}}',
      '{count, plural, lots {x} other {y}}',
      '{count, plural, one {x} one {y} other {z}}',
      '{bad name}',
    ]) {
      expect(() => parseMessage(broken), broken).toThrow(MessageSyntaxError);
    }
  });
});
