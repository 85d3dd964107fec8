import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobRef } from '@satchel/core';
import type { BlobStore } from '../content/blob-store.js';
import { AppError } from '../http/errors.js';
import { fetchBlob, MirrorFetchError, partSize } from './blob-fetch.js';
import { assertDiskSpace, statfsProbe, type FreeSpaceProbe } from './disk-space.js';
import { INSTANCE_HEADER, MirrorIndex, type MirrorCourse, type MirrorFilter } from './mirror.schema.js';
import type { MirrorService } from './mirror.service.js';
import { TokenBucket, type Sleep } from './token-bucket.js';
import { HUB_HEADER } from '../sync/sync.service.js';

// A hub copying its upstream's published catalog (or part of it):
//   1. ask the upstream's index for the filter; keep the versions this hub lacks;
//   2. work out the files it lacks, check the disk has room for them (minus what
//      partial downloads already hold), and drop partial files nobody wants any more;
//   3. fetch the files, a few at a time, resumable, rate-limited, each verified and
//      committed to the blob store as soon as it is complete;
//   4. record each course version whose files are all here (files before manifests,
//      so a learner never opens a course whose files are missing).
// Interrupted, it leaves complete files committed and partial ones in
// `<blobDir>/.mirror`; the next run continues from there.

export interface Upstream {
  /** e.g. https://national.example.org */
  baseUrl: string;
  /** The tenant's slug on the upstream. */
  tenantSlug: string;
  /** A tenant admin's API token (`sat_…`), before the hub is registered. */
  token?: string;
  /** The credential record sync issued at registration, with this hub's instance id. */
  hub?: { credential: string; instanceId: string };
}

export interface MirrorOptions {
  filter?: MirrorFilter;
  concurrency?: number;
  /** Bytes per second for all downloads together; none by default. */
  rateBytesPerSecond?: number;
  retries?: number;
  backoffMs?: number;
  idleTimeoutMs?: number;
  probe?: FreeSpaceProbe;
  sleep?: Sleep;
  fetch?: typeof fetch;
  /** Once the plan is known: what will be fetched. */
  onPlan?: (plan: MirrorPlan) => void;
  /** Bytes fetched so far, of `total` (partial files from an earlier run count as fetched). */
  onProgress?: (done: number, total: number) => void;
}

export interface MirrorPlan {
  courses: number;
  newVersions: number;
  blobs: number;
  bytes: number;
  resumedBytes: number;
}

export interface MirrorResult extends MirrorPlan {
  applied: number;
}

export interface MirrorTarget {
  tenantId: string;
  blobDir: string;
  blobs: Pick<BlobStore, 'missing' | 'commit'>;
  mirror: Pick<MirrorService, 'missingVersions' | 'applySupport' | 'applyCourse'>;
}

export class UpstreamClient {
  constructor(
    private readonly upstream: Upstream,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly retries = 2,
  ) {}

  get headers(): Record<string, string> {
    const { hub, token } = this.upstream;
    if (hub) return { [HUB_HEADER]: hub.credential, [INSTANCE_HEADER]: hub.instanceId };
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  url(path: string): string {
    return `${this.upstream.baseUrl.replace(/\/+$/, '')}/api/t/${encodeURIComponent(this.upstream.tenantSlug)}${path}`;
  }

  blobUrl(sha256: string): string {
    return this.url(`/mirror/blobs/${sha256}`);
  }

  async index(filter: MirrorFilter = {}): Promise<MirrorIndex> {
    const q = new URLSearchParams();
    if (filter.courses?.length) q.set('courses', filter.courses.join(','));
    if (filter.languages?.length) q.set('languages', filter.languages.join(','));
    if (filter.grades?.length) q.set('grades', filter.grades.join(','));
    const query = q.toString();
    return MirrorIndex.parse(JSON.parse(await this.text(`/mirror/index${query ? `?${query}` : ''}`)));
  }

  async manifest(versionId: string): Promise<string> {
    return this.text(`/mirror/versions/${versionId}/manifest`);
  }

  private async text(path: string): Promise<string> {
    let res: Response | null = null;
    // GETs are idempotent: a connection that drops (a flaky link, a stale keep-alive) is tried again.
    for (let attempt = 0; res === null; attempt++) {
      try {
        res = await this.fetchImpl(this.url(path), { headers: this.headers });
      } catch (err) {
        if (attempt < this.retries) continue;
        throw unreachable(this.upstream.baseUrl, err);
      }
    }
    const body = await res.text();
    if (res.ok) return body;
    let detail = body.slice(0, 300);
    try {
      const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
      if (parsed.error?.message) detail = `${parsed.error.message} (${parsed.error.code ?? res.status})`;
    } catch {
      // not an error envelope
    }
    throw new AppError(502, 'upstream_refused', `The upstream answered ${res.status}: ${detail}`, {
      status: res.status,
    });
  }
}

function unreachable(baseUrl: string, err: unknown): AppError {
  return new AppError(502, 'upstream_unreachable', `The upstream ${baseUrl} cannot be reached`, {
    cause:
      err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err),
  });
}

/** Runs a pool of at most `limit` tasks; stops taking new ones after the first failure, then throws it. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== null) throw (failure as { err: unknown }).err;
}

export async function runMirror(
  target: MirrorTarget,
  upstream: Upstream,
  options: MirrorOptions = {},
): Promise<MirrorResult> {
  const client = new UpstreamClient(upstream, options.fetch);
  const index = await client.index(options.filter);
  const missingVersions = new Set(
    await target.mirror.missingVersions(
      target.tenantId,
      index.courses.map((c) => c.versionId),
    ),
  );
  const wanted = index.courses.filter((c) => missingVersions.has(c.versionId));
  const refs = new Map<string, BlobRef>();
  for (const c of wanted) for (const b of c.blobs) refs.set(b.sha256, b);
  const lacking = new Set(await target.blobs.missing(target.tenantId, [...refs.keys()]));
  const toFetch = [...refs.values()].filter((b) => lacking.has(b.sha256));

  const staging = join(target.blobDir, '.mirror');
  await mkdir(staging, { recursive: true });
  const wantedParts = new Set(toFetch.map((b) => `${b.sha256}.part`));
  for (const name of await readdir(staging))
    if (!wantedParts.has(name)) await rm(join(staging, name), { force: true, recursive: true });
  const partPath = (sha: string): string => join(staging, `${sha}.part`);
  let resumedBytes = 0;
  for (const b of toFetch) resumedBytes += Math.min(await partSize(partPath(b.sha256)), b.size);
  const bytes = toFetch.reduce((n, b) => n + b.size, 0);
  const manifestBytes = wanted.reduce((n, c) => n + c.manifestBytes, 0);
  await assertDiskSpace(options.probe ?? statfsProbe, target.blobDir, bytes - resumedBytes + manifestBytes);

  const plan: MirrorPlan = {
    courses: index.courses.length,
    newVersions: wanted.length,
    blobs: toFetch.length,
    bytes,
    resumedBytes,
  };
  options.onPlan?.(plan);
  await target.mirror.applySupport(target.tenantId, index);

  let done = resumedBytes;
  options.onProgress?.(done, bytes);
  const bucket = options.rateBytesPerSecond ? new TokenBucket(options.rateBytesPerSecond) : undefined;
  let fetchError: unknown = null;
  try {
    await pool(toFetch, options.concurrency ?? 4, async (blob) => {
      const file = await fetchBlob({
        url: client.blobUrl(blob.sha256),
        headers: client.headers,
        partPath: partPath(blob.sha256),
        blob,
        bucket,
        retries: options.retries ?? 5,
        backoffMs: options.backoffMs ?? 500,
        idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        onBytes: (delta) => {
          done += delta;
          options.onProgress?.(done, bytes);
        },
      });
      await target.blobs.commit(target.tenantId, [{ file, mediaType: blob.mediaType }]);
    });
  } catch (err) {
    fetchError = err;
  }

  // Every version whose files are all here is recorded, even when some other file failed.
  let applied = 0;
  for (const course of wanted) {
    const missing = await target.blobs.missing(
      target.tenantId,
      course.blobs.map((b) => b.sha256),
    );
    if (missing.length > 0) continue;
    await applyOne(target, client, course);
    applied++;
  }
  if (fetchError !== null) throw asAppError(fetchError);
  return { ...plan, applied };
}

async function applyOne(target: MirrorTarget, client: UpstreamClient, course: MirrorCourse): Promise<void> {
  const json = await client.manifest(course.versionId);
  await target.mirror.applyCourse(target.tenantId, course, json, (refs) =>
    target.blobs.missing(
      target.tenantId,
      refs.map((r) => r.sha256),
    ),
  );
}

function asAppError(err: unknown): unknown {
  if (err instanceof MirrorFetchError) return new AppError(502, err.code, err.message);
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AppError(
    502,
    'mirror_interrupted',
    `The mirror stopped: ${message}. Run it again to continue where it stopped`,
  );
}
