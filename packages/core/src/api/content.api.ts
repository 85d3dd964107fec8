import { z } from 'zod';
import { BlobRef, Captions, LocaleTag, type Attribution } from '../course/course.schema.js';
import { Page } from './common.api.js';

// The content library: uploaded files with their licence and origin, served by hash.
//
// URLs (tenant by slug):
//   GET  /api/t/:tenant/blobs/:sha256[?name=file.pdf&download=1]  a stored file (Range, ETag, immutable)
//   POST /api/t/:tenant/library/uploads?kind=…&title=…&licence=…   raw file body (not multipart)
//   GET  /api/t/:tenant/library/:itemId/package/<path>     a file of an html5 library item
//   GET  /api/t/:tenant/packages/:versionId/:lessonId/<path>  a file of a published html5 lesson

export const LIBRARY_KINDS = ['video', 'audio', 'pdf', 'image', 'epub', 'html5', 'captions', 'h5p'] as const;
export const LibraryKind = z.enum(LIBRARY_KINDS);
export type LibraryKind = z.infer<typeof LibraryKind>;

/** Licences the UI offers first; any SPDX-style identifier is accepted. */
export const COMMON_LICENCES = [
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-4.0',
  'CC-BY-NC-SA-4.0',
  'CC-BY-ND-4.0',
  'CC-BY-NC-ND-4.0',
  'CC0-1.0',
  'public-domain',
  'all-rights-reserved',
] as const;

export const Licence = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9.+-]*$/,
    'a licence identifier such as CC-BY-4.0, CC0-1.0 or all-rights-reserved',
  );

const Title = z.string().trim().min(1).max(300);
const Person = z.string().trim().min(1).max(300);
const SourceUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** Query of `POST /api/t/:tenant/library/uploads`; the body is the file itself. */
export const LibraryUploadQuery = z.object({
  kind: LibraryKind,
  title: Title,
  licence: Licence,
  author: Person.optional(),
  provider: Person.optional(),
  sourceUrl: SourceUrl.optional(),
  language: LocaleTag.optional(),
  description: z.string().max(4000).optional(),
});
export type LibraryUploadQuery = z.infer<typeof LibraryUploadQuery>;

export const LibraryListQuery = z.object({
  kind: LibraryKind.optional(),
  licence: z.string().trim().min(1).max(100).optional(),
  /** Matches the tag and its regional variants: `fr` finds `fr` and `fr-CA`. */
  language: LocaleTag.optional(),
  /** Words in the title, description, author or provider. */
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type LibraryListQuery = z.infer<typeof LibraryListQuery>;

/** null clears an optional field. `version`, when given, refuses the edit if someone else saved first. */
export const UpdateLibraryItemRequest = z.object({
  title: Title.optional(),
  description: z.string().max(4000).optional(),
  licence: Licence.optional(),
  author: Person.nullable().optional(),
  provider: Person.nullable().optional(),
  sourceUrl: SourceUrl.nullable().optional(),
  language: LocaleTag.nullable().optional(),
  version: z.number().int().positive().optional(),
});
export type UpdateLibraryItemRequest = z.infer<typeof UpdateLibraryItemRequest>;

/** Query of `POST /api/t/:tenant/library/:itemId/captions`; the body is a WebVTT file. */
export const CaptionsUploadQuery = z.object({
  lang: LocaleTag,
  label: z.string().trim().min(1).max(100),
});
export type CaptionsUploadQuery = z.infer<typeof CaptionsUploadQuery>;

/** An unpacked html5 package: every file by its path inside the package. */
export const Html5Package = z.object({
  entry: z.string().min(1).max(500),
  files: z.record(z.string(), BlobRef),
});
export type Html5Package = z.infer<typeof Html5Package>;

export const LibraryItem = z.object({
  id: z.uuid(),
  kind: LibraryKind,
  title: z.string(),
  description: z.string(),
  language: z.string().nullable(),
  licence: z.string(),
  author: z.string().nullable(),
  provider: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  /** The stored file; null for html5 packages, whose files are listed in the detail. */
  file: BlobRef.nullable(),
  /** Bytes: the file, or the sum of a package's files. */
  size: z.number().int().nonnegative(),
  mediaType: z.string(),
  captions: z.array(Captions),
  package: z.object({ entry: z.string(), fileCount: z.number().int().nonnegative() }).nullable(),
  durationSeconds: z.number().nullable(),
  /** GET it with the session cookie (works in <video>, <img>, <a download>). */
  fileUrl: z.string().nullable(),
  /** An html5 item's entry page, for a sandboxed <iframe>. */
  launchUrl: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type LibraryItem = z.infer<typeof LibraryItem>;

export const LibraryItemDetail = LibraryItem.extend({
  package: Html5Package.extend({ fileCount: z.number().int().nonnegative() }).nullable(),
});
export type LibraryItemDetail = z.infer<typeof LibraryItemDetail>;

export const LibraryItemResponse = z.object({ item: LibraryItemDetail });
export type LibraryItemResponse = z.infer<typeof LibraryItemResponse>;

export const LibraryListResponse = Page(LibraryItem);
export type LibraryListResponse = z.infer<typeof LibraryListResponse>;

export const LibraryItemParams = z.object({ tenant: z.string(), itemId: z.uuid() });
export const BlobParams = z.object({
  tenant: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256'),
});
export const BlobQuery = z.object({
  /** Served as `Content-Disposition: inline; filename=…` (a safe version of it). */
  name: z.string().min(1).max(255).optional(),
  /** `1`: `Content-Disposition: attachment` instead, so the browser saves the file. */
  download: z.enum(['0', '1', 'true', 'false']).optional(),
});

/** The attribution a lesson made from a library item must carry. */
export function libraryAttribution(
  item: Pick<LibraryItem, 'title' | 'licence' | 'author' | 'provider' | 'sourceUrl'>,
): Attribution {
  return {
    title: item.title,
    licence: item.licence,
    ...(item.author ? { author: item.author } : {}),
    ...(item.provider ? { provider: item.provider } : {}),
    ...(item.sourceUrl ? { sourceUrl: item.sourceUrl } : {}),
  };
}

const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** A stored file served under a file name (`Content-Disposition`), as a download when asked. */
export function namedBlobUrl(tenantSlug: string, sha256: string, name: string, download = false): string {
  return `/api/t/${tenantSlug}/blobs/${sha256}?name=${encodeURIComponent(name)}${download ? '&download=1' : ''}`;
}

/** A file of an html5 library item (an author's preview). */
export function libraryPackageUrl(tenantSlug: string, itemId: string, path: string): string {
  return `/api/t/${tenantSlug}/library/${itemId}/package/${encodePath(path)}`;
}

/** A file of an html5 lesson of a published course version; `lesson.entry` is the page to open. */
export function lessonPackageUrl(
  tenantSlug: string,
  versionId: string,
  lessonId: string,
  path: string,
): string {
  return `/api/t/${tenantSlug}/packages/${versionId}/${lessonId}/${encodePath(path)}`;
}
