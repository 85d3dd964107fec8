import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { BlobRef, Html5Package, LibraryKind } from '@satchel/core';
import { invalid, type AppError } from '../http/errors.js';
import type { BlobStore, HeadCheck, StagedFile } from './blob-store.js';
import { importH5pPackage } from '../h5p/h5p-package.js';
import { importHtml5Package } from './html5-package.js';
import { checkKind, SNIFF_BYTES } from './sniff.js';
import { checkWebVtt } from './webvtt.js';
import { readEntry, verifyZip, type ZipEntry } from './zip-safety.js';
import { openFileSource, type ZipSource } from './zip-source.js';

// Turning an uploaded body into stored content, by kind. Each body streams to a staged
// file (never into memory), is checked for what it really is, and is committed only
// when sound; every refusal removes the staged file.

export const CAPTIONS_MAX_BYTES = 5 * 1024 * 1024;

export interface ReceivedContent {
  file: BlobRef | null;
  package: Html5Package | null;
  size: number;
  mediaType: string;
}

export function unsupportedFile(
  kind: LibraryKind,
  reason: string,
  details: Record<string, unknown> = {},
): AppError {
  return invalid('unsupported_file', reason, { kind, reason, ...details });
}

/** Sniffs the first bytes against the kind; `mediaType()` is known once the head passed. */
function sniffer(kind: LibraryKind): HeadCheck & { mediaType(): string } {
  let mediaType: string | null = null;
  return {
    bytes: SNIFF_BYTES,
    check(head) {
      const result = checkKind(kind, head);
      if (!result.ok) throw unsupportedFile(kind, result.reason, { detected: result.format });
      mediaType = result.mediaType;
    },
    mediaType() {
      if (!mediaType) throw new Error('the upload was committed before its head was checked');
      return mediaType;
    },
  };
}

export async function withStagedZip<T>(
  blobs: BlobStore,
  staged: StagedFile,
  work: (source: ZipSource) => Promise<T>,
): Promise<T> {
  const source = await openFileSource(staged.path);
  try {
    return await work(source);
  } catch (err) {
    await blobs.discard([staged]);
    throw err;
  } finally {
    await source.close();
  }
}

export async function receiveUpload(
  blobs: BlobStore,
  tenantId: string,
  kind: LibraryKind,
  body: Readable,
  declaredBytes?: number,
): Promise<ReceivedContent> {
  const head = sniffer(kind);
  const single = async (staged: StagedFile): Promise<ReceivedContent> => {
    const [file] = await blobs.commit(tenantId, [{ file: staged, mediaType: head.mediaType() }]);
    if (!file) throw new Error('commit returned no blob');
    return { file, package: null, size: file.size, mediaType: file.mediaType };
  };
  switch (kind) {
    case 'video':
    case 'audio':
    case 'pdf':
    case 'image':
      return single(await blobs.stage(tenantId, body, { declaredBytes, head }));
    case 'captions': {
      const staged = await blobs.stage(tenantId, body, { declaredBytes, head, maxBytes: CAPTIONS_MAX_BYTES });
      await checkCaptionsFile(blobs, staged);
      return single(staged);
    }
    case 'epub': {
      const staged = await blobs.stage(tenantId, body, { declaredBytes, head });
      await withStagedZip(blobs, staged, async (source) => checkEpub(source, await verifyZip(source)));
      return single(staged);
    }
    case 'html5': {
      // The zip itself is not kept (nor charged to storage); its files are.
      const staged = await blobs.stage(tenantId, body, { declaredBytes, head });
      const pkg = await withStagedZip(blobs, staged, (source) => importHtml5Package(blobs, tenantId, source));
      await blobs.discard([staged]);
      const size = Object.values(pkg.files).reduce((sum, f) => sum + f.size, 0);
      return { file: null, package: pkg, size, mediaType: 'application/zip' };
    }
    case 'h5p': {
      // Like html5: the checked files are kept, the zip is not (server/h5p validates it).
      const staged = await blobs.stage(tenantId, body, { declaredBytes, head });
      const pkg = await withStagedZip(blobs, staged, (source) => importH5pPackage(blobs, tenantId, source));
      await blobs.discard([staged]);
      const size = Object.values(pkg.files).reduce((sum, f) => sum + f.size, 0);
      return { file: null, package: pkg, size, mediaType: 'application/zip' };
    }
  }
}

/** A WebVTT body for an item's captions track. */
export async function receiveCaptions(
  blobs: BlobStore,
  tenantId: string,
  body: Readable,
  declaredBytes?: number,
): Promise<BlobRef> {
  const head = sniffer('captions');
  const staged = await blobs.stage(tenantId, body, { declaredBytes, head, maxBytes: CAPTIONS_MAX_BYTES });
  await checkCaptionsFile(blobs, staged);
  const [ref] = await blobs.commit(tenantId, [{ file: staged, mediaType: head.mediaType() }]);
  if (!ref) throw new Error('commit returned no blob');
  return ref;
}

async function checkCaptionsFile(blobs: BlobStore, staged: StagedFile): Promise<void> {
  const check = checkWebVtt(await readFile(staged.path, 'utf8'));
  if (check.ok) return;
  await blobs.discard([staged]);
  throw unsupportedFile('captions', `Line ${check.line}: ${check.reason}`, { line: check.line });
}

/** OCF: a sound zip whose first entry is "mimetype" = application/epub+zip, with a container. */
export async function checkEpub(source: ZipSource, entries: readonly ZipEntry[]): Promise<void> {
  const first = [...entries].sort((a, b) => a.headerOffset - b.headerOffset)[0];
  if (!first || first.path !== 'mimetype') {
    throw unsupportedFile('epub', 'An EPUB must begin with its "mimetype" entry', { detected: 'zip' });
  }
  const mimetype = Buffer.from(await readEntry(source, first, 200))
    .toString('latin1')
    .trim();
  if (mimetype !== 'application/epub+zip') {
    throw unsupportedFile(
      'epub',
      `The EPUB's mimetype entry says "${mimetype.slice(0, 60)}", not application/epub+zip`,
      { detected: 'zip' },
    );
  }
  if (!entries.some((e) => e.path === 'META-INF/container.xml')) {
    throw unsupportedFile('epub', 'The EPUB has no META-INF/container.xml', { detected: 'zip' });
  }
}
