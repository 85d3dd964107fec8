import { CinemaLibraryResponse, HubMediaQuery, PackPlanResponse, PlanParams, SlugParam } from '@satchel/core';
import type { FastifyRequest } from 'fastify';
import type { Services } from '../app/services.js';
import type { Router } from '../http/route.js';
import { upstreamFromLink } from '../mirror/mirror.link.js';
import { INSTANCE_HEADER } from '../mirror/mirror.schema.js';
import { HUB_HEADER } from '../sync/sync.service.js';
import { CinemaRepo } from './cinema.repo.js';
import { packPlans, type PackDeps } from './cinema.pack.js';

// "Pack for the field" from the web app. On a registered hub the button copies what one plan
// needs from the hub's upstream with the hub credential (no API token to paste), then verifies
// every file; on a server with no upstream it only verifies, since everything is local. The
// upstream side answers the hub's question "which library items are these?" here too.

const TAGS = ['cinema'];

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function cinemaPackRoutes(
  router: Router,
  services: Pick<Services, 'ctx' | 'cinema' | 'blobs' | 'sync'>,
): void {
  const deps: PackDeps = {
    repo: new CinemaRepo(services.ctx.handle.db),
    cinema: services.cinema,
    blobs: services.blobs,
    blobDir: services.ctx.config.blobDir,
    clock: services.ctx.clock,
  };
  const sync = services.sync.service;

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/cinema/plans/:planId/pack',
      summary:
        'Pack a plan for the field: on a registered hub, copy the library items and files it lacks from the upstream (verified by hash); then check every file plays (upstream null: no upstream, checked only)',
      tags: TAGS,
      access: ['admin', 'author', 'facilitator'],
      params: PlanParams,
      response: PackPlanResponse,
    },
    async ({ tenant, actor, params }) => {
      const link = await upstreamFromLink(sync, tenant.id);
      // A person waits on the button: a dropped link is tried a few times, not for half a minute.
      const upstream = link ? { ...link, retries: 3, backoffMs: 500 } : null;
      const [packed] = await packPlans(deps, tenant, actor, [params.planId], upstream);
      if (!packed) throw new Error('packPlans returned no result for one plan');
      return { ...packed, upstream: link?.baseUrl ?? null };
    },
  );

  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/cinema/hub/media',
      summary:
        'For a registered hub packing plans: the library media items among ?ids= (rows, not files: those come from the mirror); hub credential in x-satchel-hub',
      tags: TAGS,
      access: 'public',
      params: SlugParam,
      query: HubMediaQuery,
      response: CinemaLibraryResponse,
    },
    async ({ tenant, query, req }) => {
      await sync.authenticateHub(tenant!, header(req, HUB_HEADER), header(req, INSTANCE_HEADER) ?? '');
      return services.cinema.mediaLibrary(tenant!.id, query.ids);
    },
  );
}
