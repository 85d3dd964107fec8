import {
  CinemaLibraryResponse,
  HubMediaQuery,
  HubPlanResponse,
  HubPlansQuery,
  PackPlanResponse,
  PlanListResponse,
  PlanParams,
  SlugParam,
  UpstreamPlansResponse,
} from '@satchel/core';
import type { FastifyRequest } from 'fastify';
import type { Services } from '../app/services.js';
import { hasRole, type Actor, type TenantRef } from '../http/context.js';
import { forbidden } from '../http/errors.js';
import type { Router } from '../http/route.js';
import { upstreamFromLink } from '../mirror/mirror.link.js';
import { INSTANCE_HEADER } from '../mirror/mirror.schema.js';
import { HUB_HEADER } from '../sync/sync.service.js';
import { CinemaHubService, hubAsker } from './cinema.hub.js';
import { CinemaRepo } from './cinema.repo.js';
import { packPlans, type PackDeps } from './cinema.pack.js';
import { fetchUpstreamPlans } from './cinema.upstream.js';

// "Pack for the field" from the web app. On a registered hub the button copies what one plan
// needs from the hub's upstream with the hub credential (no API token to paste): the plan itself
// when it has not arrived by record sync, its library items and their files; then it verifies
// every file. On a server with no upstream it only verifies, since everything is local. The
// upstream side answers the hub's questions here too: which plans may this facilitator take, one
// plan with its sync record, and which library items are these.

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
    records: services.sync.service,
  };
  const sync = services.sync.service;
  const hubPlans = new CinemaHubService(deps.repo, services.cinema, sync.tracker);

  /** Who asks the upstream for plans: a hub (for the facilitator it names), or a member's token. */
  const asker = async (
    tenant: TenantRef,
    actor: Actor | null,
    req: FastifyRequest,
    userId: string | undefined,
  ): Promise<Actor> => {
    const credential = header(req, HUB_HEADER);
    if (credential === undefined && actor) {
      if (!hasRole(actor, 'admin', 'author', 'facilitator'))
        throw forbidden('This needs one of the roles: admin, author, facilitator');
      return actor;
    }
    await sync.authenticateHub(tenant, credential, header(req, INSTANCE_HEADER) ?? '');
    return hubAsker(deps.repo, tenant.id, userId);
  };

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
      const upstream = link ? { ...link, asUser: actor.userId, retries: 3, backoffMs: 500 } : null;
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

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/cinema/upstream/plans',
      summary:
        'On a registered hub: the plans its upstream holds for the signed-in facilitator (theirs and the shared ones) that are not on this hub yet, asked with the hub credential; upstream null on a server that is no hub',
      tags: TAGS,
      access: ['admin', 'author', 'facilitator'],
      params: SlugParam,
      response: UpstreamPlansResponse,
    },
    async ({ tenant, actor }) => {
      const link = await upstreamFromLink(sync, tenant.id);
      if (!link) return { upstream: null, items: [] };
      // A person waits on the page: an upstream that does not answer is reported within seconds.
      const theirs = await fetchUpstreamPlans(
        { ...link, asUser: actor.userId, answerTimeoutMs: 10_000 },
        tenant.slug,
      );
      const here = await deps.repo.planIdsHere(
        tenant.id,
        theirs.map((plan) => plan.id),
      );
      return { upstream: link.baseUrl, items: theirs.filter((plan) => !here.has(plan.id)) };
    },
  );

  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/cinema/hub/plans',
      summary:
        'For a registered hub (credential in x-satchel-hub) or a facilitator’s API token: the plans ?userId= (or the token’s user) may see here, their own and the shared ones; shared only without a user',
      tags: TAGS,
      access: 'public',
      params: SlugParam,
      query: HubPlansQuery,
      response: PlanListResponse,
    },
    async ({ tenant, actor, query, req }) => {
      const who = await asker(tenant!, actor, req, query.userId);
      return { items: await hubPlans.plans(tenant!.id, who) };
    },
  );

  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/cinema/hub/plans/:planId',
      summary:
        'For a registered hub or a facilitator’s API token: one plan the asker may see, with its record-sync record, to apply as a pull would (so its later arrival by sync changes nothing)',
      tags: TAGS,
      access: 'public',
      params: PlanParams,
      query: HubPlansQuery,
      response: HubPlanResponse,
    },
    async ({ tenant, actor, params, query, req }) => {
      const who = await asker(tenant!, actor, req, query.userId);
      return hubPlans.plan(tenant!.id, who, params.planId);
    },
  );
}
