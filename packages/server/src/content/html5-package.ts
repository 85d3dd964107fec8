import { Readable } from 'node:stream';
import type { BlobRef, Html5Package } from '@satchel/core';
import { invalid } from '../http/errors.js';
import type { BlobStore, StagedFile } from './blob-store.js';
import { mediaTypeForPath } from './media-types.js';
import {
  DEFAULT_ZIP_LIMITS,
  inflateEntry,
  listZipEntries,
  type ZipEntry,
  type ZipLimits,
} from './zip-safety.js';
import type { ZipSource } from './zip-source.js';

// An html5 package (a zip of a web page and its assets) becomes one blob per file and
// a map from path to blob, which is what a published lesson carries.

export interface PackagePlan {
  entry: string;
  files: { path: string; zip: ZipEntry }[];
}

const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/;

const depth = (path: string): number => path.split('/').length;

/**
 * Which files to keep and under which paths: archivers' litter goes, one folder that
 * holds everything is stripped ("my-course/index.html" → "index.html"), and the entry
 * is the shallowest index.html.
 */
export function planHtml5Package(entries: readonly ZipEntry[]): PackagePlan {
  const kept = entries.filter((e) => !e.isDirectory && !JUNK.test(e.path));
  if (kept.length === 0)
    throw invalid('unsupported_file', 'The html5 package is empty', { reason: 'empty_package' });
  const tops = new Set(kept.map((e) => e.path.split('/')[0]));
  const [onlyTop] = tops;
  const prefix = tops.size === 1 && kept.every((e) => e.path.includes('/')) ? `${onlyTop}/` : '';
  const files = kept.map((zip) => ({ path: zip.path.slice(prefix.length), zip }));
  const entry = files
    .map((f) => f.path)
    .filter((p) => /(^|\/)index\.html$/i.test(p))
    .sort((a, b) => depth(a) - depth(b) || a.localeCompare(b))[0];
  if (!entry) {
    throw invalid('unsupported_file', 'An html5 package must contain an index.html page to open', {
      reason: 'no_index_html',
    });
  }
  return { entry, files };
}

/**
 * Unpacks a checked zip into the tenant's blobs. Every file is inflated (within the
 * limits) to a staged temp file first; only when all of them are sound are they
 * committed together, so a bad entry late in the zip leaves nothing behind.
 */
export async function importHtml5Package(
  blobs: BlobStore,
  tenantId: string,
  source: ZipSource,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<Html5Package> {
  const plan = planHtml5Package(await listZipEntries(source, limits));
  return { entry: plan.entry, files: await importPackageFiles(blobs, tenantId, source, plan.files, limits) };
}

/** Inflates the chosen entries to staged files and commits them together (all or nothing). */
export async function importPackageFiles(
  blobs: BlobStore,
  tenantId: string,
  source: ZipSource,
  files: readonly { path: string; zip: ZipEntry }[],
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<Record<string, BlobRef>> {
  const ordered = [...files].sort((a, b) => a.zip.headerOffset - b.zip.headerOffset);
  const staged: { file: StagedFile; mediaType: string; path: string }[] = [];
  try {
    for (const { path, zip } of ordered) {
      const file = await blobs.stageWithin(
        Readable.from(inflateEntry(source, zip, limits.maxEntryBytes)),
        zip.size,
      );
      staged.push({ file, mediaType: mediaTypeForPath(path), path });
    }
  } catch (err) {
    await blobs.discard(staged.map((s) => s.file));
    throw err;
  }
  const refs = await blobs.commit(tenantId, staged);
  const result: Record<string, BlobRef> = {};
  staged.forEach((s, i) => {
    const ref = refs[i];
    if (ref) result[s.path] = ref;
  });
  return result;
}
