import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../i18n/message-format.js';
import { ar } from '../../../i18n/messages/ar.js';
import { en } from '../../../i18n/messages/en.js';
import type { MessageKey, MessageParams } from '../../../i18n/i18n.js';
import { driftMinutes, driftText, noteReason, refusalReason } from './sync-view.js';

const tIn =
  (catalogue: Record<string, string>, locale: string) =>
  (key: MessageKey, params?: MessageParams): string =>
    formatMessage(catalogue[key]!, params ?? {}, locale);

describe('sync page: drift and refusals', () => {
  it('shows drift in whole minutes, never zero', () => {
    expect(driftMinutes(7230)).toBe(121);
    expect(driftMinutes(10)).toBe(1);
  });

  it('says how far ahead the clock was, the limit and when, in each language', () => {
    const drift = { at: '2026-11-28T10:00:00.000Z', aheadSeconds: 7200, limitSeconds: 3600 };
    const text = driftText(tIn(en, 'en'), drift, () => '28 Nov');
    expect(text).toContain('120');
    expect(text).toContain('60');
    expect(text).toContain('28 Nov');
    expect(driftText(tIn(ar, 'ar'), drift, () => '28 Nov')).toContain('28 Nov');
  });

  it('translates an out-of-scope refusal and keeps the server words otherwise', () => {
    const t = tIn(en, 'en');
    expect(refusalReason(t, { kind: 'user', id: 'u1', code: 'out_of_scope', reason: 'outside' })).toBe(
      en['admin.sync.refusedOutOfScope'],
    );
    expect(refusalReason(t, { kind: 'statement', id: 's1', reason: 'malformed statement row' })).toBe(
      'malformed statement row',
    );
  });

  it('says what a note about an applied record means, in each language', () => {
    const note = {
      kind: 'user',
      id: 'u2',
      code: 'kept_apart',
      reason: 'username amina taken on two replicas',
    };
    expect(noteReason(tIn(en, 'en'), note)).toBe(en['admin.sync.noteKeptApart']);
    expect(noteReason(tIn(ar, 'ar'), note)).toBe(ar['admin.sync.noteKeptApart']);
    expect(noteReason(tIn(en, 'en'), { kind: 'user', id: 'u3', reason: 'other words' })).toBe('other words');
  });
});
