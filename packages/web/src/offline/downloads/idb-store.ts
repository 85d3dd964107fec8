import { openDatabase, requestResult, transact } from '../idb.js';
import type {
  CourseDownload,
  DownloadStore,
  PartialBlob,
  StoredBlob,
  StoredManifest,
  StoredResponse,
} from './store.js';

// The device's download store in IndexedDB, opened by the pages and by the service worker alike.
// Blobs are kept as Blob values (browsers keep those as files, not in memory); a partial file is its
// chunks under [sha256, index] plus one row with the next offset, written in the same transaction.

const NAME = 'satchel-downloads';
const VERSION = 1;
const S = {
  blobs: 'blobs',
  partials: 'partials',
  chunks: 'chunks',
  courses: 'courses',
  manifests: 'manifests',
  responses: 'responses',
  meta: 'meta',
} as const;

function upgrade(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore(S.blobs, { keyPath: 'sha256' });
    db.createObjectStore(S.partials, { keyPath: 'sha256' });
    db.createObjectStore(S.chunks, { keyPath: ['sha256', 'index'] });
    db.createObjectStore(S.courses, { keyPath: 'key' });
    db.createObjectStore(S.manifests, { keyPath: 'versionId' });
    db.createObjectStore(S.responses, { keyPath: 'key' }).createIndex('courseKey', 'courseKey');
    db.createObjectStore(S.meta, { keyPath: 'key' });
  }
}

interface ChunkRow {
  readonly sha256: string;
  readonly index: number;
  readonly data: Blob;
}

const chunkRange = (sha256: string): IDBKeyRange =>
  IDBKeyRange.bound([sha256, 0], [sha256, Number.MAX_SAFE_INTEGER]);

export class IdbDownloadStore implements DownloadStore {
  private opening: Promise<IDBDatabase> | null = null;

  private db(): Promise<IDBDatabase> {
    this.opening ??= openDatabase(NAME, VERSION, upgrade).catch((error: unknown) => {
      this.opening = null;
      throw error;
    });
    return this.opening;
  }

  private async read<T>(store: string, key: IDBValidKey): Promise<T | null> {
    const db = await this.db();
    return transact(db, store, 'readonly', async (tx) => {
      const value = (await requestResult(tx.objectStore(store).get(key))) as T | undefined;
      return value ?? null;
    });
  }

  private async write(store: string, value: unknown): Promise<void> {
    const db = await this.db();
    await transact(db, store, 'readwrite', async (tx) => {
      await requestResult(tx.objectStore(store).put(value));
    });
  }

  private async remove(store: string, key: IDBValidKey): Promise<void> {
    const db = await this.db();
    await transact(db, store, 'readwrite', async (tx) => {
      await requestResult(tx.objectStore(store).delete(key));
    });
  }

  private async keys(store: string): Promise<string[]> {
    const db = await this.db();
    return transact(db, store, 'readonly', async (tx) =>
      (await requestResult(tx.objectStore(store).getAllKeys())).map(String),
    );
  }

  getBlob(sha256: string) {
    return this.read<StoredBlob>(S.blobs, sha256);
  }
  async hasBlob(sha256: string) {
    const db = await this.db();
    return transact(db, S.blobs, 'readonly', async (tx) => {
      return (await requestResult(tx.objectStore(S.blobs).count(sha256))) > 0;
    });
  }
  async putBlob(blob: StoredBlob) {
    const db = await this.db();
    await transact(db, [S.blobs, S.partials, S.chunks], 'readwrite', async (tx) => {
      await requestResult(tx.objectStore(S.blobs).put(blob));
      await requestResult(tx.objectStore(S.partials).delete(blob.sha256));
      await requestResult(tx.objectStore(S.chunks).delete(chunkRange(blob.sha256)));
    });
  }
  deleteBlob(sha256: string) {
    return this.remove(S.blobs, sha256);
  }
  blobKeys() {
    return this.keys(S.blobs);
  }

  getPartial(sha256: string) {
    return this.read<PartialBlob>(S.partials, sha256);
  }
  async appendChunk(sha256: string, size: number, offset: number, bytes: Uint8Array) {
    const db = await this.db();
    await transact(db, [S.partials, S.chunks], 'readwrite', async (tx) => {
      const partials = tx.objectStore(S.partials);
      const current = (await requestResult(partials.get(sha256))) as PartialBlob | undefined;
      const received = current?.received ?? 0;
      if (received !== offset) throw new Error(`chunk at ${offset} but ${received} bytes are kept`);
      const index = current?.chunks ?? 0;
      const row: ChunkRow = { sha256, index, data: new Blob([bytes.slice().buffer]) };
      await requestResult(tx.objectStore(S.chunks).put(row));
      const next: PartialBlob = { sha256, size, received: received + bytes.length, chunks: index + 1 };
      await requestResult(partials.put(next));
    });
  }
  async readPartial(sha256: string) {
    const db = await this.db();
    const rows = await transact(db, S.chunks, 'readonly', async (tx) => {
      return (await requestResult(tx.objectStore(S.chunks).getAll(chunkRange(sha256)))) as ChunkRow[];
    });
    rows.sort((a, b) => a.index - b.index);
    return new Blob(rows.map((row) => row.data));
  }
  async clearPartial(sha256: string) {
    const db = await this.db();
    await transact(db, [S.partials, S.chunks], 'readwrite', async (tx) => {
      await requestResult(tx.objectStore(S.partials).delete(sha256));
      await requestResult(tx.objectStore(S.chunks).delete(chunkRange(sha256)));
    });
  }
  partialKeys() {
    return this.keys(S.partials);
  }

  getCourse(key: string) {
    return this.read<CourseDownload>(S.courses, key);
  }
  putCourse(course: CourseDownload) {
    return this.write(S.courses, course);
  }
  deleteCourse(key: string) {
    return this.remove(S.courses, key);
  }
  async listCourses() {
    const db = await this.db();
    return transact(db, S.courses, 'readonly', async (tx) => {
      return (await requestResult(tx.objectStore(S.courses).getAll())) as CourseDownload[];
    });
  }

  getManifest(versionId: string) {
    return this.read<StoredManifest>(S.manifests, versionId);
  }
  putManifest(manifest: StoredManifest) {
    return this.write(S.manifests, manifest);
  }
  deleteManifest(versionId: string) {
    return this.remove(S.manifests, versionId);
  }
  manifestKeys() {
    return this.keys(S.manifests);
  }

  getResponse(key: string) {
    return this.read<StoredResponse>(S.responses, key);
  }
  putResponse(response: StoredResponse) {
    return this.write(S.responses, response);
  }
  async deleteResponses(courseKey: string) {
    const db = await this.db();
    await transact(db, S.responses, 'readwrite', async (tx) => {
      const store = tx.objectStore(S.responses);
      const keys = await requestResult(store.index('courseKey').getAllKeys(courseKey));
      for (const key of keys) await requestResult(store.delete(key));
    });
  }

  async getMeta(key: string) {
    return (await this.read<{ key: string; value: string }>(S.meta, key))?.value ?? null;
  }
  putMeta(key: string, value: string) {
    return this.write(S.meta, { key, value });
  }
}

let shared: IdbDownloadStore | null = null;
/** The one store of this page or worker. */
export function downloadStore(): IdbDownloadStore {
  shared ??= new IdbDownloadStore();
  return shared;
}
