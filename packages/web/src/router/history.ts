import { useEffect, useState } from 'preact/hooks';
import { requestHeadingFocus } from './focus.js';

/** The current place inside the tenant app; `path` is tenant-relative. */
export interface AppLocation {
  readonly path: string;
  readonly search: string;
  readonly hash: string;
}

let basePath = '';
const listeners = new Set<() => void>();

function read(): AppLocation {
  const { pathname, search, hash } = window.location;
  const inside =
    basePath !== '' && pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  return { path: inside === '' ? '/' : inside, search, hash };
}

let current: AppLocation = { path: '/', search: '', hash: '' };

function changed(): void {
  current = read();
  for (const listener of listeners) listener();
}

/** Starts following the address bar; `base` is `/t/<slug>` (or '' outside a tenant). */
export function startHistory(base: string): void {
  basePath = base;
  current = read();
  window.addEventListener('popstate', () => {
    // Fragment-only changes (#section) fire popstate too; only a new page should move focus.
    if (read().path !== current.path) requestHeadingFocus();
    changed();
  });
}

/** The full address for a tenant-relative target such as `/courses/42?tab=notes`. */
export function href(to: string): string {
  return `${basePath}${to.startsWith('/') ? to : `/${to}`}`;
}

export interface NavigateOptions {
  /** Replace the current history entry (redirects) instead of adding one. */
  readonly replace?: boolean;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  const target = href(to);
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (target === here && !options.replace) return;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  if (!options.replace) window.scrollTo(0, 0);
  requestHeadingFocus();
  changed();
}

export function currentLocation(): AppLocation {
  return current;
}

/** Re-renders the caller whenever the location changes. */
export function useLocation(): AppLocation {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current);
    listeners.add(update);
    update();
    return () => {
      listeners.delete(update);
    };
  }, []);
  return location;
}
