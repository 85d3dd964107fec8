import type {
  CourseDownload,
  DownloadStore,
  PartialBlob,
  StoredBlob,
  StoredManifest,
  StoredResponse,
} from './store.js';

/** A store in memory, for unit tests. `limit` (bytes of blobs and chunks) imitates a full disk. */
export class MemoryStore implements DownloadStore {
  readonly blobs = new Map<string, StoredBlob>();
  readonly partials = new Map<string, { size: number; chunks: Uint8Array[] }>();
  readonly courses = new Map<string, CourseDownload>();
  readonly manifests = new Map<string, StoredManifest>();
  readonly responses = new Map<string, StoredResponse>();
  readonly meta = new Map<string, string>();

  constructor(public limit = Number.POSITIVE_INFINITY) {}

  /** Bytes held in blobs and partial chunks. */
  used(): number {
    let total = 0;
    for (const blob of this.blobs.values()) total += blob.size;
    for (const partial of this.partials.values()) for (const chunk of partial.chunks) total += chunk.length;
    return total;
  }

  private ensureRoom(bytes: number): void {
    if (this.used() + bytes > this.limit) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
  }

  async getBlob(sha256: string) {
    return this.blobs.get(sha256) ?? null;
  }
  async hasBlob(sha256: string) {
    return this.blobs.has(sha256);
  }
  async putBlob(blob: StoredBlob) {
    const partial = this.partials.get(blob.sha256);
    const freed = partial ? partial.chunks.reduce((sum, chunk) => sum + chunk.length, 0) : 0;
    this.ensureRoom(blob.size - freed);
    this.blobs.set(blob.sha256, blob);
    this.partials.delete(blob.sha256);
  }
  async deleteBlob(sha256: string) {
    this.blobs.delete(sha256);
  }
  async blobKeys() {
    return [...this.blobs.keys()];
  }

  async getPartial(sha256: string): Promise<PartialBlob | null> {
    const partial = this.partials.get(sha256);
    if (!partial) return null;
    const received = partial.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    return { sha256, size: partial.size, received, chunks: partial.chunks.length };
  }
  async appendChunk(sha256: string, size: number, offset: number, bytes: Uint8Array) {
    const partial = this.partials.get(sha256) ?? { size, chunks: [] };
    const received = partial.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    if (received !== offset) throw new Error(`chunk at ${offset} but ${received} bytes are kept`);
    this.ensureRoom(bytes.length);
    partial.chunks.push(bytes.slice());
    this.partials.set(sha256, partial);
  }
  async readPartial(sha256: string) {
    const chunks = this.partials.get(sha256)?.chunks ?? [];
    return new Blob(chunks.map((chunk) => chunk.slice().buffer));
  }
  async clearPartial(sha256: string) {
    this.partials.delete(sha256);
  }
  async partialKeys() {
    return [...this.partials.keys()];
  }

  async getCourse(key: string) {
    return this.courses.get(key) ?? null;
  }
  async putCourse(course: CourseDownload) {
    this.courses.set(course.key, course);
  }
  async deleteCourse(key: string) {
    this.courses.delete(key);
  }
  async listCourses() {
    return [...this.courses.values()];
  }

  async getManifest(versionId: string) {
    return this.manifests.get(versionId) ?? null;
  }
  async putManifest(manifest: StoredManifest) {
    this.manifests.set(manifest.versionId, manifest);
  }
  async deleteManifest(versionId: string) {
    this.manifests.delete(versionId);
  }
  async manifestKeys() {
    return [...this.manifests.keys()];
  }

  async getResponse(key: string) {
    return this.responses.get(key) ?? null;
  }
  async putResponse(response: StoredResponse) {
    this.responses.set(response.key, response);
  }
  async deleteResponses(courseKey: string) {
    for (const [key, response] of this.responses)
      if (response.courseKey === courseKey) this.responses.delete(key);
  }

  async getMeta(key: string) {
    return this.meta.get(key) ?? null;
  }
  async putMeta(key: string, value: string) {
    this.meta.set(key, value);
  }
}
