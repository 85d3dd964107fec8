// What the device keeps for offline use, behind one interface: IndexedDB in the browser and the service
// worker (idb-store.ts), memory in unit tests (memory-store.ts). Blobs are device-wide and keyed by
// SHA-256, so two learners (or two courses) sharing a file store it once.

/** How much video a download takes. */
export type DataSaver = 'full' | 'small-video' | 'no-video';

/** A file kept whole, checked against its SHA-256. */
export interface StoredBlob {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  readonly data: Blob;
}

/** A file being fetched: the bytes received so far are kept as chunks, `received` is the next offset. */
export interface PartialBlob {
  readonly sha256: string;
  readonly size: number;
  readonly received: number;
  readonly chunks: number;
}

/** One downloaded (or downloading) version of a course. */
export interface DownloadedVersion {
  readonly versionId: string;
  readonly version: number;
  /** Every blob this version needs on the device, by SHA-256. */
  readonly blobs: readonly string[];
  readonly bytes: number;
  readonly saver: DataSaver;
  /** A video file the device does not hold → the one it holds instead (a smaller rendition). */
  readonly substitutes: Readonly<Record<string, string>>;
}

/** A course on this device. `complete` opens offline; `pending` is being fetched (first time or an update). */
export interface CourseDownload {
  /** `<tenant slug>/<course id>`. */
  readonly key: string;
  readonly slug: string;
  readonly courseId: string;
  readonly title: string;
  readonly language: string;
  readonly complete: DownloadedVersion | null;
  readonly pending: DownloadedVersion | null;
  /** Learning paths this course was downloaded with, so the path page opens offline too. */
  readonly pathIds: readonly string[];
  readonly savedAt: string;
}

/** An API answer kept for offline reading, per learner (a course page shows the learner's enrolment). */
export interface StoredResponse {
  /** `<user id>|<url path>`. */
  readonly key: string;
  readonly slug: string;
  /** The course it belongs to (deleted with it); null for a path's page. */
  readonly courseKey: string | null;
  readonly url: string;
  readonly body: string;
  readonly contentType: string;
  readonly savedAt: string;
}

export interface StoredManifest {
  readonly versionId: string;
  readonly slug: string;
  readonly body: string;
}

export interface DownloadStore {
  getBlob(sha256: string): Promise<StoredBlob | null>;
  hasBlob(sha256: string): Promise<boolean>;
  /** Keeps a whole, checked file and drops its partial chunks in the same step. */
  putBlob(blob: StoredBlob): Promise<void>;
  deleteBlob(sha256: string): Promise<void>;
  blobKeys(): Promise<string[]>;

  getPartial(sha256: string): Promise<PartialBlob | null>;
  /** Appends bytes at `offset` (which must equal `received`); the chunk and the new offset commit together. */
  appendChunk(sha256: string, size: number, offset: number, bytes: Uint8Array): Promise<void>;
  /** The bytes received so far, in order. */
  readPartial(sha256: string): Promise<Blob>;
  clearPartial(sha256: string): Promise<void>;
  partialKeys(): Promise<string[]>;

  getCourse(key: string): Promise<CourseDownload | null>;
  putCourse(course: CourseDownload): Promise<void>;
  deleteCourse(key: string): Promise<void>;
  listCourses(): Promise<CourseDownload[]>;

  getManifest(versionId: string): Promise<StoredManifest | null>;
  putManifest(manifest: StoredManifest): Promise<void>;
  deleteManifest(versionId: string): Promise<void>;
  manifestKeys(): Promise<string[]>;

  getResponse(key: string): Promise<StoredResponse | null>;
  putResponse(response: StoredResponse): Promise<void>;
  /** Drops the kept answers of one course (`courseKey`), e.g. when it is deleted. */
  deleteResponses(courseKey: string): Promise<void>;

  /** Small values: the learner signed in on each platform, so the service worker answers for them. */
  getMeta(key: string): Promise<string | null>;
  putMeta(key: string, value: string): Promise<void>;
}

export const courseKey = (slug: string, courseId: string): string => `${slug}/${courseId}`;
export const responseKey = (userId: string, url: string): string => `${userId}|${url}`;
export const learnerMetaKey = (slug: string): string => `learner:${slug}`;

/** True for the error a browser raises when storage is full or the quota refuses more. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/**
 * Removes blobs, partial files and manifests no course on the device needs any more. A version being
 * replaced stays until its successor is complete, so an update never leaves a course half-usable.
 */
export async function collectGarbage(store: DownloadStore): Promise<void> {
  const courses = await store.listCourses();
  const blobs = new Set<string>();
  const versions = new Set<string>();
  for (const course of courses) {
    for (const version of [course.complete, course.pending]) {
      if (!version) continue;
      versions.add(version.versionId);
      for (const sha of version.blobs) blobs.add(sha);
    }
  }
  for (const sha of await store.blobKeys()) if (!blobs.has(sha)) await store.deleteBlob(sha);
  for (const sha of await store.partialKeys()) if (!blobs.has(sha)) await store.clearPartial(sha);
  for (const id of await store.manifestKeys()) if (!versions.has(id)) await store.deleteManifest(id);
}
