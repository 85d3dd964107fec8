import { BlobParams, SlugParam } from '@satchel/core';
import type { FastifyRequest } from 'fastify';
import { sendBlob } from '../content/blob-response.js';
import type { BlobStore } from '../content/blob-store.js';
import type { Actor, TenantRef } from '../http/context.js';
import { forbidden, notFound, unauthenticated } from '../http/errors.js';
import type { Router } from '../http/route.js';
import { HUB_HEADER, type SyncService } from '../sync/sync.service.js';
import { INSTANCE_HEADER, MirrorFilter, MirrorIndex, MirrorVersionParams } from './mirror.schema.js';
import type { MirrorService } from './mirror.service.js';

// The upstream side of mirroring. A hub authenticates with the credential record sync
// issued it at registration (`x-satchel-hub: <hubId>.<secret>` plus its instance id in
// `x-satchel-instance`), or, before it is registered, with an admin's API token
// (`Authorization: Bearer sat_…`). It lists what the filter selects, then fetches each
// manifest and each file here (files with Range, for resuming).

const tags = ['mirror'];

type HubAuth = Pick<SyncService, 'authenticateHub'>;

function one(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A registered hub of the tenant, or a tenant admin (or the operator). */
async function authorise(
  sync: HubAuth,
  tenant: TenantRef,
  actor: Actor | null,
  req: FastifyRequest,
): Promise<void> {
  const hub = one(req, HUB_HEADER);
  if (hub !== undefined) {
    await sync.authenticateHub(tenant, hub, one(req, INSTANCE_HEADER) ?? '');
    return;
  }
  if (!actor) throw unauthenticated('Mirroring needs a hub credential or an admin’s API token');
  if (!actor.isOperator && !actor.roles.includes('admin'))
    throw forbidden('Only a registered hub or an admin of this platform can mirror it', {
      requiredRoles: ['admin'],
    });
}

export function mirrorRoutes(router: Router, mirror: MirrorService, blobs: BlobStore, sync: HubAuth): void {
  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/mirror/index',
      summary:
        'Published course versions for a hub to mirror (filter by courses, languages, grades), with their files and catalog rows; hub credential or admin token',
      tags,
      access: 'public',
      params: SlugParam,
      query: MirrorFilter,
      response: MirrorIndex,
    },
    async ({ tenant, actor, query, req }) => {
      await authorise(sync, tenant!, actor, req);
      return mirror.index(tenant!, query);
    },
  );

  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/mirror/versions/:versionId/manifest',
      summary: 'A published version’s manifest exactly as stored (its SHA-256 is in the mirror index)',
      tags,
      access: 'public',
      params: MirrorVersionParams,
    },
    async ({ tenant, actor, params, req, reply }) => {
      await authorise(sync, tenant!, actor, req);
      const json = await mirror.manifestJson(tenant!.id, params.versionId);
      void reply.header('content-type', 'application/json; charset=utf-8');
      void reply.header('cache-control', 'private, max-age=31536000, immutable');
      return json;
    },
  );

  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/mirror/blobs/:sha256',
      summary:
        'A stored file for a hub (Range, If-Range and ETag, for resuming); hub credential or admin token',
      tags,
      access: 'public',
      params: BlobParams,
    },
    async ({ tenant, actor, params, req, reply }) => {
      await authorise(sync, tenant!, actor, req);
      const ref = await blobs.stat(tenant!.id, params.sha256);
      if (!ref) throw notFound('blob_not_found', 'This platform has no such file', { sha256: params.sha256 });
      return sendBlob(req, reply, {
        ...ref,
        contentType: 'application/octet-stream',
        file: blobs.filePath(ref.sha256),
        cache: 'private',
      });
    },
  );
}
