/** A tiny key-value store; localStorage in the browser (which may refuse: private mode, quota, policy). */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export const browserStore: KeyValueStore = {
  get(key) {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Storage is a convenience (remembered language, offline start); the app works without it.
    }
  },
  remove(key) {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // As above: nothing to clean up if storage is unavailable.
    }
  },
};

/** A store that forgets everything on reload (tests, and browsers that refuse storage). */
export function memoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  };
}

export const storageKeys = {
  /** The language chosen on this browser for one tenant (or, without slug, for the tenant list). */
  locale: (slug: string | null) => (slug ? `satchel:${slug}:locale` : 'satchel:locale'),
  tenant: (slug: string) => `satchel:${slug}:tenant`,
  user: (slug: string) => `satchel:${slug}:user`,
};
