import { BlobParams, BlobQuery } from '@satchel/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Router } from '../http/route.js';
import { contentDisposition, sendBlob, sendRedirect } from './blob-response.js';
import type { BlobStore } from './blob-store.js';
import { isPassiveMediaType, mediaTypeForPath, OCTET_STREAM } from './media-types.js';
import type { PackageFiles, PackageHit } from './packages.service.js';

// Reading stored content. Access rules (see BlobStore.forReader and the report):
// - /blobs/:sha256: members of the tenant (session cookie, so <video>/<img> just work);
//   without sign-in only the tenant's logo and its catalog covers. Never another
//   tenant's blob, whatever hash is asked for.
// - html5 package files: a sandboxed page loads its scripts and images with no cookie
//   (its origin is opaque), so these URLs are capabilities: they need the item id, or
//   the published version id plus lesson id, which only members are given.

/** A package page may run its own scripts, but in a unique origin: no cookies, no API, no parent DOM. */
const PACKAGE_HEADERS: Record<string, string> = {
  'content-security-policy': 'sandbox allow-scripts allow-forms allow-popups',
  // Module scripts, fonts and fetch() from that opaque origin are CORS requests (without credentials).
  'access-control-allow-origin': '*',
  // Links out of a package must not carry its capability URL along.
  'referrer-policy': 'no-referrer',
};

/** Stored HTML, SVG and the like are served inert: no script may run on the platform's origin. */
const INERT = "sandbox; default-src 'none'";

const PackagePath = z.string().max(2048);
const LibraryPackageParams = z.object({ tenant: z.string(), itemId: z.uuid(), '*': PackagePath });
const LessonPackageParams = z.object({
  tenant: z.string(),
  versionId: z.uuid(),
  lessonId: z.uuid(),
  '*': PackagePath,
});

export function blobRoutes(router: Router, blobs: BlobStore, packages: PackageFiles): void {
  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/blobs/:sha256',
      summary: 'A stored file by SHA-256 (Range requests, strong ETag, immutable; HEAD too)',
      tags: ['content'],
      access: 'public',
      params: BlobParams,
      query: BlobQuery,
    },
    async ({ tenant, actor, params, query, req, reply }) => {
      const { ref, isPublic } = await blobs.forReader(tenant!.id, actor !== null, params.sha256);
      const headers: Record<string, string> = {};
      if (!isPassiveMediaType(ref.mediaType)) headers['content-security-policy'] = INERT;
      const download = query.download === '1' || query.download === 'true';
      if (query.name)
        headers['content-disposition'] = contentDisposition(query.name, download ? 'attachment' : 'inline');
      else if (download) headers['content-disposition'] = 'attachment';
      return sendBlob(req, reply, {
        ...ref,
        contentType: ref.mediaType,
        file: blobs.filePath(ref.sha256),
        cache: isPublic ? 'public' : 'private',
        headers,
      });
    },
  );

  const sendPackageFile = (
    req: FastifyRequest,
    reply: FastifyReply,
    hit: PackageHit,
  ): Promise<FastifyReply> | FastifyReply => {
    if (hit.kind === 'entry') {
      // Relative links in the entry page resolve against its own folder, so go there.
      const base = (req.url.split('?')[0] ?? '').replace(/\/?$/, '/');
      return sendRedirect(reply, base + hit.entry.split('/').map(encodeURIComponent).join('/'));
    }
    const byExtension = mediaTypeForPath(hit.path);
    return sendBlob(req, reply, {
      sha256: hit.ref.sha256,
      size: hit.ref.size,
      contentType: byExtension === OCTET_STREAM ? hit.ref.mediaType : byExtension,
      file: blobs.filePath(hit.ref.sha256),
      cache: 'public',
      headers: PACKAGE_HEADERS,
    });
  };

  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/library/:itemId/package/*',
      summary: 'A file of an html5 library item, sandboxed (the empty path redirects to the entry page)',
      tags: ['content'],
      access: 'public',
      params: LibraryPackageParams,
    },
    async ({ tenant, params, req, reply }) =>
      sendPackageFile(req, reply, await packages.libraryFile(tenant!.id, params.itemId, params['*'])),
  );

  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/packages/:versionId/:lessonId/*',
      summary: 'A file of an html5 lesson of a published course version, sandboxed',
      tags: ['content'],
      access: 'public',
      params: LessonPackageParams,
    },
    async ({ tenant, params, req, reply }) =>
      sendPackageFile(
        req,
        reply,
        await packages.lessonFile(tenant!.id, params.versionId, params.lessonId, params['*']),
      ),
  );
}
