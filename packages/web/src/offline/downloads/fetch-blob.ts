import type { BlobRef } from '@satchel/core';
import { isQuotaError, type DownloadStore } from './store.js';

// Fetching one content-addressed file onto the device: resumed with a byte range where a dropped
// connection or a closed tab left it, checked against its SHA-256 before it is ever kept (a mismatch is
// fetched again from the start), and retried with growing pauses when the server fails.

export type DownloadErrorCode =
  'quota' | 'network' | 'server' | 'integrity' | 'signed-out' | 'not-found' | 'aborted';

export class DownloadError extends Error {
  constructor(
    readonly code: DownloadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface FetchDeps {
  readonly store: DownloadStore;
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** Lowercase hex SHA-256 of the bytes. */
  readonly digest: (data: Blob) => Promise<string>;
  readonly sleep: (ms: number) => Promise<void>;
  /** Bytes kept per chunk: what a dropped connection can cost at most. */
  readonly chunkBytes: number;
  /** Tries per file before giving up (a hash mismatch counts as one). */
  readonly attempts: number;
  /** The first pause between tries; it doubles each time, up to 30 s. */
  readonly backoffMs: number;
}

/** Files up to this size are hashed by WebCrypto in one piece; larger ones slice by slice. */
export const WHOLE_FILE_DIGEST_BYTES = 8 * 1024 * 1024;
const DIGEST_SLICE_BYTES = 1024 * 1024;

const hex = (bytes: Uint8Array): string =>
  [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * Lowercase hex SHA-256 of `data`. WebCrypto can only hash bytes held in memory at once, and a 300 MB
 * film read whole would end the tab of a cheap phone; so large files go through an incremental SHA-256
 * one megabyte at a time (slower, but memory stays flat), loaded only when such a file arrives.
 */
export async function sha256Hex(
  data: Blob,
  limits: { wholeFileBytes: number; sliceBytes: number } = {
    wholeFileBytes: WHOLE_FILE_DIGEST_BYTES,
    sliceBytes: DIGEST_SLICE_BYTES,
  },
): Promise<string> {
  if (data.size <= limits.wholeFileBytes) {
    return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', await data.arrayBuffer())));
  }
  const { sha256 } = await import('@noble/hashes/sha2.js');
  const hash = sha256.create();
  for (let at = 0; at < data.size; at += limits.sliceBytes) {
    hash.update(new Uint8Array(await data.slice(at, at + limits.sliceBytes).arrayBuffer()));
  }
  return hex(hash.digest());
}

export const defaultFetchDeps = (store: DownloadStore): FetchDeps => ({
  store,
  fetch: (url, init) => fetch(url, init),
  digest: sha256Hex,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  chunkBytes: 512 * 1024,
  attempts: 6,
  backoffMs: 1000,
});

/** A failure worth another try (the network, the server), or one that is final. */
class Retry extends Error {}

const aborted = (): DownloadError => new DownloadError('aborted', 'The download was stopped');

function statusError(status: number): Error {
  if (status === 401) return new DownloadError('signed-out', 'Sign in again to download');
  if (status === 404 || status === 403)
    return new DownloadError('not-found', `The server has no such file (${status})`);
  if (status >= 500 || status === 408 || status === 429) return new Retry(`the server answered ${status}`);
  return new DownloadError('server', `The server answered ${status}`);
}

/** The first byte of a `Content-Range: bytes a-b/n` answer, or null. */
function rangeStart(header: string | null): number | null {
  const match = header ? /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header.trim()) : null;
  return match ? Number(match[1]) : null;
}

/**
 * Fetches `ref` from `url` into the store unless it is there already. `onBytes` is told every time
 * bytes are kept (and, with a negative number, when bytes are thrown away).
 */
export async function fetchBlob(
  deps: FetchDeps,
  url: string,
  ref: BlobRef,
  options: { signal?: AbortSignal; onBytes?: (delta: number) => void } = {},
): Promise<void> {
  const { store } = deps;
  const { signal } = options;
  const onBytes = options.onBytes ?? (() => undefined);
  if (await store.hasBlob(ref.sha256)) return;
  let lastProblem = 'no attempt';
  let integrityFailures = 0;
  for (let attempt = 0; attempt < deps.attempts; attempt++) {
    if (signal?.aborted) throw aborted();
    if (attempt > 0) {
      await deps.sleep(Math.min(30_000, deps.backoffMs * 2 ** (attempt - 1)));
      if (signal?.aborted) throw aborted();
    }
    try {
      const outcome = await fetchOnce(deps, url, ref, signal, onBytes);
      if (outcome === 'kept') return;
      integrityFailures++;
      lastProblem = 'the file did not match its SHA-256';
    } catch (error) {
      if (signal?.aborted) throw aborted();
      if (error instanceof DownloadError) throw error;
      if (isQuotaError(error)) throw new DownloadError('quota', 'The device has no room left');
      lastProblem = error instanceof Error ? error.message : String(error);
    }
  }
  if (integrityFailures > 0 && integrityFailures === deps.attempts) {
    throw new DownloadError('integrity', `${ref.sha256}: ${lastProblem}`);
  }
  throw new DownloadError('network', `${ref.sha256}: ${lastProblem}`);
}

async function fetchOnce(
  deps: FetchDeps,
  url: string,
  ref: BlobRef,
  signal: AbortSignal | undefined,
  onBytes: (delta: number) => void,
): Promise<'kept' | 'mismatch'> {
  const { store } = deps;
  let offset = (await store.getPartial(ref.sha256))?.received ?? 0;
  if (offset > ref.size) {
    await store.clearPartial(ref.sha256);
    onBytes(-offset);
    offset = 0;
  }
  if (offset < ref.size || ref.size === 0) {
    const headers: Record<string, string> = {};
    if (offset > 0) {
      headers['range'] = `bytes=${offset}-`;
      // Blobs never change, but if the server had another file under this ETag it must send it whole.
      headers['if-range'] = `"${ref.sha256}"`;
    }
    let response: Response;
    try {
      response = await deps.fetch(url, { headers, signal, credentials: 'same-origin', cache: 'no-store' });
    } catch (error) {
      throw new Retry(error instanceof Error ? error.message : 'network error');
    }
    if (response.status === 206) {
      if (rangeStart(response.headers.get('content-range')) !== offset) {
        await response.body?.cancel().catch(() => undefined);
        await store.clearPartial(ref.sha256);
        onBytes(-offset);
        throw new Retry('the server sent another range');
      }
    } else if (response.status === 200) {
      if (offset > 0) {
        // The whole file again (no range support on the way): start over.
        await store.clearPartial(ref.sha256);
        onBytes(-offset);
        offset = 0;
      }
    } else if (response.status === 416 && offset > 0) {
      await store.clearPartial(ref.sha256);
      onBytes(-offset);
      throw new Retry('the kept part no longer fits the file');
    } else {
      await response.body?.cancel().catch(() => undefined);
      throw statusError(response.status);
    }
    if (!plausible(response, ref, offset)) {
      // Not the rest of this file (an error page of a proxy, a captive portal): never keep it.
      await response.body?.cancel().catch(() => undefined);
      throw new Retry('the answer is not this file');
    }
    offset = await keepBody(deps, response, ref, offset, onBytes);
  }
  if (offset !== ref.size) {
    // Too long: the bytes are not this file. Too short: the connection ended early; resume from here.
    if (offset > ref.size) {
      await store.clearPartial(ref.sha256);
      onBytes(-offset);
      return 'mismatch';
    }
    throw new Retry(`the connection ended after ${offset} of ${ref.size} bytes`);
  }
  const data = await store.readPartial(ref.sha256);
  const actual = await deps.digest(data);
  if (actual !== ref.sha256) {
    // Never kept, never shown: drop the bytes and fetch the file again from its first byte.
    await store.clearPartial(ref.sha256);
    onBytes(-offset);
    return 'mismatch';
  }
  await store.putBlob({ sha256: ref.sha256, size: ref.size, mediaType: ref.mediaType, data });
  return 'kept';
}

const baseType = (type: string): string => (type.split(';')[0] ?? '').trim().toLowerCase();

/**
 * False for an answer that cannot be the file: longer than what is left of it, or a page or an error
 * envelope where the file is something else. A shorter answer is kept: a cut connection looks like that.
 */
function plausible(response: Response, ref: BlobRef, offset: number): boolean {
  const length = response.headers.get('content-length');
  if (length !== null && Number(length) > ref.size - offset) return false;
  const type = baseType(response.headers.get('content-type') ?? '');
  const expected = baseType(ref.mediaType);
  if ((type === 'text/html' || type === 'application/json') && type !== expected) return false;
  return true;
}

/** Streams the body into the store in chunks; returns the offset reached. */
async function keepBody(
  deps: FetchDeps,
  response: Response,
  ref: BlobRef,
  start: number,
  onBytes: (delta: number) => void,
): Promise<number> {
  let offset = start;
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    const chunk = new Uint8Array(pendingBytes);
    let at = 0;
    for (const part of pending) {
      chunk.set(part, at);
      at += part.length;
    }
    pending.length = 0;
    pendingBytes = 0;
    await deps.store.appendChunk(ref.sha256, ref.size, offset, chunk);
    offset += chunk.length;
    onBytes(chunk.length);
  };
  const reader = response.body?.getReader();
  if (!reader) return offset;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending.push(value);
      pendingBytes += value.length;
      // Far more than the file: not this file (a proxy's error page, garbage); stop reading it.
      if (offset + pendingBytes > ref.size + deps.chunkBytes) break;
      if (pendingBytes >= deps.chunkBytes) await flush();
    }
  } catch (error) {
    if (isQuotaError(error)) throw error;
    // The connection dropped: keep what arrived, so the next try asks only for the rest.
    await flush();
    throw new Retry(error instanceof Error ? error.message : 'the connection dropped');
  }
  await flush();
  await reader.cancel().catch(() => undefined);
  return offset;
}
