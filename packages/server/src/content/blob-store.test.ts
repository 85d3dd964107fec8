import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { TenantsRepo } from '../tenants/tenants.repo.js';
import { TenantService } from '../tenants/tenants.service.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { BlobStore } from './blob-store.js';
import { BlobsRepo } from './blobs.repo.js';

const sha = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** A stream of `total` bytes in 64 KB chunks, produced lazily; `sent()` says how many were pulled. */
function streamOf(total: number, fill = 7): Readable & { sent(): number } {
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const n = Math.min(64 * 1024, total - sent);
      sent += n;
      this.push(Buffer.alloc(n, fill));
    },
  });
  return Object.assign(stream, { sent: () => sent });
}

/** Every file under the blob folder except staging, as relative paths. */
function storedFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && !entry.parentPath.includes('.staging')) out.push(entry.name);
  }
  return out;
}

const stagingFiles = (dir: string): string[] => readdirSync(join(dir, '.staging'));

describe.each(await engines())('the blob store on %s', (engine) => {
  let db: TestDb;
  let dir: string;
  let store: BlobStore;
  let tenants: TenantService;
  let tenantA: string;
  let tenantB: string;

  beforeEach(async () => {
    db = await openTestDb(engine);
    dir = mkdtempSync(join(tmpdir(), 'satchel-blobs-'));
    const clock = new ManualClock();
    tenants = new TenantService(new TenantsRepo(db.db), clock);
    tenantA = (await tenants.create({ slug: 'alpha', name: 'Alpha' })).id;
    tenantB = (await tenants.create({ slug: 'beta', name: 'Beta' })).id;
    store = new BlobStore(dir, new BlobsRepo(db.db, engine), clock);
  });
  afterEach(async () => {
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores bytes under their SHA-256, in ab/cd/<sha256>, with a row for the tenant', async () => {
    const ref = await store.putBuffer(tenantA, Buffer.from('hello, satchel'), 'text/plain');
    expect(ref).toEqual({ sha256: sha('hello, satchel'), size: 14, mediaType: 'text/plain' });
    const path = store.filePath(ref.sha256);
    expect(path).toBe(join(dir, ref.sha256.slice(0, 2), ref.sha256.slice(2, 4), ref.sha256));
    expect(readFileSync(path, 'utf8')).toBe('hello, satchel');
    expect(await store.has(tenantA, ref.sha256)).toBe(true);
    expect(await store.stat(tenantA, ref.sha256)).toEqual(ref);
    expect(stagingFiles(dir)).toEqual([]);
  });

  it('stores the same bytes once on disk but counts them in each tenant’s quota', async () => {
    const data = Buffer.alloc(10_000, 1);
    await store.putBuffer(tenantA, data, 'application/octet-stream');
    await store.putBuffer(tenantA, data, 'application/octet-stream');
    await store.putBuffer(tenantB, data, 'application/octet-stream');
    expect(storedFiles(dir)).toEqual([sha(data)]);
    expect((await tenants.settings(tenantA)).storageUsedBytes).toBe(10_000);
    expect((await tenants.settings(tenantB)).storageUsedBytes).toBe(10_000);
    expect(await store.has(tenantB, sha(data))).toBe(true);
  });

  it('keeps tenants apart: one tenant does not have another’s blob', async () => {
    const ref = await store.putBuffer(tenantA, Buffer.from('private to alpha'), 'text/plain');
    expect(await store.has(tenantB, ref.sha256)).toBe(false);
    expect(await store.stat(tenantB, ref.sha256)).toBeNull();
    await expect(store.forReader(tenantB, true, ref.sha256)).rejects.toMatchObject({
      status: 404,
      code: 'blob_not_found',
    });
  });

  it('aborts an upload over the byte limit while it streams, leaving no file behind', async () => {
    await tenants.update(tenantA, { uploadLimitBytes: 1024 * 1024 }, true);
    const source = streamOf(50 * 1024 * 1024);
    await expect(store.putStream(tenantA, source, { mediaType: 'video/mp4' })).rejects.toMatchObject({
      status: 413,
      code: 'payload_too_large',
      details: { rule: 'upload_limit', limit: 1024 * 1024 },
    });
    // Stopped early: little more than the 1 MB limit was pulled from the 50 MB source.
    expect(source.sent()).toBeLessThan(2 * 1024 * 1024);
    expect(stagingFiles(dir)).toEqual([]);
    expect(storedFiles(dir)).toEqual([]);
    expect((await tenants.settings(tenantA)).storageUsedBytes).toBe(0);
  });

  it('refuses a declared size over the limit before reading a byte', async () => {
    const source = streamOf(10);
    await expect(
      store.putStream(tenantA, source, { mediaType: 'video/mp4', maxBytes: 5, declaredBytes: 10 }),
    ).rejects.toMatchObject({
      status: 413,
      details: { rule: 'max_bytes', limit: 5, used: 10 },
    });
    expect(source.readableDidRead).toBe(false);
  });

  it('enforces the tenant’s storage limit, charging only blobs it does not have yet', async () => {
    await tenants.update(tenantA, { storageLimitBytes: 25_000 }, true);
    await store.putBuffer(tenantA, Buffer.alloc(20_000, 1), 'application/octet-stream');
    await expect(
      store.putBuffer(tenantA, Buffer.alloc(6_000, 2), 'application/octet-stream'),
    ).rejects.toMatchObject({
      status: 413,
      details: { rule: 'storage_quota', limit: 25_000, used: 20_000 },
    });
    // A blob already owned is free; another tenant's storage is its own.
    await store.putBuffer(tenantA, Buffer.alloc(20_000, 1), 'application/octet-stream');
    await store.putBuffer(tenantA, Buffer.alloc(5_000, 3), 'application/octet-stream');
    await store.putBuffer(tenantB, Buffer.alloc(6_000, 2), 'application/octet-stream');
    expect((await tenants.settings(tenantA)).storageUsedBytes).toBe(25_000);
    expect(stagingFiles(dir)).toEqual([]);
  });

  it('takes concurrent uploads of the same content without a torn file or a second copy', async () => {
    const size = 3 * 1024 * 1024 + 17;
    const refs = await Promise.all(
      [tenantA, tenantA, tenantB, tenantA, tenantB].map((t) =>
        store.putStream(t, streamOf(size, 9), { mediaType: 'video/mp4' }),
      ),
    );
    const expected = sha(Buffer.alloc(size, 9));
    expect(new Set(refs.map((r) => r.sha256))).toEqual(new Set([expected]));
    expect(storedFiles(dir)).toEqual([expected]);
    expect(readFileSync(store.filePath(expected)).equals(Buffer.alloc(size, 9))).toBe(true);
    expect(stagingFiles(dir)).toEqual([]);
    expect((await tenants.settings(tenantA)).storageUsedBytes).toBe(size);
    expect((await tenants.settings(tenantB)).storageUsedBytes).toBe(size);
  });

  it('refuses an upload whose first bytes fail the check, and keeps nothing', async () => {
    const check = {
      bytes: 4,
      check(head: Buffer) {
        if (head.toString() !== '%PDF') throw new Error('not a pdf');
      },
    };
    await expect(
      store.putStream(tenantA, streamOf(200_000), { mediaType: 'application/pdf', head: check }),
    ).rejects.toThrow('not a pdf');
    const ok = await store.putStream(tenantA, Readable.from([Buffer.from('%P'), Buffer.from('DF-1.4 …')]), {
      mediaType: 'application/pdf',
      head: check,
    });
    expect(ok.size).toBe(Buffer.byteLength('%PDF-1.4 …'));
    expect(stagingFiles(dir)).toEqual([]);
  });

  it('serves a range of a stored file from disk', async () => {
    const ref = await store.putBuffer(tenantA, Buffer.from('0123456789'), 'text/plain');
    const chunks: Buffer[] = [];
    for await (const chunk of store.openRange(ref.sha256, { start: 3, end: 6 })) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('3456');
  });

  it('clears stale staging files when it starts, and keeps fresh ones (another replica may be writing)', () => {
    const stale = join(dir, '.staging', 'old.part');
    const fresh = join(dir, '.staging', 'new.part');
    writeFileSync(stale, 'x');
    writeFileSync(fresh, 'y');
    const longAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(stale, longAgo, longAgo);
    new BlobStore(dir, new BlobsRepo(db.db, engine), new ManualClock());
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});
