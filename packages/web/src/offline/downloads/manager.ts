import type { CourseManifest, CoursePage, PathView } from '@satchel/core';
import { DownloadError, fetchBlob, type FetchDeps } from './fetch-blob.js';
import { planCourse, type BlobPlan } from './plan.js';
import {
  collectGarbage,
  courseKey,
  isQuotaError,
  responseKey,
  type CourseDownload,
  type DataSaver,
  type DownloadedVersion,
  type DownloadStore,
} from './store.js';

// Downloading courses and learning paths: the published manifest, every file it names, and the API
// answers the course and lesson pages read, so they open with no network. A new version is fetched
// beside the old one, which stays usable until the new one is complete.

export interface ManagerDeps extends FetchDeps {
  /** Makes sure the whole app (every viewer's code) is cached for offline use; optional in tests. */
  readonly warmApp?: () => Promise<void>;
}

export interface Progress {
  readonly done: number;
  readonly total: number;
}

export interface DownloadRequest {
  readonly slug: string;
  readonly userId: string;
  readonly saver: DataSaver;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
}

export const apiPath = (slug: string, path: string): string => `/api/t/${encodeURIComponent(slug)}${path}`;
const seg = encodeURIComponent;

/** Reads JSON from the API, retrying failures of the network and the server (and garbage answers). */
export async function fetchJson<T>(
  deps: FetchDeps,
  url: string,
  signal?: AbortSignal,
): Promise<{ text: string; value: T }> {
  let problem = '';
  for (let attempt = 0; attempt < deps.attempts; attempt++) {
    if (attempt > 0) await deps.sleep(Math.min(30_000, deps.backoffMs * 2 ** (attempt - 1)));
    if (signal?.aborted) throw new DownloadError('aborted', 'The download was stopped');
    let response: Response;
    try {
      response = await deps.fetch(url, {
        headers: { accept: 'application/json' },
        signal,
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (error) {
      if (signal?.aborted) throw new DownloadError('aborted', 'The download was stopped');
      problem = error instanceof Error ? error.message : 'network error';
      continue;
    }
    if (response.status === 401) throw new DownloadError('signed-out', 'Sign in again to download');
    if (response.status === 404 || response.status === 403)
      throw new DownloadError('not-found', `${url}: ${response.status}`);
    if (!response.ok) {
      problem = `the server answered ${response.status}`;
      if (response.status >= 500 || response.status === 429 || response.status === 408) continue;
      throw new DownloadError('server', problem);
    }
    try {
      const text = await response.text();
      return { text, value: JSON.parse(text) as T };
    } catch (error) {
      problem = error instanceof Error ? error.message : 'not JSON';
    }
  }
  throw new DownloadError('network', `${url}: ${problem}`);
}

/** Bytes of `plan` the device does not hold yet (partly fetched files count what is left). */
export async function bytesNeeded(store: DownloadStore, plan: BlobPlan): Promise<number> {
  let needed = 0;
  for (const blob of plan.blobs) {
    if (await store.hasBlob(blob.sha256)) continue;
    needed += blob.size - Math.min(blob.size, (await store.getPartial(blob.sha256))?.received ?? 0);
  }
  return needed;
}

/** Bytes of these files on the device, whole or partly fetched. */
export async function heldBytes(store: DownloadStore, shas: readonly string[]): Promise<number> {
  let held = 0;
  for (const sha of shas) {
    const blob = await store.getBlob(sha);
    held += blob ? blob.size : ((await store.getPartial(sha))?.received ?? 0);
  }
  return held;
}

async function bytesHeld(store: DownloadStore, plan: BlobPlan): Promise<number> {
  return plan.bytes - (await bytesNeeded(store, plan));
}

async function guardQuota<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isQuotaError(error)) throw new DownloadError('quota', 'The device has no room left');
    throw error;
  }
}

/** Keeps an API answer for `userId`; a refusal by the server is not worth failing the download for. */
async function keepAnswer(
  deps: FetchDeps,
  request: DownloadRequest,
  path: string,
  owner: string | null,
): Promise<void> {
  const url = apiPath(request.slug, path);
  let text: string;
  try {
    text = (await fetchJson<unknown>(deps, url, request.signal)).text;
  } catch (error) {
    if (error instanceof DownloadError && error.code === 'not-found') return;
    throw error;
  }
  await guardQuota(() =>
    deps.store.putResponse({
      key: responseKey(request.userId, url),
      slug: request.slug,
      courseKey: owner,
      url,
      body: text,
      contentType: 'application/json; charset=utf-8',
      savedAt: new Date().toISOString(),
    }),
  );
}

/** Downloads the latest published version of one course (or finishes a download a closed tab left). */
export async function downloadCourse(
  deps: ManagerDeps,
  request: DownloadRequest & { readonly courseId: string; readonly pathId?: string },
  shared?: { add: (delta: number) => void },
): Promise<CourseDownload> {
  const { store } = deps;
  const { slug, courseId, signal } = request;
  const key = courseKey(slug, courseId);
  const pagePath = `/courses/${seg(courseId)}`;
  const { text: pageText, value: page } = await fetchJson<CoursePage>(deps, apiPath(slug, pagePath), signal);
  const manifest: CourseManifest = page.course;
  const plan = planCourse(manifest, request.saver);
  const existing = await store.getCourse(key);
  const target: DownloadedVersion = {
    versionId: manifest.versionId,
    version: manifest.version,
    blobs: plan.blobs.map((blob) => blob.sha256),
    bytes: plan.bytes,
    saver: request.saver,
    substitutes: plan.substitutes,
  };
  const pathIds = new Set(existing?.pathIds ?? []);
  if (request.pathId) pathIds.add(request.pathId);
  const record: CourseDownload = {
    key,
    slug,
    courseId,
    title: manifest.title,
    language: manifest.language,
    complete: existing?.complete ?? null,
    pending: target,
    pathIds: [...pathIds],
    savedAt: existing?.savedAt ?? new Date().toISOString(),
  };
  await guardQuota(async () => {
    await store.putManifest({ versionId: manifest.versionId, slug, body: JSON.stringify(manifest) });
    await store.putCourse(record);
  });

  const total = plan.bytes;
  let done = await bytesHeld(store, plan);
  const report = (delta: number): void => {
    done += delta;
    shared?.add(delta);
    request.onProgress?.({ done: Math.max(0, Math.min(done, total)), total });
  };
  report(0);
  for (const blob of plan.blobs) {
    await fetchBlob(deps, apiPath(slug, `/blobs/${blob.sha256}`), blob, { signal, onBytes: report });
  }

  // The pages' own requests, kept for this learner: the course page, progress and each quiz's attempts.
  await guardQuota(() =>
    store.putResponse({
      key: responseKey(request.userId, apiPath(slug, pagePath)),
      slug,
      courseKey: key,
      url: apiPath(slug, pagePath),
      body: pageText,
      contentType: 'application/json; charset=utf-8',
      savedAt: new Date().toISOString(),
    }),
  );
  await keepAnswer(deps, request, `/me/progress/${seg(courseId)}`, key);
  for (const lesson of manifest.modules.flatMap((module) => module.lessons)) {
    if (lesson.kind === 'quiz') {
      await keepAnswer(deps, request, `${pagePath}/lessons/${seg(lesson.id)}/attempts`, key);
    }
  }
  if (deps.warmApp) await deps.warmApp();

  const finished: CourseDownload = {
    ...record,
    complete: target,
    pending: null,
    savedAt: new Date().toISOString(),
  };
  await guardQuota(() => store.putCourse(finished));
  await collectGarbage(store);
  return finished;
}

export interface PathPlan {
  readonly path: PathView;
  readonly courses: readonly { readonly courseId: string; readonly title: string; readonly plan: BlobPlan }[];
  readonly bytes: number;
  readonly needed: number;
}

/** The size of a learning path's download before it starts: every course's manifest, fetched now. */
export async function planPath(
  deps: FetchDeps,
  slug: string,
  pathId: string,
  saver: DataSaver,
  signal?: AbortSignal,
): Promise<PathPlan> {
  const { value: path } = await fetchJson<PathView>(deps, apiPath(slug, `/paths/${seg(pathId)}`), signal);
  const courses = [];
  const seen = new Map<string, BlobPlan['blobs'][number]>();
  for (const course of path.courses) {
    const { value: page } = await fetchJson<CoursePage>(
      deps,
      apiPath(slug, `/courses/${seg(course.courseId)}`),
      signal,
    );
    const plan = planCourse(page.course, saver);
    for (const blob of plan.blobs) seen.set(blob.sha256, blob);
    courses.push({ courseId: course.courseId, title: page.course.title, plan });
  }
  const union = planCourse({ modules: [], coverImage: null }, saver);
  const combined: BlobPlan = {
    ...union,
    blobs: [...seen.values()],
    bytes: [...seen.values()].reduce((sum, blob) => sum + blob.size, 0),
  };
  return { path, courses, bytes: combined.bytes, needed: await bytesNeeded(deps.store, combined) };
}

/** Downloads every course of a path, and the path's page, with one progress for the whole. */
export async function downloadPath(
  deps: ManagerDeps,
  request: DownloadRequest & { readonly pathId: string },
): Promise<void> {
  const plan = await planPath(deps, request.slug, request.pathId, request.saver, request.signal);
  const total = plan.bytes;
  let done = total - plan.needed;
  const shared = {
    add: (delta: number) => {
      done += delta;
      request.onProgress?.({ done: Math.max(0, Math.min(done, total)), total });
    },
  };
  shared.add(0);
  for (const course of plan.courses) {
    await downloadCourse(
      deps,
      { ...request, courseId: course.courseId, pathId: request.pathId, onProgress: undefined },
      shared,
    );
  }
  await keepAnswer(deps, request, `/paths/${seg(request.pathId)}`, `path:${request.slug}/${request.pathId}`);
}

/** Removes a course from the device; files another course still uses stay. */
export async function deleteCourse(store: DownloadStore, key: string): Promise<void> {
  await store.deleteCourse(key);
  await store.deleteResponses(key);
  await collectGarbage(store);
}
