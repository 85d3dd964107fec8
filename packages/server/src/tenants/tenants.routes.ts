import {
  CreateTenantRequest,
  PublicTenantResponse,
  SlugParam,
  TenantListResponse,
  TenantSettings,
  UpdateTenantRequest,
} from '@satchel/core';
import type { Router } from '../http/route.js';
import type { TenantService } from './tenants.service.js';

export function tenantRoutes(router: Router, tenants: TenantService): void {
  router.add(
    {
      method: 'GET',
      url: '/api/tenants',
      summary: 'List the platforms on this instance',
      tags: ['tenants'],
      access: 'public',
      response: TenantListResponse,
    },
    async () => ({ items: await tenants.list() }),
  );

  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/public',
      summary: 'What anyone may know about a platform before signing in',
      tags: ['tenants'],
      access: 'public',
      params: SlugParam,
      response: PublicTenantResponse,
    },
    async ({ tenant }) => ({ tenant: await tenants.publicInfo(tenant!) }),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/settings',
      summary: 'Platform settings',
      tags: ['tenants'],
      access: ['admin'],
      params: SlugParam,
      response: TenantSettings,
    },
    async ({ tenant }) => tenants.settings(tenant.id),
  );

  router.authed(
    {
      method: 'PATCH',
      url: '/api/t/:tenant/settings',
      summary: 'Change platform settings and branding',
      tags: ['tenants'],
      access: ['admin'],
      params: SlugParam,
      body: UpdateTenantRequest,
      response: TenantSettings,
    },
    async ({ tenant, actor, body }) => tenants.update(tenant.id, body, actor.isOperator),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/operator/tenants',
      summary: 'Create another platform on this instance (instance operator)',
      tags: ['tenants'],
      access: 'operator',
      params: SlugParam,
      body: CreateTenantRequest,
      response: TenantSettings,
      status: 201,
    },
    async ({ body }) => tenants.create(body),
  );
}
