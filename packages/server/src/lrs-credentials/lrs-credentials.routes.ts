import {
  CreateLrsCredentialRequest,
  CreatedLrsCredential,
  LrsCredentialListResponse,
  LrsCredentialParams,
  SlugParam,
} from '@satchel/core';
import type { Router } from '../http/route.js';
import type { LrsCredentialService } from './lrs-credentials.service.js';

export function lrsCredentialRoutes(router: Router, credentials: LrsCredentialService): void {
  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/lrs-credentials',
      summary: 'LRS credentials of this platform (revoked ones included)',
      tags: ['lrs'],
      access: ['admin'],
      params: SlugParam,
      response: LrsCredentialListResponse,
    },
    async ({ tenant }) => ({ items: await credentials.list(tenant.id) }),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/lrs-credentials',
      summary: 'Create an LRS key and secret for an outside tool (the secret is shown only in this response)',
      tags: ['lrs'],
      access: ['admin'],
      params: SlugParam,
      body: CreateLrsCredentialRequest,
      response: CreatedLrsCredential,
      status: 201,
    },
    async ({ tenant, body }) => credentials.create(tenant.id, body.name),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/lrs-credentials/:credentialId',
      summary: 'Revoke an LRS credential',
      tags: ['lrs'],
      access: ['admin'],
      params: LrsCredentialParams,
      status: 204,
    },
    async ({ tenant, params }) => {
      await credentials.revoke(tenant.id, params.credentialId);
      return null;
    },
  );
}
