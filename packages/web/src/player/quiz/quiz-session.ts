import type { Draft } from './responses.js';

/** An attempt under way: kept in sessionStorage so a reload or a lost connection loses no answer. */
export interface SavedAttempt {
  readonly attemptId: string;
  readonly startedAt: string;
  readonly drafts: Readonly<Record<string, Draft>>;
}

const key = (versionId: string, lessonId: string) => `satchel:quiz:${versionId}:${lessonId}`;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function loadAttempt(versionId: string, lessonId: string): SavedAttempt | null {
  try {
    const raw = storage()?.getItem(key(versionId, lessonId));
    if (!raw) return null;
    const saved = JSON.parse(raw) as Partial<SavedAttempt>;
    if (
      typeof saved.attemptId !== 'string' ||
      typeof saved.startedAt !== 'string' ||
      typeof saved.drafts !== 'object' ||
      saved.drafts === null
    ) {
      return null;
    }
    return { attemptId: saved.attemptId, startedAt: saved.startedAt, drafts: saved.drafts };
  } catch {
    return null;
  }
}

export function saveAttempt(versionId: string, lessonId: string, attempt: SavedAttempt): void {
  try {
    storage()?.setItem(key(versionId, lessonId), JSON.stringify(attempt));
  } catch {
    // Full or refused storage: the answers still live on the page.
  }
}

export function forgetAttempt(versionId: string, lessonId: string): void {
  try {
    storage()?.removeItem(key(versionId, lessonId));
  } catch {
    // Nothing to forget.
  }
}
