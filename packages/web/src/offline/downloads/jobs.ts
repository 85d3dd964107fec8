import { DownloadError, defaultFetchDeps } from './fetch-blob.js';
import { downloadStore } from './idb-store.js';
import { deleteCourse, downloadCourse, downloadPath, type ManagerDeps, type Progress } from './manager.js';
import { learnerMetaKey, type DataSaver, type DownloadStore } from './store.js';

// The downloads running in this tab, one at a time, shared by every component that shows them (the
// course page, the path page, the Downloads page). Progress is kept in the store as it arrives, so a
// closed tab loses nothing: opening the course again offers to resume from the last kept byte.

export type JobStatus =
  | { readonly kind: 'queued' }
  | { readonly kind: 'running'; readonly progress: Progress | null }
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly code: DownloadError['code'] };

export type JobTarget =
  { readonly kind: 'course'; readonly courseId: string } | { readonly kind: 'path'; readonly pathId: string };

export interface JobRequest {
  readonly slug: string;
  readonly userId: string;
  readonly saver: DataSaver;
  readonly target: JobTarget;
}

export const jobKey = (slug: string, target: JobTarget): string =>
  target.kind === 'course' ? `${slug}/${target.courseId}` : `path:${slug}/${target.pathId}`;

const jobs = new Map<string, JobStatus>();
const controllers = new Map<string, AbortController>();
const listeners = new Set<() => void>();
let queue: Promise<void> = Promise.resolve();

/**
 * The download under way, kept in localStorage so that the next start of the app (a closed tab, a
 * crash, a phone that killed the browser) carries on with it: src/sw/register.ts reads this key.
 */
export const RESUME_KEY = 'satchel.downloads.resume';

function remember(request: JobRequest | null): void {
  try {
    if (request) localStorage.setItem(RESUME_KEY, JSON.stringify(request));
    else localStorage.removeItem(RESUME_KEY);
  } catch {
    // Storage refused: the learner resumes from the course page instead.
  }
}

function publish(key: string, status: JobStatus): void {
  jobs.set(key, status);
  for (const listener of listeners) listener();
}

export function jobStatus(key: string): JobStatus | null {
  return jobs.get(key) ?? null;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Tells the service worker the device's downloads changed, so it answers for them at once. */
async function notifyWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  await messageWorker(registration?.active ?? null, { type: 'downloads-changed' });
}

function messageWorker(worker: ServiceWorker | null, message: unknown, timeoutMs = 120_000): Promise<void> {
  if (!worker) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(
      () => reject(new DownloadError('network', 'the app files did not arrive')),
      timeoutMs,
    );
    channel.port1.onmessage = (event: MessageEvent<{ ok: boolean; error?: string }>) => {
      clearTimeout(timer);
      if (event.data.ok) resolve();
      else reject(new DownloadError('network', event.data.error ?? 'the app files did not arrive'));
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/** Every file of the app in the service worker's cache, so every viewer opens offline. */
async function warmApp(): Promise<void> {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const registration = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  if (!registration) return;
  const ready = await Promise.race([
    navigator.serviceWorker.ready,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
  ]);
  await messageWorker(ready?.active ?? null, { type: 'warm-app' });
}

export function managerDeps(store: DownloadStore = downloadStore()): ManagerDeps {
  return { ...defaultFetchDeps(store), warmApp };
}

/** Notes who uses the app on this platform now, so the service worker answers with their kept pages. */
export async function rememberLearner(slug: string, userId: string): Promise<void> {
  await downloadStore()
    .putMeta(learnerMetaKey(slug), userId)
    .catch(() => undefined);
}

/** Starts (or resumes) a download; resolves when it has finished or failed. */
export function startDownload(request: JobRequest): Promise<void> {
  const key = jobKey(request.slug, request.target);
  const current = jobs.get(key);
  if (current && (current.kind === 'running' || current.kind === 'queued')) return queue;
  const controller = new AbortController();
  controllers.set(key, controller);
  publish(key, { kind: 'queued' });
  const run = async (): Promise<void> => {
    if (controller.signal.aborted) return;
    publish(key, { kind: 'running', progress: null });
    remember(request);
    // Best effort: a persisted origin is not evicted when the phone runs short of space.
    await navigator.storage?.persist?.().catch(() => false);
    await rememberLearner(request.slug, request.userId);
    const deps = managerDeps();
    const common = {
      slug: request.slug,
      userId: request.userId,
      saver: request.saver,
      signal: controller.signal,
      onProgress: (progress: Progress) => publish(key, { kind: 'running', progress }),
    };
    try {
      if (request.target.kind === 'course') {
        await downloadCourse(deps, { ...common, courseId: request.target.courseId });
      } else {
        await downloadPath(deps, { ...common, pathId: request.target.pathId });
      }
      publish(key, { kind: 'done' });
      remember(null);
    } catch (error) {
      const code = error instanceof DownloadError ? error.code : 'network';
      publish(key, { kind: 'failed', code });
      // A lost connection is worth another try at the next start; a full disk or a stop is not.
      if (code !== 'network') remember(null);
    } finally {
      controllers.delete(key);
      await notifyWorker().catch(() => undefined);
    }
  };
  queue = queue.then(run, run);
  return queue;
}

export function stopDownload(key: string): void {
  controllers.get(key)?.abort();
  remember(null);
}

/** Resumes the download a previous start of the app left unfinished (see RESUME_KEY). */
export function resumeSaved(saved: string): Promise<void> {
  let request: JobRequest;
  try {
    request = JSON.parse(saved) as JobRequest;
  } catch {
    remember(null);
    return Promise.resolve();
  }
  return startDownload(request);
}

export async function removeDownload(key: string): Promise<void> {
  await deleteCourse(downloadStore(), key);
  jobs.delete(key);
  for (const listener of listeners) listener();
  await notifyWorker().catch(() => undefined);
}
