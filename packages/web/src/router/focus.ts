/**
 * After a client-side navigation a screen reader hears nothing and keyboard focus stays on the old link.
 * So every navigation asks for focus; the next page's main heading (PageHeading) takes it when it mounts
 * (lazy pages mount late, which is why this is a request and not an immediate focus call), and its text
 * is announced through a polite live region and becomes the document title.
 */

let focusRequested = false;
let focusedAtRequest: Element | null = null;
let titleSuffix = '';
let announcer: HTMLElement | null = null;

export function requestHeadingFocus(): void {
  focusRequested = true;
  focusedAtRequest = typeof document === 'undefined' ? null : document.activeElement;
}

/**
 * True once per navigation: the first heading to ask gets the focus, unless the user has moved focus
 * themselves while the page was loading (opened the account menu on a slow connection, say): taking it
 * back would close what they opened.
 */
export function claimHeadingFocus(): boolean {
  const claimed = focusRequested && !userMovedFocusSinceRequest();
  focusRequested = false;
  focusedAtRequest = null;
  return claimed;
}

function userMovedFocusSinceRequest(): boolean {
  if (typeof document === 'undefined') return false;
  const active = document.activeElement;
  return active !== null && active !== document.body && active !== focusedAtRequest && active.isConnected;
}

/** The platform name appended to every document title ("Sign in – Learning Passport"). */
export function setTitleSuffix(suffix: string): void {
  titleSuffix = suffix;
}

export function setDocumentTitle(pageTitle: string): void {
  const parts = [pageTitle.trim(), titleSuffix].filter((part) => part !== '');
  document.title = parts.join(' – ') || 'Satchel';
}

/** Creates the live region early: screen readers ignore regions that appear together with their text. */
export function mountAnnouncer(): void {
  if (announcer) return;
  announcer = document.createElement('div');
  announcer.className = 'sr-only';
  announcer.setAttribute('aria-live', 'polite');
  announcer.setAttribute('aria-atomic', 'true');
  announcer.dataset['testid'] = 'route-announcer';
  document.body.append(announcer);
}

export function announce(message: string): void {
  mountAnnouncer();
  const region = announcer;
  if (!region) return;
  // Clearing first makes the same text (visiting a page twice) count as a change.
  region.textContent = '';
  window.setTimeout(() => {
    region.textContent = message;
  }, 100);
}
