import { Readable } from 'node:stream';
import {
  DEFAULT_ZIP_LIMITS,
  inflateEntry,
  listZipEntries,
  readEntry,
  type ZipEntry,
  type ZipLimits,
} from '../content/zip-safety.js';
import type { ZipSource } from '../content/zip-source.js';

// A zipped course package (or an html5 package inside one), read through the
// content domain's zip safety: names, symlinks, sizes and layout are checked from
// the central directory before anything is inflated, and each entry is inflated
// as a stream that stops at its declared size. Entries never touch the disk
// except as content-addressed blobs.

/** A whole course travels in one zip, so it may hold more and larger files than an upload. */
export const PACKAGE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 50_000,
  maxEntryBytes: 16 * 1024 ** 3,
  maxTotalBytes: 64 * 1024 ** 3,
};

export interface PackageZip {
  /** File entries (folders left out) by name, with their declared uncompressed size. */
  entries: ReadonlyMap<string, number>;
  read(name: string): Promise<Uint8Array>;
  stream(name: string): Readable;
}

export async function openPackageZip(
  source: ZipSource,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<PackageZip> {
  const listed = await listZipEntries(source, limits);
  const byName = new Map<string, ZipEntry>(listed.filter((e) => !e.isDirectory).map((e) => [e.path, e]));
  const entry = (name: string): ZipEntry => {
    const found = byName.get(name);
    if (!found) throw new Error(`no zip entry "${name}"`);
    return found;
  };
  return {
    entries: new Map([...byName].map(([name, e]) => [name, e.size])),
    read: (name) => readEntry(source, entry(name), limits.maxEntryBytes),
    stream: (name) => Readable.from(inflateEntry(source, entry(name), limits.maxEntryBytes)),
  };
}
