import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import type { BlobRef } from '@satchel/core';
import type { StagedFile } from '../content/blob-store.js';
import { realSleep, type Sleep, type TokenBucket } from './token-bucket.js';

// One blob from the upstream into `<blobDir>/.mirror/<sha256>.part`, over a link that
// may drop at any byte: what arrived stays on disk, the next attempt (or the next run)
// asks for the rest with `Range: bytes=<have>-` and `If-Range: "<sha256>"`, and the
// whole file is hashed before it may enter the blob store.

export interface FetchBlobOptions {
  url: string;
  headers: Record<string, string>;
  partPath: string;
  blob: BlobRef;
  bucket?: TokenBucket | undefined;
  /** Attempts after the first, on network failures (each resumes where the last stopped). */
  retries: number;
  backoffMs: number;
  /** A stalled link is abandoned (and resumed) after this long without a byte. */
  idleTimeoutMs: number;
  sleep?: Sleep;
  /** Bytes written (negative when a partial file had to be discarded). */
  onBytes?: (delta: number) => void;
  fetch?: typeof fetch;
}

/** A refusal no retry can fix (401, 403, 404, a file that keeps arriving corrupt). */
export class MirrorFetchError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function partSize(path: string): Promise<number> {
  const s = await stat(path).catch(() => null);
  return s?.isFile() ? s.size : 0;
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Downloads, resumes and verifies one blob; returns it staged for BlobStore.commit. */
export async function fetchBlob(o: FetchBlobOptions): Promise<StagedFile> {
  const sleep = o.sleep ?? realSleep;
  let corruptRefetches = 1;
  for (let attempt = 0; ; attempt++) {
    try {
      await downloadOnce(o);
      const size = await partSize(o.partPath);
      if (size === o.blob.size && (await hashFile(o.partPath)) === o.blob.sha256)
        return { path: o.partPath, sha256: o.blob.sha256, size };
      // Corrupt (or grown past its size): never stored; fetched once more from the start.
      await rm(o.partPath, { force: true });
      o.onBytes?.(-size);
      if (corruptRefetches-- > 0) continue;
      throw new MirrorFetchError(
        'blob_corrupt',
        `The file ${o.blob.sha256} arrived twice with the wrong content (SHA-256 mismatch); it was not stored`,
      );
    } catch (err) {
      if (err instanceof MirrorFetchError || attempt >= o.retries) throw err;
      await sleep(Math.min(o.backoffMs * 2 ** attempt, 30_000));
    }
  }
}

async function downloadOnce(o: FetchBlobOptions): Promise<void> {
  const have = await partSize(o.partPath);
  if (have >= o.blob.size) return;
  const headers: Record<string, string> = { ...o.headers };
  if (have > 0) {
    headers.range = `bytes=${have}-`;
    headers['if-range'] = `"${o.blob.sha256}"`;
  }
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), o.idleTimeoutMs);
  const poke = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), o.idleTimeoutMs);
  };
  try {
    const res = await (o.fetch ?? fetch)(o.url, { headers, signal: controller.signal });
    let append: boolean;
    if (res.status === 206 && have > 0 && contentRangeStart(res.headers.get('content-range')) === have)
      append = true;
    else if (res.status === 200) append = false;
    else {
      await res.body?.cancel().catch(() => undefined);
      if (res.status === 416 || res.status === 206) {
        // The partial file does not fit what the server holds: start again.
        await rm(o.partPath, { force: true });
        o.onBytes?.(-have);
        throw new Error(`range refused (${res.status})`);
      }
      if (res.status >= 500 || res.status === 429) throw new Error(`upstream answered ${res.status}`);
      throw new MirrorFetchError(
        res.status === 404 ? 'blob_not_found' : 'upstream_refused',
        `The upstream answered ${res.status} for the file ${o.blob.sha256}`,
      );
    }
    if (!append && have > 0) o.onBytes?.(-have);
    const file = await open(o.partPath, append ? 'a' : 'w');
    try {
      let written = append ? have : 0;
      if (res.body) {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          poke();
          if (o.bucket) await o.bucket.take(chunk.length);
          await file.write(chunk);
          written += chunk.length;
          o.onBytes?.(chunk.length);
          // More bytes than the blob has: stop reading; the hash check will refuse it.
          if (written > o.blob.size) break;
        }
      }
      await file.sync();
    } finally {
      await file.close();
    }
  } finally {
    clearTimeout(timer);
  }
}

function contentRangeStart(header: string | null): number | null {
  const m = /^bytes (\d+)-\d+\/\d+$/.exec(header ?? '');
  return m ? Number(m[1]) : null;
}
