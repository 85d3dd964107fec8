import {
  CreateForwardingDestinationRequest,
  ForwardingDestinationList,
  ForwardingDestinationParams,
  ForwardingDestinationResponse,
  SlugParam,
  UpdateForwardingDestinationRequest,
} from '@satchel/core';
import type { Router } from '../http/route.js';
import type { ForwardingService } from './forwarding.service.js';

const BASE = '/api/t/:tenant/forwarding/destinations';

export function forwardingRoutes(router: Router, forwarding: ForwardingService): void {
  router.authed(
    {
      method: 'GET',
      url: BASE,
      summary: 'Outside LRSs this platform forwards its statements to, with their delivery status',
      tags: ['lrs'],
      access: ['admin'],
      params: SlugParam,
      response: ForwardingDestinationList,
    },
    async ({ tenant }) => ({ items: await forwarding.list(tenant.id) }),
  );

  router.authed(
    {
      method: 'POST',
      url: BASE,
      summary: 'Forward this platform’s statements to an outside LRS (its secret is never shown again)',
      tags: ['lrs'],
      access: ['admin'],
      params: SlugParam,
      body: CreateForwardingDestinationRequest,
      response: ForwardingDestinationResponse,
      status: 201,
    },
    async ({ tenant, body }) => ({ destination: await forwarding.create(tenant.id, body) }),
  );

  router.authed(
    {
      method: 'GET',
      url: `${BASE}/:destinationId`,
      summary: 'One forwarding destination: settings, pending statements, last delivery, last error',
      tags: ['lrs'],
      access: ['admin'],
      params: ForwardingDestinationParams,
      response: ForwardingDestinationResponse,
    },
    async ({ tenant, params }) => ({ destination: await forwarding.get(tenant.id, params.destinationId) }),
  );

  router.authed(
    {
      method: 'PATCH',
      url: `${BASE}/:destinationId`,
      summary: 'Change a forwarding destination (leave `auth` out to keep its credentials)',
      tags: ['lrs'],
      access: ['admin'],
      params: ForwardingDestinationParams,
      body: UpdateForwardingDestinationRequest,
      response: ForwardingDestinationResponse,
    },
    async ({ tenant, params, body }) => ({
      destination: await forwarding.update(tenant.id, params.destinationId, body),
    }),
  );

  for (const [action, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    router.authed(
      {
        method: 'POST',
        url: `${BASE}/:destinationId/${action}`,
        summary: paused
          ? 'Pause forwarding to this destination (statements keep queueing)'
          : 'Resume forwarding to this destination, at once (any backoff is cleared)',
        tags: ['lrs'],
        access: ['admin'],
        params: ForwardingDestinationParams,
        response: ForwardingDestinationResponse,
      },
      async ({ tenant, params }) => ({
        destination: await forwarding.setPaused(tenant.id, params.destinationId, paused),
      }),
    );
  }

  router.authed(
    {
      method: 'DELETE',
      url: `${BASE}/:destinationId`,
      summary: 'Stop forwarding to this destination and drop its queue',
      tags: ['lrs'],
      access: ['admin'],
      params: ForwardingDestinationParams,
      status: 204,
    },
    async ({ tenant, params }) => {
      await forwarding.remove(tenant.id, params.destinationId);
      return null;
    },
  );
}
