import {
  CreatePathRequest,
  LearningPath,
  LearningPathList,
  PathListResponse,
  PathParams,
  PathView,
  SlugParam,
  UpdatePathRequest,
} from '@satchel/core';
import type { Router } from '../http/route.js';
import type { PathService } from './paths.service.js';

const AUTHORS = ['admin', 'author'] as const;
const tags = ['paths'];

export function pathRoutes(router: Router, paths: PathService): void {
  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/paths',
      summary: 'Published learning paths, with my progress',
      tags,
      access: 'signed-in',
      params: SlugParam,
      response: PathListResponse,
    },
    async ({ tenant, actor }) => paths.learnerList(tenant, actor.userId),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/paths/:pathId',
      summary: 'A learning path with its courses, my progress and which courses are locked',
      tags,
      access: 'signed-in',
      params: PathParams,
      response: PathView,
    },
    async ({ tenant, actor, params }) => paths.view(tenant, actor.userId, params.pathId),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/authoring/paths',
      summary: 'Every learning path, drafts included',
      tags,
      access: AUTHORS,
      params: SlugParam,
      response: LearningPathList,
    },
    async ({ tenant }) => ({ items: await paths.listAll(tenant.id) }),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/authoring/paths',
      summary: 'Create a learning path',
      tags,
      access: AUTHORS,
      params: SlugParam,
      body: CreatePathRequest,
      response: LearningPath,
      status: 201,
    },
    async ({ tenant, body }) => paths.create(tenant.id, body),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/authoring/paths/:pathId',
      summary: 'A learning path for editing',
      tags,
      access: AUTHORS,
      params: PathParams,
      response: LearningPath,
    },
    async ({ tenant, params }) => paths.get(tenant.id, params.pathId),
  );

  router.authed(
    {
      method: 'PATCH',
      url: '/api/t/:tenant/authoring/paths/:pathId',
      summary: 'Change a learning path',
      tags,
      access: AUTHORS,
      params: PathParams,
      body: UpdatePathRequest,
      response: LearningPath,
    },
    async ({ tenant, params, body }) => paths.update(tenant.id, params.pathId, body),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/authoring/paths/:pathId',
      summary: 'Delete a learning path',
      tags,
      access: AUTHORS,
      params: PathParams,
      status: 204,
    },
    async ({ tenant, params }) => paths.delete(tenant.id, params.pathId),
  );
}
