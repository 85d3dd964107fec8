import { describe, expect, it } from 'vitest';
import { formatStatement, parseAcceptLanguage, pickLanguageEntry } from './statement.format.js';

const stored = {
  id: '01900000-0000-7000-8000-000000000001',
  actor: { objectType: 'Agent', name: 'Ann', mbox: 'mailto:ann@example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered', fr: 'a répondu' } },
  object: {
    objectType: 'Activity',
    id: 'https://example.org/q1',
    definition: {
      name: { 'en-US': 'Question', fr: 'Question (fr)' },
      extensions: { 'https://example.org/ext': { display: { a: 'b', c: 'd' } } },
    },
  },
  context: {
    instructor: { objectType: 'Group', member: [{ name: 'T', mbox: 'mailto:t@example.org' }] },
    contextActivities: { parent: [{ id: 'https://example.org/quiz', definition: { name: { en: 'Quiz' } } }] },
  },
};

describe('xAPI 1.0.3 Communication 2.1.3 format parameter', () => {
  it('Accept-Language ranges are ordered by q, and q=0 is dropped', () => {
    expect(parseAcceptLanguage('en;q=0.5, fr-CA, de;q=0')).toEqual(['fr-CA', 'en']);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });

  it('picks an exact tag, then a prefix match either way, then und, then the first', () => {
    const map = { 'en-US': 'a', fr: 'b', und: 'c' };
    expect(pickLanguageEntry(map, ['fr'])).toEqual({ fr: 'b' });
    expect(pickLanguageEntry(map, ['fr-CA'])).toEqual({ fr: 'b' });
    expect(pickLanguageEntry(map, ['en'])).toEqual({ 'en-US': 'a' });
    expect(pickLanguageEntry(map, ['de'])).toEqual({ und: 'c' });
    expect(pickLanguageEntry({ 'en-US': 'a', fr: 'b' }, [])).toEqual({ 'en-US': 'a' });
  });

  it('exact returns the statement as stored', () => {
    expect(formatStatement(stored, 'exact')).toBe(stored);
  });

  it('canonical cuts every language map to one language, but leaves extensions alone', () => {
    const out = formatStatement(stored, 'canonical', ['fr']) as typeof stored;
    expect(out.verb.display).toEqual({ fr: 'a répondu' });
    expect(out.object.definition.name).toEqual({ fr: 'Question (fr)' });
    expect(out.object.definition.extensions['https://example.org/ext'].display).toEqual({ a: 'b', c: 'd' });
    expect(out.actor.name).toBe('Ann');
  });

  it('ids keeps only identifiers of agents, groups, activities and verbs', () => {
    const out = formatStatement(stored, 'ids') as Record<string, unknown>;
    expect(out.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:ann@example.org' });
    expect(out.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/answered' });
    expect(out.object).toEqual({ objectType: 'Activity', id: 'https://example.org/q1' });
    expect(out.context).toEqual({
      instructor: { objectType: 'Group', member: [{ mbox: 'mailto:t@example.org' }] },
      contextActivities: { parent: [{ objectType: 'Activity', id: 'https://example.org/quiz' }] },
    });
  });
});
