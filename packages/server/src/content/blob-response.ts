import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../http/errors.js';

// Sending a stored file: conditional requests, one byte range, immutable caching,
// streamed from disk. Blobs never change, so their SHA-256 is a strong ETag.

export type RangeResult =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const FULL: RangeResult = { kind: 'full' };
const UNSATISFIABLE: RangeResult = { kind: 'unsatisfiable' };

/**
 * One `Range: bytes=…` against a file of `size` bytes (RFC 9110 §14). Another unit
 * is ignored, and so are several ranges (a whole file answers them correctly);
 * a malformed or unsatisfiable bytes range is refused.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return FULL;
  const unit = /^\s*bytes\s*=(.*)$/i.exec(header);
  if (!unit) return FULL;
  const spec = (unit[1] ?? '').trim();
  if (spec.includes(',')) return FULL;
  const m = /^(\d*)\s*-\s*(\d*)$/.exec(spec);
  if (!m) return UNSATISFIABLE;
  const [first, last] = [m[1] ?? '', m[2] ?? ''];
  if (first === '') {
    const suffix = Number(last);
    if (last === '' || suffix === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return UNSATISFIABLE;
  if (last === '') return { kind: 'partial', start, end: size - 1 };
  const end = Number(last);
  if (end < start) return UNSATISFIABLE;
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

/** Weak comparison, as If-None-Match asks for. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** `inline` (or `attachment`) with a file name no browser or shell can misread. */
export function contentDisposition(name: string, disposition: 'inline' | 'attachment'): string {
  const cleaned = name
    .normalize('NFC')
    // Lone surrogates would make encodeURIComponent throw.
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '_')
    .replace(/[\p{Cc}"\\/:*?<>|]+/gu, '_')
    .replace(/^[\s.]+|\s+$/g, '');
  let safe = cleaned.slice(0, 150);
  if (/[\uD800-\uDBFF]$/.test(safe)) safe = safe.slice(0, -1);
  safe ||= 'file';
  const fallback = safe.replace(/[^\x20-\x7e]/g, '_').replace(/%/g, '_');
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export interface BlobReply {
  sha256: string;
  size: number;
  contentType: string;
  /** The file on disk. */
  file: string;
  /** `private` keeps shared caches from handing a members-only file to anyone else. */
  cache: 'public' | 'private';
  headers?: Record<string, string>;
}

export async function sendBlob(
  req: FastifyRequest,
  reply: FastifyReply,
  blob: BlobReply,
): Promise<FastifyReply> {
  const etag = `"${blob.sha256}"`;
  const common: Record<string, string> = {
    etag,
    'cache-control': `${blob.cache}, max-age=31536000, immutable`,
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
    ...blob.headers,
  };
  if (etagMatches(header(req, 'if-none-match'), etag)) return writeRaw(reply, 304, common, null);

  const ifRange = header(req, 'if-range');
  // If-Range names the version the client holds part of; another version gets the whole file.
  const range =
    ifRange === undefined || ifRange.trim() === etag ? parseRange(req.headers.range, blob.size) : FULL;
  if (range.kind === 'unsatisfiable') {
    void reply.header('content-range', `bytes */${blob.size}`);
    throw new AppError(416, 'range_not_satisfiable', 'The requested range is outside the file', {
      size: blob.size,
    });
  }
  await assertOnDisk(req, blob);

  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, blob.size - 1];
  const headers: Record<string, string> = {
    ...common,
    'content-type': blob.contentType,
    'content-length': String(end - start + 1),
  };
  if (range.kind === 'partial') headers['content-range'] = `bytes ${start}-${end}/${blob.size}`;
  const body = req.method === 'HEAD' || blob.size === 0 ? null : createReadStream(blob.file, { start, end });
  return writeRaw(reply, range.kind === 'partial' ? 206 : 200, headers, body);
}

async function assertOnDisk(req: FastifyRequest, blob: BlobReply): Promise<void> {
  const onDisk = await stat(blob.file).catch(() => null);
  if (onDisk?.isFile() && onDisk.size === blob.size) return;
  req.log.error({ sha256: blob.sha256, file: blob.file }, 'a recorded blob is missing or damaged on disk');
  throw notFound('blob_not_found', 'This file is missing from the server’s storage');
}

/**
 * Writes the response ourselves: the route chain would otherwise reset the status to
 * 200, and Fastify's automatic HEAD would read the whole file just to discard it.
 */
async function writeRaw(
  reply: FastifyReply,
  status: number,
  headers: Record<string, string>,
  body: Readable | null,
): Promise<FastifyReply> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(status, { ...(reply.getHeaders() as OutgoingHttpHeaders), ...headers });
  if (!body) {
    res.end();
    return reply;
  }
  try {
    await pipeline(body, res);
  } catch (err) {
    // The client went away mid-file (a seek in a <video> does this constantly).
    reply.log.debug({ err }, 'blob response interrupted');
  }
  return reply;
}

/** A redirect written directly (the route chain would reset its status). */
export function sendRedirect(reply: FastifyReply, location: string): FastifyReply {
  reply.hijack();
  reply.raw.writeHead(302, { location, 'cache-control': 'no-cache' });
  reply.raw.end();
  return reply;
}
