/**
 * After a client-side navigation a screen reader hears nothing and keyboard focus stays on the old link.
 * So every navigation asks for focus; the next page's main heading (PageHeading) takes it when it mounts
 * (lazy pages mount late, which is why this is a request and not an immediate focus call), and its text
 * is announced through a polite live region and becomes the document title.
 */

let focusRequested = false;
let titleSuffix = '';
let announcer: HTMLElement | null = null;

export function requestHeadingFocus(): void {
  focusRequested = true;
}

/** True once per navigation: the first heading to ask gets the focus. */
export function claimHeadingFocus(): boolean {
  const claimed = focusRequested;
  focusRequested = false;
  return claimed;
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
