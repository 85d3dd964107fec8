import { Inflate } from 'fflate';
import { AppError } from '../http/errors.js';
import { crc32 } from './crc32.js';
import type { ZipSource } from './zip-source.js';

// Reading zips that strangers made (html5 packages, EPUBs, course imports, SCORM, H5P).
//
// The central directory is the archive's table of contents and the only place that
// records a symlink (external attributes), so entries are listed from it and each
// one's local header must agree. Every name, count and declared size is checked
// before a byte is inflated; inflation then streams through fflate's Inflate in small
// pieces and stops as soon as an entry produces more than it declared, so a bomb
// costs a few megabytes at most, never its full size.

export type ZipRule =
  | 'not_a_zip'
  | 'corrupt'
  | 'too_many_entries'
  | 'directory_too_large'
  | 'invalid_path'
  | 'absolute_path'
  | 'drive_letter'
  | 'backslash'
  | 'path_traversal'
  | 'duplicate_path'
  | 'symlink'
  | 'special_file'
  | 'encrypted'
  | 'unsupported_compression'
  | 'entry_too_large'
  | 'total_too_large'
  | 'overlapping_entries'
  | 'header_mismatch'
  | 'declared_size_exceeded'
  | 'size_mismatch'
  | 'crc_mismatch';

export class UnsafeZipError extends AppError {
  constructor(
    readonly entry: string | null,
    readonly rule: ZipRule,
    message: string,
  ) {
    super(400, 'unsafe_zip', message, { entry, rule });
    this.name = 'UnsafeZipError';
  }
}

export interface ZipLimits {
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 1024 ** 3,
  maxTotalBytes: 4 * 1024 ** 3,
};

export interface ZipEntry {
  /** The name in the archive; directories end with "/". */
  path: string;
  isDirectory: boolean;
  method: 0 | 8;
  compressedSize: number;
  /** Declared uncompressed size, enforced while inflating. */
  size: number;
  crc32: number;
  headerOffset: number;
  nameBytes: Uint8Array;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
const READ_CHUNK = 16 * 1024;
// Deflate expands at most ~1032:1, so one push yields at most ~4 MB.
const PUSH_CHUNK = 4 * 1024;

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
function u64(b: Uint8Array, at: number): number {
  const high = u32(b, at + 4);
  if (high > 0x1fffff)
    throw new UnsafeZipError(null, 'corrupt', 'The zip declares an impossible size or offset');
  return high * 0x1_0000_0000 + u32(b, at);
}

const corrupt = (entry: string | null, message: string): UnsafeZipError =>
  new UnsafeZipError(entry, 'corrupt', message);

/** Lists and checks every entry from the central directory, without inflating anything. */
export async function listZipEntries(
  source: ZipSource,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ZipEntry[]> {
  const dir = await locateDirectory(source, limits);
  if (dir.size > MAX_DIRECTORY_BYTES) {
    throw new UnsafeZipError(null, 'directory_too_large', 'The zip’s table of contents is implausibly large');
  }
  const table = await source.read(dir.offset, dir.size);
  if (table.length < dir.size) throw corrupt(null, 'The zip’s table of contents is cut short');

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let at = 0;
  for (let n = 0; n < dir.count; n++) {
    if (at + 46 > table.length || u32(table, at) !== SIG_CENTRAL)
      throw corrupt(null, 'The zip’s table of contents is damaged');
    const entry = readCentralRecord(table, at);
    at = entry.next;
    const { path } = entry;
    checkPath(path);
    const key = path.endsWith('/') ? path.slice(0, -1) : path;
    if (seen.has(key)) throw new UnsafeZipError(path, 'duplicate_path', `"${path}" appears twice in the zip`);
    seen.add(key);
    checkAttributes(entry);
    if (entry.flags & 1) throw new UnsafeZipError(path, 'encrypted', `"${path}" is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new UnsafeZipError(
        path,
        'unsupported_compression',
        `"${path}" uses a compression method (${entry.method}) Satchel does not read`,
      );
    }
    if (entry.method === 0 && entry.compressedSize !== entry.size) {
      throw new UnsafeZipError(
        path,
        'size_mismatch',
        `"${path}" is stored uncompressed but declares two different sizes`,
      );
    }
    if (entry.size > limits.maxEntryBytes) {
      throw new UnsafeZipError(
        path,
        'entry_too_large',
        `"${path}" unpacks to ${entry.size} bytes; the limit is ${limits.maxEntryBytes}`,
      );
    }
    total += entry.size;
    if (total > limits.maxTotalBytes) {
      throw new UnsafeZipError(
        path,
        'total_too_large',
        `The zip unpacks to more than ${limits.maxTotalBytes} bytes`,
      );
    }
    entries.push({
      path,
      isDirectory: path.endsWith('/'),
      method: entry.method,
      compressedSize: entry.compressedSize,
      size: entry.size,
      crc32: entry.crc32,
      headerOffset: entry.headerOffset,
      nameBytes: entry.nameBytes,
    });
  }
  checkLayout(entries, dir.offset);
  return entries;
}

async function locateDirectory(
  source: ZipSource,
  limits: ZipLimits,
): Promise<{ offset: number; size: number; count: number }> {
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === SIG_EOCD && i + 22 + u16(tail, i + 20) <= tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new UnsafeZipError(
      null,
      'not_a_zip',
      'This is not a zip archive (no table of contents at its end)',
    );
  if (u16(tail, eocd + 4) !== 0 || u16(tail, eocd + 6) !== 0)
    throw corrupt(null, 'Zips split over several files are not supported');
  let count = u16(tail, eocd + 10);
  let size = u32(tail, eocd + 12);
  let offset = u32(tail, eocd + 16);
  let end = tailStart + eocd;
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = await source.read(end - 20, 20);
    if (u32(locator, 0) !== SIG_EOCD64_LOCATOR) throw corrupt(null, 'The zip64 end record is missing');
    end = u64(locator, 8);
    const record = await source.read(end, 56);
    if (u32(record, 0) !== SIG_EOCD64) throw corrupt(null, 'The zip64 end record is damaged');
    count = u64(record, 32);
    size = u64(record, 40);
    offset = u64(record, 48);
  }
  if (count > limits.maxEntries) {
    throw new UnsafeZipError(
      null,
      'too_many_entries',
      `The zip has ${count} entries; the limit is ${limits.maxEntries}`,
    );
  }
  if (offset + size > end) throw corrupt(null, 'The zip’s table of contents points outside the file');
  return { offset, size, count };
}

interface CentralRecord {
  path: string;
  nameBytes: Uint8Array;
  madeBy: number;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  externalAttributes: number;
  headerOffset: number;
  next: number;
}

function readCentralRecord(table: Uint8Array, at: number): CentralRecord {
  const nameLength = u16(table, at + 28);
  const extraLength = u16(table, at + 30);
  const commentLength = u16(table, at + 32);
  const next = at + 46 + nameLength + extraLength + commentLength;
  if (next > table.length) throw corrupt(null, 'The zip’s table of contents is damaged');
  const flags = u16(table, at + 8);
  const nameBytes = table.subarray(at + 46, at + 46 + nameLength);
  const path = decodeName(nameBytes, (flags & 0x800) !== 0);
  let size = u32(table, at + 24);
  let compressedSize = u32(table, at + 20);
  let headerOffset = u32(table, at + 42);
  if (size === 0xffffffff || compressedSize === 0xffffffff || headerOffset === 0xffffffff) {
    // Zip64 extended information: only the fields that overflowed, in this order.
    const extra = table.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    let zip64: Uint8Array | null = null;
    for (let i = 0; i + 4 <= extra.length; i += 4 + u16(extra, i + 2)) {
      if (u16(extra, i) === 0x0001) zip64 = extra.subarray(i + 4, i + 4 + u16(extra, i + 2));
    }
    if (!zip64) throw corrupt(path, `"${path}" lacks its zip64 sizes`);
    let p = 0;
    const take = (): number => {
      if (p + 8 > zip64.length) throw corrupt(path, `"${path}" has damaged zip64 sizes`);
      const v = u64(zip64, p);
      p += 8;
      return v;
    };
    if (size === 0xffffffff) size = take();
    if (compressedSize === 0xffffffff) compressedSize = take();
    if (headerOffset === 0xffffffff) headerOffset = take();
  }
  return {
    path,
    nameBytes,
    madeBy: u16(table, at + 4),
    flags,
    method: u16(table, at + 10),
    crc32: u32(table, at + 16),
    compressedSize,
    size,
    externalAttributes: u32(table, at + 38),
    headerOffset,
    next,
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function decodeName(bytes: Uint8Array, flaggedUtf8: boolean): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Not UTF-8 despite the flag (or legacy code page): decode byte for byte; the path rules still apply.
    return flaggedUtf8 ? utf8.decode(bytes.map((b) => (b < 0x80 ? b : 0x5f))) : latin1.decode(bytes);
  }
}

function checkPath(path: string): void {
  const refuse = (rule: ZipRule, why: string): never => {
    throw new UnsafeZipError(path, rule, `"${path}" ${why}`);
  };
  if (path.length === 0) refuse('invalid_path', 'is an empty name');
  if (path.length > 1024) refuse('invalid_path', 'is longer than 1024 characters');
  if (/\p{Cc}/u.test(path)) refuse('invalid_path', 'contains control characters');
  if (path.startsWith('/')) refuse('absolute_path', 'is an absolute path');
  if (/^[A-Za-z]:/.test(path)) refuse('drive_letter', 'starts with a drive letter');
  if (path.includes('\\')) refuse('backslash', 'contains a backslash');
  const segments = (path.endsWith('/') ? path.slice(0, -1) : path).split('/');
  if (segments.includes('..')) refuse('path_traversal', 'climbs out of the package with ".."');
  if (segments.some((s) => s === '' || s === '.')) refuse('invalid_path', 'has an empty or "." folder name');
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function checkAttributes(entry: CentralRecord): void {
  // The high 16 bits hold a Unix mode when the archiver recorded one (any host may).
  const type = (entry.externalAttributes >>> 16) & S_IFMT;
  if (type === 0 || type === S_IFREG || type === S_IFDIR) return;
  if (type === S_IFLNK) throw new UnsafeZipError(entry.path, 'symlink', `"${entry.path}" is a symbolic link`);
  throw new UnsafeZipError(
    entry.path,
    'special_file',
    `"${entry.path}" is a device, pipe or socket, not a file`,
  );
}

/** Entries' data must lie before the directory and never overlap (overlap is how quoted-overlap bombs multiply). */
function checkLayout(entries: readonly ZipEntry[], directoryOffset: number): void {
  const sorted = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i] as ZipEntry;
    // A lower bound of where the entry's data ends: its local extra field may add more.
    const minEnd = entry.headerOffset + 30 + entry.nameBytes.length + entry.compressedSize;
    const limit = sorted[i + 1]?.headerOffset ?? directoryOffset;
    if (minEnd > limit)
      throw new UnsafeZipError(entry.path, 'overlapping_entries', `"${entry.path}" overlaps another entry`);
  }
}

async function dataOffset(source: ZipSource, entry: ZipEntry): Promise<number> {
  const header = await source.read(entry.headerOffset, 30 + entry.nameBytes.length);
  if (header.length < 30 || u32(header, 0) !== SIG_LOCAL)
    throw corrupt(entry.path, `"${entry.path}" has no local header`);
  const nameLength = u16(header, 26);
  const sameName =
    nameLength === entry.nameBytes.length && entry.nameBytes.every((b, i) => header[30 + i] === b);
  if (!sameName || u16(header, 8) !== entry.method) {
    throw new UnsafeZipError(
      entry.path,
      'header_mismatch',
      `"${entry.path}" is described differently in two places of the zip`,
    );
  }
  if (u16(header, 6) & 1) throw new UnsafeZipError(entry.path, 'encrypted', `"${entry.path}" is encrypted`);
  const start = entry.headerOffset + 30 + nameLength + u16(header, 28);
  if (start + entry.compressedSize > source.size) throw corrupt(entry.path, `"${entry.path}" is cut short`);
  return start;
}

/**
 * The entry's bytes, in chunks, checked as they come: never more than its declared
 * size (nor the limit), then the exact size and CRC-32 at the end.
 */
export async function* inflateEntry(
  source: ZipSource,
  entry: ZipEntry,
  maxBytes = DEFAULT_ZIP_LIMITS.maxEntryBytes,
): AsyncGenerator<Uint8Array, void, undefined> {
  if (entry.isDirectory) return;
  const start = await dataOffset(source, entry);
  const pending: Uint8Array[] = [];
  let produced = 0;
  let crc = 0;
  const accept = (chunk: Uint8Array): void => {
    produced += chunk.length;
    if (produced > entry.size) {
      throw new UnsafeZipError(
        entry.path,
        'declared_size_exceeded',
        `"${entry.path}" unpacks to more than the ${entry.size} bytes it declares`,
      );
    }
    if (produced > maxBytes)
      throw new UnsafeZipError(
        entry.path,
        'entry_too_large',
        `"${entry.path}" unpacks to more than ${maxBytes} bytes`,
      );
    crc = crc32(chunk, crc);
    if (chunk.length > 0) pending.push(chunk);
  };
  const inflater =
    entry.method === 8 && entry.compressedSize > 0 ? new Inflate((chunk) => accept(chunk)) : null;
  const push = (piece: Uint8Array, final: boolean): void => {
    if (!inflater) return accept(piece);
    try {
      inflater.push(piece, final);
    } catch (err) {
      if (err instanceof UnsafeZipError) throw err;
      throw corrupt(entry.path, `"${entry.path}" is not valid deflate data`);
    }
  };

  for (let offset = 0; offset < entry.compressedSize;) {
    const data = await source.read(start + offset, Math.min(READ_CHUNK, entry.compressedSize - offset));
    if (data.length === 0) throw corrupt(entry.path, `"${entry.path}" is cut short`);
    offset += data.length;
    for (let p = 0; p < data.length; p += PUSH_CHUNK) {
      const end = Math.min(p + PUSH_CHUNK, data.length);
      push(data.subarray(p, end), offset === entry.compressedSize && end === data.length);
      yield* pending.splice(0);
    }
  }
  if (produced !== entry.size) {
    throw new UnsafeZipError(
      entry.path,
      'size_mismatch',
      `"${entry.path}" unpacks to ${produced} bytes but declares ${entry.size}`,
    );
  }
  if (crc !== entry.crc32)
    throw new UnsafeZipError(
      entry.path,
      'crc_mismatch',
      `"${entry.path}" is damaged (its checksum does not match)`,
    );
}

/** A small entry in one piece (an EPUB's mimetype, a manifest). */
export async function readEntry(source: ZipSource, entry: ZipEntry, maxBytes: number): Promise<Uint8Array> {
  if (entry.size > maxBytes)
    throw new UnsafeZipError(
      entry.path,
      'entry_too_large',
      `"${entry.path}" is larger than ${maxBytes} bytes`,
    );
  const chunks: Uint8Array[] = [];
  for await (const chunk of inflateEntry(source, entry, maxBytes)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Lists the zip and inflates every entry (discarding the bytes): the whole archive is sound. */
export async function verifyZip(
  source: ZipSource,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ZipEntry[]> {
  const entries = await listZipEntries(source, limits);
  for (const entry of entries) {
    for await (const chunk of inflateEntry(source, entry, limits.maxEntryBytes)) void chunk;
  }
  return entries;
}
