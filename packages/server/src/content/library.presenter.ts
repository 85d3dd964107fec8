import {
  libraryPackageUrl,
  namedBlobUrl,
  type BlobRef,
  type Captions,
  type Html5Package,
  type LibraryItem,
  type LibraryItemDetail,
} from '@satchel/core';
import { parseJson } from '../platform/json.js';
import type { LibraryItemRow } from './library.repo.js';

const EXTENSIONS: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/ogg': 'ogv',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/webm': 'weba',
  'application/pdf': 'pdf',
  'application/epub+zip': 'epub',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'text/vtt': 'vtt',
};

/** A file name for downloads: the title, made safe by the blob route, plus the type's extension. */
export function downloadName(title: string, mediaType: string): string {
  const ext = EXTENSIONS[mediaType];
  return ext ? `${title}.${ext}` : title;
}

export function itemPackage(row: LibraryItemRow): Html5Package | null {
  return row.package ? parseJson<Html5Package>(row.package, 'library_items.package') : null;
}

export function presentItem(row: LibraryItemRow, tenantSlug: string): LibraryItem {
  const pkg = itemPackage(row);
  const file: BlobRef | null = row.blob_sha256
    ? { sha256: row.blob_sha256, size: Number(row.size), mediaType: row.media_type }
    : null;
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    language: row.language,
    licence: row.licence,
    author: row.author,
    provider: row.provider,
    sourceUrl: row.source_url,
    file,
    size: Number(row.size),
    mediaType: row.media_type,
    captions: parseJson<Captions[]>(row.captions, 'library_items.captions'),
    package: pkg ? { entry: pkg.entry, fileCount: Object.keys(pkg.files).length } : null,
    durationSeconds: row.duration_seconds,
    fileUrl: file ? namedBlobUrl(tenantSlug, file.sha256, downloadName(row.title, file.mediaType)) : null,
    launchUrl: pkg ? libraryPackageUrl(tenantSlug, row.id, pkg.entry) : null,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function presentDetail(row: LibraryItemRow, tenantSlug: string): LibraryItemDetail {
  const pkg = itemPackage(row);
  return {
    ...presentItem(row, tenantSlug),
    package: pkg ? { entry: pkg.entry, files: pkg.files, fileCount: Object.keys(pkg.files).length } : null,
  };
}
