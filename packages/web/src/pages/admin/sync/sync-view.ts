import type { SyncDrift, SyncRefusal } from '@satchel/core';
import type { MessageKey, MessageParams } from '../../../i18n/i18n.js';

// What the sync page says about clock drift, refused records and notes (pure, so it is tested alone).

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Whole minutes a peer's clock was ahead (at least 1: drift is only noted beyond the limit). */
export function driftMinutes(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}

/** One line about the last drift seen: how far ahead, the limit, and when. */
export function driftText(t: Translate, drift: SyncDrift, when: (iso: string) => string): string {
  return t('admin.sync.driftSeen', {
    minutes: driftMinutes(drift.aheadSeconds),
    limit: driftMinutes(drift.limitSeconds),
    date: when(drift.at),
  });
}

/** Why a record was refused: a translated sentence for the codes we know, else the server's words. */
export function refusalReason(t: Translate, refusal: SyncRefusal): string {
  return refusal.code === 'out_of_scope' ? t('admin.sync.refusedOutOfScope') : refusal.reason;
}

/** What a note about an applied record says: a translated sentence for the codes we know, else the server's words. */
export function noteReason(t: Translate, note: SyncRefusal): string {
  return note.code === 'kept_apart' ? t('admin.sync.noteKeptApart') : note.reason;
}
