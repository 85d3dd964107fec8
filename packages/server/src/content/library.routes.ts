import { Readable } from 'node:stream';
import {
  CaptionsUploadQuery,
  LibraryItemParams,
  LibraryItemResponse,
  LibraryListQuery,
  LibraryListResponse,
  LibraryUploadQuery,
  LocaleTag,
  UpdateLibraryItemRequest,
} from '@satchel/core';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../http/context.js';
import { AppError } from '../http/errors.js';
import type { BodyParser, Router } from '../http/route.js';
import type { LibraryService } from './library.service.js';

const AUTHORS = ['author', 'admin'] as const;
const RAW_BODY: readonly BodyParser[] = [{ contentType: '*', parseAs: 'stream' }];
const TenantParam = z.object({ tenant: z.string() });
const CaptionsParams = LibraryItemParams.extend({ lang: LocaleTag });

// What an HTML form can send cross-site; a file upload made with the session cookie
// must come from script (fetch with the file's own type or application/octet-stream).
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

/**
 * The unread request body, with what the client declared about it. If the work fails
 * part-way, the rest of the body is drained so the client reads the error instead of
 * a reset connection.
 */
async function withUploadBody<T>(
  req: FastifyRequest,
  actor: Actor,
  body: unknown,
  work: (stream: Readable, declared?: number) => Promise<T>,
): Promise<T> {
  if (actor.via === 'session' && FORM_TYPES.test(req.headers['content-type'] ?? '')) {
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the file itself as the body (Content-Type application/octet-stream or its own type), not a form',
    );
  }
  const stream = body instanceof Readable ? body : req.raw;
  const length = req.headers['content-length'];
  const declared = length && /^\d+$/.test(length) ? Number(length) : undefined;
  try {
    return await work(stream, declared);
  } catch (err) {
    if (!stream.readableEnded) stream.resume();
    throw err;
  }
}

export function libraryRoutes(router: Router, library: LibraryService): void {
  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/library/uploads',
      summary:
        'Upload a file to the library (the raw file is the body; kind, title and licence in the query)',
      tags: ['content'],
      access: AUTHORS,
      params: TenantParam,
      query: LibraryUploadQuery,
      response: LibraryItemResponse,
      status: 201,
      parsers: RAW_BODY,
    },
    async ({ tenant, actor, query, body, req }) =>
      withUploadBody(req, actor, body, async (stream, declared) => ({
        item: await library.upload(tenant, actor.userId, stream, query, declared),
      })),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/library',
      summary:
        'Library items (filter by kind, licence, language; q searches title, description, author, provider)',
      tags: ['content'],
      access: AUTHORS,
      params: TenantParam,
      query: LibraryListQuery,
      response: LibraryListResponse,
    },
    async ({ tenant, query }) => library.list(tenant, query),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/library/:itemId',
      summary: 'One library item, with an html5 package’s files',
      tags: ['content'],
      access: AUTHORS,
      params: LibraryItemParams,
      response: LibraryItemResponse,
    },
    async ({ tenant, params }) => ({ item: await library.get(tenant, params.itemId) }),
  );

  router.authed(
    {
      method: 'PATCH',
      url: '/api/t/:tenant/library/:itemId',
      summary: 'Edit a library item’s title, description, language and attribution',
      tags: ['content'],
      access: AUTHORS,
      params: LibraryItemParams,
      body: UpdateLibraryItemRequest,
      response: LibraryItemResponse,
    },
    async ({ tenant, params, body }) => ({ item: await library.update(tenant, params.itemId, body) }),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/library/:itemId',
      summary: 'Remove a library item (its files stay for the course versions that use them)',
      tags: ['content'],
      access: AUTHORS,
      params: LibraryItemParams,
      status: 204,
    },
    async ({ tenant, params }) => library.remove(tenant, params.itemId),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/library/:itemId/captions',
      summary:
        'Add or replace the WebVTT captions of a video or audio item in one language (the file is the body)',
      tags: ['content'],
      access: AUTHORS,
      params: LibraryItemParams,
      query: CaptionsUploadQuery,
      response: LibraryItemResponse,
      parsers: RAW_BODY,
    },
    async ({ tenant, actor, params, query, body, req }) =>
      withUploadBody(req, actor, body, async (stream, declared) => ({
        item: await library.addCaptions(tenant, params.itemId, query, stream, declared),
      })),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/library/:itemId/captions/:lang',
      summary: 'Remove an item’s captions in one language',
      tags: ['content'],
      access: AUTHORS,
      params: CaptionsParams,
      response: LibraryItemResponse,
    },
    async ({ tenant, params }) => ({
      item: await library.removeCaptions(tenant, params.itemId, params.lang),
    }),
  );
}
