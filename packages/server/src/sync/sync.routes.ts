import {
  ConflictList,
  HubSummary,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
  RegisterHubRequest,
  RegisterHubResponse,
  SlugParam,
  SyncStatusResponse,
} from '@satchel/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Router } from '../http/route.js';
import type { SyncClient } from './sync.client.js';
import { HUB_HEADER, type SyncService } from './sync.service.js';
import { encodeBody } from './sync.statements.js';

/** Sync batches are larger than ordinary requests (gzip on the wire, this is the decoded size). */
export const SYNC_BODY_LIMIT = 32 * 1024 * 1024;

const HubParams = SlugParam.extend({ hubId: z.string().min(1).max(100) });
const ConflictQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/**
 * Sends JSON compressed when the client accepts it (pages of records compress ~10×): brotli
 * for clients that ask for it (hubs of protocol 2 on; it reaches across records further apart
 * than gzip's window), else gzip.
 */
async function sendJson(req: FastifyRequest, reply: FastifyReply, body: unknown): Promise<FastifyReply> {
  const text = JSON.stringify(body);
  const accepted = String(req.headers['accept-encoding'] ?? '');
  const brotli = /\bbr\b/.test(accepted);
  if (brotli || /\bgzip\b/.test(accepted)) {
    const encoded = await encodeBody(text, brotli);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-encoding', encoded.encoding)
      .send(encoded.body);
  }
  return reply.header('content-type', 'application/json; charset=utf-8').send(text);
}

export function syncRoutes(router: Router, sync: SyncService, client: SyncClient): void {
  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/sync/hubs',
      summary:
        'Register a hub: issues a credential for this platform (optionally limited to classes); shown once',
      tags: ['sync'],
      access: ['admin'],
      params: SlugParam,
      body: RegisterHubRequest,
      response: RegisterHubResponse,
      status: 201,
    },
    async ({ tenant, actor, body }) => sync.registerHub(tenant, actor, body),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/sync/hubs',
      summary: "The platform's hubs: last contact, backlog, revocation",
      tags: ['sync'],
      access: ['admin'],
      params: SlugParam,
      response: z.object({ items: z.array(HubSummary) }),
    },
    async ({ tenant }) => ({ items: await sync.listHubs(tenant.id) }),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/sync/hubs/:hubId/revoke',
      summary: "Revoke a hub's credential: its next sync is refused (403 hub_revoked)",
      tags: ['sync'],
      access: ['admin'],
      params: HubParams,
      response: HubSummary,
    },
    async ({ tenant, params }) => sync.revokeHub(tenant.id, params.hubId),
  );

  router.add(
    {
      method: 'POST',
      url: '/api/t/:tenant/sync/pull',
      summary:
        'Hub pull: the records the hub lacks given its version vector, one page (gzip); hub credential in x-satchel-hub',
      tags: ['sync'],
      access: 'public',
      params: SlugParam,
      body: PullRequest,
      response: PullResponse,
      bodyLimit: SYNC_BODY_LIMIT,
    },
    async ({ tenant, body, req, reply }) => {
      const hub = await sync.authenticateHub(tenant!, header(req), body.instance);
      return sendJson(req, reply, await sync.pull(tenant!, hub, body));
    },
  );

  router.add(
    {
      method: 'POST',
      url: '/api/t/:tenant/sync/push',
      summary:
        'Hub push: applies a batch of records idempotently, merged per kind, conflicts logged (body may be gzip)',
      tags: ['sync'],
      access: 'public',
      params: SlugParam,
      body: PushRequest,
      response: PushResponse,
      bodyLimit: SYNC_BODY_LIMIT,
    },
    async ({ tenant, body, req }) => {
      const hub = await sync.authenticateHub(tenant!, header(req), body.instance);
      return sync.push(tenant!, hub, body);
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/sync/status',
      summary: "This server's sync with its upstream: last sync, what waits, errors, conflicts",
      tags: ['sync'],
      access: ['admin'],
      params: SlugParam,
      response: SyncStatusResponse,
    },
    async ({ tenant }) => sync.status(tenant.id),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/sync/run',
      summary: 'Sync with the upstream now (pull then push); answers with the status afterwards',
      tags: ['sync'],
      access: ['admin'],
      params: SlugParam,
      response: SyncStatusResponse,
    },
    async ({ tenant }) => {
      const link = await sync.repo.link(tenant.id);
      if (link) await client.syncLink(link);
      return sync.status(tenant.id);
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/sync/conflicts',
      summary: 'The conflict log: values that lost to a concurrent edit on another server',
      tags: ['sync'],
      access: ['admin'],
      params: SlugParam,
      query: ConflictQuery,
      response: ConflictList,
    },
    async ({ tenant, query }) => sync.conflicts(tenant.id, query.limit, query.offset),
  );
}

function header(req: FastifyRequest): string | undefined {
  const v = req.headers[HUB_HEADER];
  return Array.isArray(v) ? v[0] : v;
}
