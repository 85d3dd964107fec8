import './ui/styles.css';
import { startTenantApp } from './app/start.js';
import { browserStore } from './app/storage.js';
import { mountAnnouncer } from './router/focus.js';
import { splitTenantPath } from './router/paths.js';
import { registerServiceWorker } from './sw/register.js';

/** Last resort when not even a message catalogue could load: plain English, like the <noscript> text. */
function showFatal(container: HTMLElement, error: unknown): void {
  console.error('Satchel could not start', error);
  const page = document.createElement('div');
  page.className = 'page page--narrow';
  const heading = document.createElement('h1');
  heading.className = 'page-heading';
  heading.textContent = 'Satchel could not start';
  const help = document.createElement('p');
  help.textContent = 'Check your connection, then reload the page.';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'button button--primary';
  reload.textContent = 'Reload';
  reload.addEventListener('click', () => window.location.reload());
  page.append(heading, help, reload);
  container.replaceChildren(page);
}

const container = document.getElementById('app');
if (container) {
  container.textContent = '';
  mountAnnouncer();
  const place = splitTenantPath(window.location.pathname);
  // The tenant app is the common case and starts at once; the platform list at `/` is its own chunk.
  const started = place
    ? startTenantApp(container, place.slug, browserStore)
    : import('./app/root/start-root.js').then((module) => module.startRoot(container, browserStore));
  started.catch((error: unknown) => showFatal(container, error));
}
registerServiceWorker();
