import { Readable } from 'node:stream';
import type { BlobRef, ScormPackageInfo } from '@satchel/core';
import type { BlobStore, StagedFile } from '../content/blob-store.js';
import { mediaTypeForPath } from '../content/media-types.js';
import {
  DEFAULT_ZIP_LIMITS,
  inflateEntry,
  listZipEntries,
  readEntry,
  type ZipEntry,
  type ZipLimits,
} from '../content/zip-safety.js';
import type { ZipSource } from '../content/zip-source.js';
import { MANIFEST, parseManifest, ScormPackageError } from './scorm-manifest.js';

// A SCORM zip becomes one blob per file (like an html5 package) and the parsed
// manifest. Everything is checked before anything is kept: the zip's safety
// (zip-safety.ts), that it is SCORM and not another standard, the manifest, and
// that every launched file is in the zip. Files are staged, then committed together.

export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** SCORM packages are courses, not video libraries: a generous cap on any one file. */
export const SCORM_ZIP_LIMITS: ZipLimits = { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 512 * 1024 * 1024 };

export interface ScormPackage {
  info: ScormPackageInfo;
  files: Record<string, BlobRef>;
}

const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/;

/** Another e-learning standard's package, by the file that gives it away. */
const OTHER_STANDARDS: readonly { file: string; name: string; hint: string }[] = [
  { file: 'h5p.json', name: 'an H5P package', hint: 'import it as an H5P lesson' },
  { file: 'cmi5.xml', name: 'a cmi5 course package', hint: 'import it as a cmi5 lesson' },
];

interface Planned<E = ZipEntry> {
  manifest: E;
  files: { path: string; zip: E }[];
}

/**
 * Which entries form the package, under which paths (one wrapping folder is stripped).
 * Any listing with paths will do: a course package hands in the files of a folder.
 */
export function planScormPackage<E extends Pick<ZipEntry, 'path' | 'isDirectory'>>(
  entries: readonly E[],
): Planned<E> {
  const kept = entries.filter((e) => !e.isDirectory && !JUNK.test(e.path));
  const tops = new Set(kept.map((e) => e.path.split('/')[0]));
  const [onlyTop] = tops;
  const wrapped = tops.size === 1 && kept.every((e) => e.path.includes('/'));
  const prefix = wrapped && !kept.some((e) => e.path === MANIFEST) ? `${onlyTop}/` : '';
  const files = kept
    .filter((e) => e.path.startsWith(prefix))
    .map((zip) => ({ path: zip.path.slice(prefix.length), zip }));
  const at = (path: string) => files.find((f) => f.path.toLowerCase() === path);
  for (const other of OTHER_STANDARDS) {
    if (at(other.file)) {
      throw new ScormPackageError(
        other.file,
        'other_standard',
        `This zip is ${other.name} (it has ${other.file}), not a SCORM package: ${other.hint}`,
      );
    }
  }
  const manifest = at(MANIFEST);
  if (!manifest) {
    throw new ScormPackageError(
      MANIFEST,
      'missing_manifest',
      'A SCORM package must have imsmanifest.xml at its root, and this zip has none',
    );
  }
  return { manifest: manifest.zip, files };
}

/** Reads and checks the package without keeping anything. */
export async function inspectScormPackage(
  source: ZipSource,
  limits: ZipLimits = SCORM_ZIP_LIMITS,
): Promise<{ info: ScormPackageInfo; plan: Planned }> {
  const plan = planScormPackage(await listZipEntries(source, limits));
  const info = await checkPlannedManifest(plan, (entry) => readEntry(source, entry, MAX_MANIFEST_BYTES));
  return { info, plan };
}

/**
 * The manifest of a planned package, read and checked (its size, then everything
 * parseManifest checks against the package's files). Throws ScormPackageError.
 */
export async function checkPlannedManifest<E extends { size: number }>(
  plan: Planned<E>,
  read: (manifest: E) => Promise<Uint8Array>,
): Promise<ScormPackageInfo> {
  if (plan.manifest.size > MAX_MANIFEST_BYTES) {
    throw new ScormPackageError(
      MANIFEST,
      'manifest_too_large',
      `imsmanifest.xml is ${plan.manifest.size} bytes; the limit is ${MAX_MANIFEST_BYTES}`,
    );
  }
  const xml = new TextDecoder('utf-8').decode(await read(plan.manifest)).replace(/^\uFEFF/, '');
  const paths = new Set(plan.files.map((f) => f.path));
  return parseManifest(xml, (path) => paths.has(path)).info;
}

/** Checks, then stores every file of the package in the tenant's blobs (all or nothing). */
export async function importScormPackage(
  blobs: BlobStore,
  tenantId: string,
  source: ZipSource,
  limits: ZipLimits = SCORM_ZIP_LIMITS,
): Promise<ScormPackage> {
  const { info, plan } = await inspectScormPackage(source, limits);
  const ordered = [...plan.files].sort((a, b) => a.zip.headerOffset - b.zip.headerOffset);
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
  const files: Record<string, BlobRef> = {};
  staged.forEach((s, i) => {
    const ref = refs[i];
    if (ref) files[s.path] = ref;
  });
  return { info, files };
}
