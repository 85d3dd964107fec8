/// <reference lib="webworker" />
import { downloadStore } from '../offline/downloads/idb-store.js';
import { answer, concerns, loadIndex, matchApi, type OfflineIndex } from './offline.js';

// Satchel's service worker, built by packages/web/scripts/service-worker-plugin.ts into dist/sw.js (one
// classic script; the build injects the version and the file lists). The app shell is cached when the
// worker installs, so a second visit opens with no network; downloaded courses are answered from the
// device (offline.ts). A new version waits until the learner accepts it (src/sw/register.ts).

declare const __SATCHEL_SW__: {
  /** Changes with every build that changes a file. */
  readonly version: string;
  /** What the first visit needs: index.html, the entry's JavaScript and CSS, the web manifest, the icon. */
  readonly shell: readonly string[];
  /** Every file of the app, cached once courses are downloaded so every viewer opens offline. */
  readonly assets: readonly string[];
};

const sw = self as unknown as ServiceWorkerGlobalScope;
const BUILD = __SATCHEL_SW__;
const PREFIX = 'satchel-app-';
const CACHE = `${PREFIX}${BUILD.version}`;
const store = downloadStore();

let index: OfflineIndex | null = null;
let indexing: Promise<OfflineIndex> | null = null;
function refreshIndex(): Promise<OfflineIndex> {
  indexing = loadIndex(store).then(
    (loaded) => (index = loaded),
    () =>
      (index = {
        blobs: new Set(),
        substitutes: new Map(),
        versions: new Set(),
        owners: new Set(),
        completeVersion: new Map(),
      }),
  );
  return indexing;
}

async function hasDownloads(): Promise<boolean> {
  try {
    return (await store.listCourses()).length > 0;
  } catch {
    return false;
  }
}

async function cacheAll(urls: readonly string[]): Promise<void> {
  const cache = await caches.open(CACHE);
  const missing: string[] = [];
  for (const url of urls) if (!(await cache.match(url))) missing.push(url);
  await cache.addAll(missing);
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // A device with downloads needs every viewer of the new version before the old one goes.
      await cacheAll((await hasDownloads()) ? [...BUILD.shell, ...BUILD.assets] : BUILD.shell);
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await refreshIndex();
      await sw.clients.claim();
    })(),
  );
});

type Message =
  | { readonly type: 'skip-waiting' }
  | { readonly type: 'cache-urls'; readonly urls: readonly string[] }
  | { readonly type: 'warm-app' }
  | { readonly type: 'downloads-changed' };

sw.addEventListener('message', (event) => {
  const message = event.data as Message | null;
  const port = event.ports[0];
  const reply = (work: Promise<unknown>): void => {
    event.waitUntil(
      work.then(
        () => port?.postMessage({ ok: true }),
        (error: unknown) => port?.postMessage({ ok: false, error: String(error) }),
      ),
    );
  };
  switch (message?.type) {
    case 'skip-waiting':
      void sw.skipWaiting();
      break;
    case 'cache-urls': {
      // What the page loaded before this worker controlled it (the home page, this locale's messages).
      const own = message.urls.filter((url) => {
        const parsed = new URL(url, sw.location.href);
        return parsed.origin === sw.location.origin && parsed.pathname.startsWith('/assets/');
      });
      reply(cacheAll(own.map((url) => new URL(url, sw.location.href).pathname)));
      break;
    }
    case 'warm-app':
      reply(cacheAll([...BUILD.shell, ...BUILD.assets]));
      break;
    case 'downloads-changed':
      reply(refreshIndex());
      break;
    case undefined:
      break;
  }
});

const isAppPage = (path: string): boolean => path === '/' || /^\/t\/[^/]+\//.test(path);

async function fromCacheFirst(request: Request, key?: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key ?? request, { ignoreSearch: key !== undefined });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && key === undefined) await cache.put(request, response.clone()).catch(() => undefined);
  return response;
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' && request.method !== 'HEAD') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  const path = url.pathname;

  if (request.mode === 'navigate' && isAppPage(path)) {
    // Every app address is the same index.html; the cached one matches the cached scripts.
    event.respondWith(fromCacheFirst(request, '/index.html'));
    return;
  }
  if (path.startsWith('/assets/') || path.startsWith('/icons/') || path === '/manifest.webmanifest') {
    event.respondWith(fromCacheFirst(request));
    return;
  }
  const route = matchApi(path);
  if (!route) return;
  if (index && !concerns(index, route)) return;
  event.respondWith(
    (async () => {
      const known = index ?? (await (indexing ?? refreshIndex()));
      if (!concerns(known, route)) return fetch(request);
      return answer(
        { store, index: known, fetch: (r, init) => fetch(r, init), timeoutMs: 10_000 },
        route,
        request,
      );
    })(),
  );
});
