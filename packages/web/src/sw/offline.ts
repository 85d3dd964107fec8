import type { CourseManifest } from '@satchel/core';
import {
  courseKey,
  learnerMetaKey,
  responseKey,
  type DownloadStore,
  type StoredBlob,
} from '../offline/downloads/store.js';
import { rangedResponse } from './range.js';

// How the service worker answers the API's own URLs for downloaded courses, so pages and viewers need
// no offline code of their own: files (with byte ranges) and html5 package files from the device, the
// immutable manifest from the device, and the pages' answers (course page, progress, quiz attempts,
// learning path) from the network when it answers, else from the copy kept for the learner.

export type ApiRoute =
  | { readonly kind: 'blob'; readonly slug: string; readonly sha256: string }
  | {
      readonly kind: 'package';
      readonly slug: string;
      readonly versionId: string;
      readonly lessonId: string;
      readonly path: string;
      readonly base: string;
    }
  | { readonly kind: 'manifest'; readonly slug: string; readonly versionId: string }
  | { readonly kind: 'answer'; readonly slug: string; readonly owner: string; readonly course: string | null }
  | { readonly kind: 'me'; readonly slug: string };

const decode = (part: string): string | null => {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
};

/** Which offline route, if any, an API path (no query) belongs to. */
export function matchApi(pathname: string): ApiRoute | null {
  const api = /^\/api\/t\/([^/]+)\/(.*)$/.exec(pathname);
  if (!api) return null;
  const slug = decode(api[1]!);
  const rest = api[2]!;
  if (slug === null) return null;
  let m: RegExpExecArray | null;
  if ((m = /^blobs\/([0-9a-f]{64})$/.exec(rest))) return { kind: 'blob', slug, sha256: m[1]! };
  if ((m = /^packages\/([^/]+)\/([^/]+)\/(.*)$/.exec(rest))) {
    const [versionId, lessonId, path] = [decode(m[1]!), decode(m[2]!), decode(m[3]!)];
    if (versionId === null || lessonId === null || path === null) return null;
    const base = pathname.slice(0, pathname.length - m[3]!.length);
    return { kind: 'package', slug, versionId, lessonId, path, base };
  }
  if ((m = /^course-versions\/([^/]+)$/.exec(rest))) {
    const versionId = decode(m[1]!);
    return versionId === null ? null : { kind: 'manifest', slug, versionId };
  }
  if ((m = /^(?:courses\/([^/]+)(?:\/lessons\/[^/]+\/attempts)?|me\/progress\/([^/]+))$/.exec(rest))) {
    const courseId = decode(m[1] ?? m[2]!);
    return courseId === null
      ? null
      : { kind: 'answer', slug, owner: courseKey(slug, courseId), course: courseId };
  }
  if ((m = /^paths\/([^/]+)$/.exec(rest))) {
    const pathId = decode(m[1]!);
    return pathId === null ? null : { kind: 'answer', slug, owner: `path:${slug}/${pathId}`, course: null };
  }
  if (rest === 'me') return { kind: 'me', slug };
  return null;
}

/** What is on the device, held in memory so most requests are decided without touching IndexedDB. */
export interface OfflineIndex {
  /** `<slug>/<sha256>` of every file a downloaded course of that platform holds. */
  readonly blobs: ReadonlySet<string>;
  /** `<slug>/<sha256>` of a video variant not held → the SHA-256 of the one held instead. */
  readonly substitutes: ReadonlyMap<string, string>;
  readonly versions: ReadonlySet<string>;
  /** Course keys with a complete download, and `path:<slug>/<path id>` of downloaded paths. */
  readonly owners: ReadonlySet<string>;
  /** Complete version of each course key. */
  readonly completeVersion: ReadonlyMap<string, string>;
}

export async function loadIndex(store: DownloadStore): Promise<OfflineIndex> {
  const blobs = new Set<string>();
  const substitutes = new Map<string, string>();
  const versions = new Set<string>();
  const owners = new Set<string>();
  const completeVersion = new Map<string, string>();
  for (const course of await store.listCourses()) {
    const version = course.complete;
    if (!version) continue;
    owners.add(course.key);
    for (const pathId of course.pathIds) owners.add(`path:${course.slug}/${pathId}`);
    completeVersion.set(course.key, version.versionId);
    versions.add(version.versionId);
    for (const sha of version.blobs) blobs.add(`${course.slug}/${sha}`);
    for (const [from, to] of Object.entries(version.substitutes))
      substitutes.set(`${course.slug}/${from}`, to);
  }
  return { blobs, substitutes, versions, owners, completeVersion };
}

/** Whether the service worker should answer this route (false: the browser fetches as if it were not there). */
export function concerns(index: OfflineIndex, route: ApiRoute): boolean {
  switch (route.kind) {
    case 'blob': {
      const key = `${route.slug}/${route.sha256}`;
      return index.blobs.has(key) || index.substitutes.has(key);
    }
    case 'package':
    case 'manifest':
      return index.versions.has(route.versionId);
    case 'answer':
      return index.owners.has(route.owner);
    case 'me':
      return index.owners.size > 0;
  }
}

export interface OfflineDeps {
  readonly store: DownloadStore;
  readonly index: OfflineIndex;
  readonly fetch: (request: Request, init?: RequestInit) => Promise<Response>;
  /** How long the network may take before the kept copy answers instead. */
  readonly timeoutMs: number;
}

/** Types that could run script on this origin are served inert, as the server serves them. */
const ACTIVE_TYPE = /html|svg|xml|javascript|ecmascript/i;
const INERT = "sandbox; default-src 'none'";
const PACKAGE_HEADERS: Record<string, string> = {
  'content-security-policy': 'sandbox allow-scripts allow-forms allow-popups',
  'access-control-allow-origin': '*',
  'referrer-policy': 'no-referrer',
};
const BY_EXTENSION: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  vtt: 'text/vtt; charset=utf-8',
  woff2: 'font/woff2',
  woff: 'font/woff',
  wasm: 'application/wasm',
  txt: 'text/plain; charset=utf-8',
};

const json = (body: string, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(body, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });

const notFound = (code: string, message: string): Response =>
  json(JSON.stringify({ error: { code, message, details: {} } }), 404);

export async function answer(deps: OfflineDeps, route: ApiRoute, request: Request): Promise<Response> {
  switch (route.kind) {
    case 'blob':
      return answerBlob(deps, route, request);
    case 'package':
      return answerPackage(deps, route, request);
    case 'manifest': {
      const stored = await deps.store.getManifest(route.versionId);
      return stored ? json(stored.body, 200, { etag: `"${route.versionId}"` }) : deps.fetch(request);
    }
    case 'answer':
      return networkFirst(deps, route, request);
    case 'me':
      return peekLearner(deps, route.slug, request);
  }
}

async function heldBlob(deps: OfflineDeps, slug: string, sha256: string): Promise<StoredBlob | null> {
  const key = `${slug}/${sha256}`;
  if (deps.index.blobs.has(key)) {
    const blob = await deps.store.getBlob(sha256);
    if (blob) return blob;
  }
  const substitute = deps.index.substitutes.get(key);
  return substitute ? deps.store.getBlob(substitute) : null;
}

async function answerBlob(
  deps: OfflineDeps,
  route: Extract<ApiRoute, { kind: 'blob' }>,
  request: Request,
): Promise<Response> {
  const blob = await heldBlob(deps, route.slug, route.sha256);
  if (!blob) return deps.fetch(request);
  const headers: Record<string, string> = { etag: `"${blob.sha256}"` };
  if (ACTIVE_TYPE.test(blob.mediaType)) headers['content-security-policy'] = INERT;
  return rangedResponse(request, blob.data, blob.mediaType, headers);
}

async function answerPackage(
  deps: OfflineDeps,
  route: Extract<ApiRoute, { kind: 'package' }>,
  request: Request,
): Promise<Response> {
  const stored = await deps.store.getManifest(route.versionId);
  if (!stored) return deps.fetch(request);
  const manifest = JSON.parse(stored.body) as CourseManifest;
  const lesson = manifest.modules.flatMap((m) => m.lessons).find((l) => l.id === route.lessonId);
  // html5 lessons, and the packaged kinds that reuse the same file URLs (SCORM, H5P, cmi5).
  if (!lesson || !('files' in lesson)) return notFound('package_not_found', 'There is no such package');
  if (route.path === '') {
    if (lesson.kind !== 'html5') return notFound('package_not_found', 'There is no such package');
    const target = new URL(
      route.base + lesson.entry.split('/').map(encodeURIComponent).join('/'),
      request.url,
    );
    return Response.redirect(target.href, 302);
  }
  const path = route.path.endsWith('/') ? `${route.path}index.html` : route.path;
  const ref = Object.hasOwn(lesson.files, path) ? lesson.files[path] : undefined;
  if (!ref) return notFound('package_file_not_found', 'The package has no such file');
  const blob = await deps.store.getBlob(ref.sha256);
  if (!blob) return deps.fetch(request);
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return rangedResponse(request, blob.data, BY_EXTENSION[extension] ?? ref.mediaType, PACKAGE_HEADERS);
}

async function withTimeout(deps: OfflineDeps, request: Request): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
  try {
    return await deps.fetch(request, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

async function networkFirst(
  deps: OfflineDeps,
  route: Extract<ApiRoute, { kind: 'answer' }>,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url).pathname;
  const learner = await deps.store.getMeta(learnerMetaKey(route.slug));
  let response: Response;
  try {
    response = await withTimeout(deps, request);
  } catch {
    const kept = learner ? await deps.store.getResponse(responseKey(learner, url)) : null;
    // Like a network failure when nothing is kept: the page shows its usual "you are offline".
    return kept ? json(kept.body, 200, { 'x-satchel-offline': '1' }) : Response.error();
  }
  if (response.ok && learner) {
    try {
      await keepFresh(deps, route, url, learner, await response.clone().text());
    } catch {
      // A full disk keeps the older copy; the page still gets the network's answer.
    }
  }
  return response;
}

/** Keeps the network's answer for the learner, tied to the version on the device (not a newer one). */
async function keepFresh(
  deps: OfflineDeps,
  route: Extract<ApiRoute, { kind: 'answer' }>,
  url: string,
  learner: string,
  text: string,
): Promise<void> {
  let body = text;
  const held = route.course === null ? null : deps.index.completeVersion.get(route.owner);
  if (held && /\/courses\/[^/]+$/.test(url)) {
    const page = JSON.parse(text) as { course?: { versionId?: string } };
    if (page.course?.versionId !== held) {
      // A newer version is published: offline, the course page must describe the files the device holds.
      const manifest = await deps.store.getManifest(held);
      if (!manifest) return;
      body = JSON.stringify({ ...page, course: JSON.parse(manifest.body) as unknown });
    }
  }
  await deps.store.putResponse({
    key: responseKey(learner, url),
    slug: route.slug,
    courseKey: route.owner,
    url,
    body,
    contentType: 'application/json; charset=utf-8',
    savedAt: new Date().toISOString(),
  });
}

/** Notes who is signed in on this platform, so kept answers are that learner's (shared devices). */
async function peekLearner(deps: OfflineDeps, slug: string, request: Request): Promise<Response> {
  const response = await deps.fetch(request);
  if (response.ok) {
    try {
      const body = (await response.clone().json()) as { user?: { id?: unknown } | null };
      const id = body.user?.id;
      if (typeof id === 'string') await deps.store.putMeta(learnerMetaKey(slug), id);
    } catch {
      // Not the expected shape: nothing to note.
    }
  }
  return response;
}
