import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, rmSync, statSync, type ReadStream } from 'node:fs';
import { access, mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { BlobRef } from '@satchel/core';
import { notFound, tooLarge, unauthenticated, type AppError } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import type { BlobRow, BlobsRepo } from './blobs.repo.js';

// Content-addressed storage: the bytes live once on disk at <blobDir>/ab/cd/<sha256>,
// and each tenant that uploaded them has a `blobs` row counting them in its quota.
// A file reaches its final name only complete and fsynced (stream → temp file in
// <blobDir>/.staging on the same filesystem → fsync → atomic rename), so a crash or
// power cut leaves at worst a stale temp file, never a torn blob.

/** Looks at the first bytes while they stream in; throwing aborts the upload. */
export interface HeadCheck {
  bytes: number;
  check(head: Buffer): void;
}

export interface StageOptions {
  /** A cap stricter than the tenant's upload limit (captions, for instance). */
  maxBytes?: number;
  /** The client's Content-Length: too large is refused before a byte is read. */
  declaredBytes?: number;
  head?: HeadCheck;
}

export interface PutOptions {
  mediaType: string;
  maxBytes?: number;
  declaredBytes?: number;
  head?: HeadCheck;
}

/** An upload written and hashed, waiting to be committed (or discarded). */
export interface StagedFile {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

interface Cap {
  bytes: number;
  error(received: number): AppError;
}

const SHA256 = /^[0-9a-f]{64}$/;
const STALE_STAGING_MS = 60 * 60 * 1000;

export class BlobStore {
  private readonly stagingDir: string;

  constructor(
    private readonly dir: string,
    private readonly repo: BlobsRepo,
    private readonly clock: Clock,
    options: { staleStagingMs?: number } = {},
  ) {
    this.stagingDir = join(dir, '.staging');
    mkdirSync(this.stagingDir, { recursive: true });
    this.removeStaleStaging(options.staleStagingMs ?? STALE_STAGING_MS);
  }

  filePath(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async putStream(tenantId: string, readable: Readable, options: PutOptions): Promise<BlobRef> {
    const { mediaType, ...stage } = options;
    const file = await this.stage(tenantId, readable, stage);
    const [ref] = await this.commit(tenantId, [{ file, mediaType }]);
    return ref as BlobRef;
  }

  async putBuffer(tenantId: string, buffer: Uint8Array, mediaType: string): Promise<BlobRef> {
    return this.putStream(tenantId, Readable.from([buffer]), { mediaType, declaredBytes: buffer.length });
  }

  async has(tenantId: string, sha256: string): Promise<boolean> {
    return (await this.repo.find(tenantId, sha256)) !== undefined;
  }

  /** The tenant's record of a blob, or null when the tenant never stored it. */
  async stat(tenantId: string, sha256: string): Promise<BlobRef | null> {
    const row = await this.repo.find(tenantId, sha256);
    return row ? toRef(row) : null;
  }

  /** Which of these blobs the tenant lacks. */
  async missing(tenantId: string, sha256s: readonly string[]): Promise<string[]> {
    const unique = [...new Set(sha256s)];
    const present = new Set((await this.repo.findMany(tenantId, unique)).map((r) => r.sha256));
    return unique.filter((s) => !present.has(s));
  }

  /** Bytes `start`..`end` (inclusive) of a stored file, or all of it. */
  openRange(sha256: string, range?: { start: number; end: number }): ReadStream {
    return createReadStream(this.filePath(sha256), range ? { start: range.start, end: range.end } : {});
  }

  /**
   * A blob as a reader may see it. Signed-in members read every blob of their tenant;
   * anyone reads the public ones (logo, catalog covers). Never another tenant's blob,
   * even when its hash is known.
   */
  async forReader(
    tenantId: string,
    signedIn: boolean,
    sha256: string,
  ): Promise<{ ref: BlobRef; isPublic: boolean }> {
    // Members are not asked the (costlier) public question: their copy is cached privately.
    const isPublic = !signedIn && (await this.repo.isPublic(tenantId, sha256));
    if (!signedIn && !isPublic) throw unauthenticated();
    const ref = await this.stat(tenantId, sha256);
    if (!ref) throw notFound('blob_not_found', 'This platform has no such file', { sha256 });
    return { ref, isPublic };
  }

  /**
   * Streams `readable` to a temp file, hashing it and enforcing the upload caps as bytes
   * arrive. Storage quota is checked at commit, once the hash tells whether the tenant
   * already has these bytes (a re-upload of an owned file costs nothing).
   */
  async stage(tenantId: string, readable: Readable, options: StageOptions = {}): Promise<StagedFile> {
    const cap = await this.cap(tenantId, options);
    if (options.declaredBytes !== undefined && options.declaredBytes > cap.bytes)
      throw cap.error(options.declaredBytes);
    return this.write(readable, cap, options.head);
  }

  /** Stages bytes whose size the caller has already vetted (a zip entry within its declared size). */
  async stageWithin(readable: Readable, maxBytes: number): Promise<StagedFile> {
    return this.write(readable, {
      bytes: maxBytes,
      error: (received) =>
        tooLarge(`This file may be at most ${maxBytes} bytes`, {
          rule: 'max_bytes',
          limit: maxBytes,
          used: received,
        }),
    });
  }

  private async write(readable: Readable, cap: Cap, headCheck?: HeadCheck): Promise<StagedFile> {
    const path = join(this.stagingDir, `${randomUUID()}.part`);
    const file = await open(path, 'wx');
    const hash = createHash('sha256');
    const head = headCheck ? { check: headCheck, chunks: [] as Buffer[], length: 0, done: false } : null;
    let size = 0;
    try {
      // The caller owns the stream: on failure it is left unread, so an HTTP route can
      // drain it and still answer (destroying a request would reset the connection).
      for await (const chunk of readable.iterator({ destroyOnReturn: false }) as AsyncIterable<unknown>) {
        const buffer = toBuffer(chunk);
        size += buffer.length;
        if (size > cap.bytes) throw cap.error(size);
        if (head && !head.done) {
          head.chunks.push(buffer);
          head.length += buffer.length;
          if (head.length >= head.check.bytes) {
            head.done = true;
            head.check.check(Buffer.concat(head.chunks).subarray(0, head.check.bytes));
          }
        }
        hash.update(buffer);
        await writeAll(file, buffer);
      }
      if (head && !head.done) head.check.check(Buffer.concat(head.chunks));
      await file.sync();
    } catch (err) {
      await file.close().catch(() => undefined);
      await rm(path, { force: true });
      throw err;
    }
    await file.close();
    return { path, sha256: hash.digest('hex'), size };
  }

  /**
   * Moves staged files into place and records them for the tenant, which is charged
   * once per distinct blob it did not have yet. The staged files are consumed either way.
   *
   * Files are placed before the short locking transaction that checks the quota and
   * writes the rows, so a large package never holds the database while it renames.
   * A file placed for an upload that then loses a quota race stays on disk unrecorded
   * (harmless; deleting it could race another tenant committing the same bytes).
   */
  async commit(
    tenantId: string,
    items: readonly { file: StagedFile; mediaType: string }[],
  ): Promise<BlobRef[]> {
    const unique = new Map<string, { file: StagedFile; mediaType: string }>();
    for (const item of items) if (!unique.has(item.file.sha256)) unique.set(item.file.sha256, item);
    try {
      await this.chargeable(this.repo, tenantId, unique, false);
      const touched = new Set<string>();
      // Owned blobs are placed too: that heals a row whose file went missing.
      for (const { file } of unique.values())
        if (await this.place(file)) touched.add(dirname(this.filePath(file.sha256)));
      await syncDirectories(touched);
      await this.repo.transaction(async (tx) => {
        const fresh = await this.chargeable(tx, tenantId, unique, true);
        const now = this.clock.now().toISOString();
        await tx.insertMany(
          fresh.map((i) => ({
            tenant_id: tenantId,
            sha256: i.file.sha256,
            size: i.file.size,
            media_type: i.mediaType,
            created_at: now,
          })),
        );
      });
    } finally {
      await this.discard(items.map((i) => i.file));
    }
    return items.map((i) => ({ sha256: i.file.sha256, size: i.file.size, mediaType: i.mediaType }));
  }

  async discard(files: readonly StagedFile[]): Promise<void> {
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
  }

  /** The blobs the tenant would be charged for; throws when they do not fit its storage limit. */
  private async chargeable<T extends { file: StagedFile }>(
    repo: BlobsRepo,
    tenantId: string,
    unique: Map<string, T>,
    lock: boolean,
  ): Promise<T[]> {
    const limits = await repo.limits(tenantId, lock);
    if (!limits) throw notFound('tenant_not_found', 'This platform does not exist');
    const owned = new Set((await repo.findMany(tenantId, [...unique.keys()])).map((r) => r.sha256));
    const fresh = [...unique.values()].filter((i) => !owned.has(i.file.sha256));
    const added = fresh.reduce((sum, i) => sum + i.file.size, 0);
    if (added > 0) {
      const used = await repo.used(tenantId);
      if (used + added > limits.storageLimitBytes) throw storageFull(limits.storageLimitBytes, used);
    }
    return fresh;
  }

  /** Renames a staged file to its content address; false when those bytes were already there. */
  private async place(file: StagedFile): Promise<boolean> {
    const target = this.filePath(file.sha256);
    if (await exists(target)) return false; // de-duplication
    await mkdir(dirname(target), { recursive: true });
    await rename(file.path, target);
    return true;
  }

  private async cap(tenantId: string, options: StageOptions): Promise<Cap> {
    const limits = await this.repo.limits(tenantId, false);
    if (!limits) throw notFound('tenant_not_found', 'This platform does not exist');
    const upload = limits.uploadLimitBytes;
    const caps: Cap[] = [
      {
        bytes: upload,
        error: (received) =>
          tooLarge(`Files larger than ${upload} bytes cannot be uploaded to this platform`, {
            rule: 'upload_limit',
            limit: upload,
            used: received,
          }),
      },
    ];
    const { maxBytes } = options;
    if (maxBytes !== undefined) {
      caps.push({
        bytes: maxBytes,
        error: (received) =>
          tooLarge(`This file may be at most ${maxBytes} bytes`, {
            rule: 'max_bytes',
            limit: maxBytes,
            used: received,
          }),
      });
    }
    return caps.reduce((a, b) => (b.bytes < a.bytes ? b : a));
  }

  private removeStaleStaging(staleMs: number): void {
    // File times are wall-clock times, so they are compared with the wall clock.
    const cutoff = Date.now() - staleMs;
    for (const name of readdirSync(this.stagingDir)) {
      const path = join(this.stagingDir, name);
      try {
        if (statSync(path).mtimeMs <= cutoff) rmSync(path, { force: true, recursive: true });
      } catch {
        // Another replica removed it first.
      }
    }
  }
}

function storageFull(limit: number, used: number): AppError {
  return tooLarge(`This platform's storage is full (${used} of ${limit} bytes used)`, {
    rule: 'storage_quota',
    limit,
    used,
  });
}

function toRef(row: BlobRow): BlobRef {
  return { sha256: row.sha256, size: Number(row.size), mediaType: row.media_type };
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk);
  throw new TypeError('a blob stream must carry bytes');
}

async function writeAll(file: FileHandle, buffer: Buffer): Promise<void> {
  for (let offset = 0; offset < buffer.length;) {
    const { bytesWritten } = await file.write(buffer, offset, buffer.length - offset);
    offset += bytesWritten;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Makes the renames durable; some platforms cannot fsync a directory, and that is all right. */
async function syncDirectories(dirs: ReadonlySet<string>): Promise<void> {
  const all = [...dirs];
  // A few at a time: concurrent fsyncs share journal commits without flooding the disk queue.
  for (let i = 0; i < all.length; i += 16) await Promise.all(all.slice(i, i + 16).map(syncDirectory));
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows: EPERM/EISDIR.
  }
}
