// Registers the service worker (src/sw/sw.ts) once the page has loaded. This file is part of the first
// load, so it stays tiny: the update prompt is its own chunk, loaded only when a new version is waiting.

let accepted = false;

/** Activates the waiting version; the page reloads into it once it controls the page. */
export function acceptUpdate(worker: ServiceWorker): void {
  accepted = true;
  worker.postMessage({ type: 'skip-waiting' });
}

function offer(worker: ServiceWorker): void {
  void import('./update-prompt.js').then((module) => module.offerUpdate(worker)).catch(() => undefined);
}

/** Page files loaded before the worker controlled the page, so it can keep them for the next visit. */
function loadedAssets(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => url.startsWith(`${location.origin}/assets/`));
}

/** Carries on with a download a closed tab left (offline/downloads/jobs.ts keeps it under this key). */
function resumeDownload(): void {
  let saved: string | null;
  let slug: unknown;
  try {
    saved = localStorage.getItem('satchel.downloads.resume');
    slug = saved === null ? null : (JSON.parse(saved) as { slug?: unknown }).slug;
  } catch {
    return;
  }
  // Only online, and inside the platform it belongs to, where the learner's session is.
  if (saved === null || !navigator.onLine || typeof slug !== 'string') return;
  if (!location.pathname.startsWith(`/t/${encodeURIComponent(slug)}/`)) return;
  const request = saved;
  void import('../offline/downloads/jobs.js')
    .then((jobs) => jobs.resumeSaved(request))
    .catch(() => undefined);
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  const start = (): void => {
    resumeDownload();
    const hadController = container.controller !== null;
    container
      .register('/sw.js', { scope: '/' })
      .then((registration) => {
        if (registration.waiting && hadController) offer(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const worker = registration.installing;
          worker?.addEventListener('statechange', () => {
            // Installed while another version runs this page: ask, never reload under the learner.
            if (worker.state === 'installed' && container.controller) offer(worker);
          });
        });
        void container.ready.then((ready) =>
          ready.active?.postMessage({ type: 'cache-urls', urls: loadedAssets() }),
        );
        // A tab left open for days still hears of new versions.
        setInterval(() => void registration.update().catch(() => undefined), 60 * 60 * 1000);
      })
      .catch(() => undefined);
    container.addEventListener('controllerchange', () => {
      if (accepted) location.reload();
    });
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
