import {
  CreateCurriculumItemRequest,
  CreateFrameworkRequest,
  CurriculumFramework,
  CurriculumFrameworkTree,
  CurriculumItem,
  CurriculumItemParams,
  CurriculumResponse,
  FrameworkListResponse,
  FrameworkParams,
  ReorderCurriculumRequest,
  SlugParam,
  UpdateCurriculumItemRequest,
  UpdateFrameworkRequest,
} from '@satchel/core';
import type { CatalogVisibility } from '../catalog/catalog.visibility.js';
import type { Router } from '../http/route.js';
import type { CurriculumService } from './curriculum.service.js';

const EDITORS = ['admin', 'author'] as const;
const tags = ['curriculum'];

export function curriculumRoutes(
  router: Router,
  curriculum: CurriculumService,
  visibility: CatalogVisibility,
): void {
  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/curriculum',
      summary: 'Every curriculum framework with its subjects, grades and outcomes (catalog filters)',
      tags,
      access: 'public',
      params: SlugParam,
      response: CurriculumResponse,
    },
    async ({ tenant, actor }) => {
      await visibility.assertCanBrowse(tenant!, actor);
      return curriculum.tree(tenant!.id);
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/curriculum/frameworks',
      summary: 'List curriculum frameworks',
      tags,
      access: EDITORS,
      params: SlugParam,
      response: FrameworkListResponse,
    },
    async ({ tenant }) => ({ items: await curriculum.listFrameworks(tenant.id) }),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/curriculum/frameworks',
      summary: 'Create a curriculum framework',
      tags,
      access: EDITORS,
      params: SlugParam,
      body: CreateFrameworkRequest,
      response: CurriculumFramework,
      status: 201,
    },
    async ({ tenant, body }) => curriculum.createFramework(tenant.id, body),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/curriculum/frameworks/:frameworkId',
      summary: 'A framework with its subjects, grades and outcomes',
      tags,
      access: EDITORS,
      params: FrameworkParams,
      response: CurriculumFrameworkTree,
    },
    async ({ tenant, params }) => curriculum.frameworkTree(tenant.id, params.frameworkId),
  );

  router.authed(
    {
      method: 'PATCH',
      url: '/api/t/:tenant/curriculum/frameworks/:frameworkId',
      summary: 'Change a framework',
      tags,
      access: EDITORS,
      params: FrameworkParams,
      body: UpdateFrameworkRequest,
      response: CurriculumFramework,
    },
    async ({ tenant, params, body }) => curriculum.updateFramework(tenant.id, params.frameworkId, body),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/curriculum/frameworks/:frameworkId',
      summary: 'Delete a framework and its entries',
      tags,
      access: EDITORS,
      params: FrameworkParams,
      status: 204,
    },
    async ({ tenant, params }) => curriculum.deleteFramework(tenant.id, params.frameworkId),
  );

  router.authed(
    {
      method: 'PUT',
      url: '/api/t/:tenant/curriculum/frameworks/:frameworkId/order',
      summary: 'Order the subjects, grades or outcomes of a framework',
      tags,
      access: EDITORS,
      params: FrameworkParams,
      body: ReorderCurriculumRequest,
      response: CurriculumFrameworkTree,
    },
    async ({ tenant, params, body }) => curriculum.reorder(tenant.id, params.frameworkId, body),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/curriculum/frameworks/:frameworkId/items',
      summary: 'Add a subject, grade or learning outcome',
      tags,
      access: EDITORS,
      params: FrameworkParams,
      body: CreateCurriculumItemRequest,
      response: CurriculumItem,
      status: 201,
    },
    async ({ tenant, params, body }) => curriculum.addItem(tenant.id, params.frameworkId, body),
  );

  router.authed(
    {
      method: 'PATCH',
      url: '/api/t/:tenant/curriculum/frameworks/:frameworkId/items/:itemId',
      summary: 'Change a subject, grade or learning outcome',
      tags,
      access: EDITORS,
      params: CurriculumItemParams,
      body: UpdateCurriculumItemRequest,
      response: CurriculumItem,
    },
    async ({ tenant, params, body }) =>
      curriculum.updateItem(tenant.id, params.frameworkId, params.itemId, body),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/curriculum/frameworks/:frameworkId/items/:itemId',
      summary: 'Delete a subject, grade or learning outcome',
      tags,
      access: EDITORS,
      params: CurriculumItemParams,
      status: 204,
    },
    async ({ tenant, params }) => curriculum.deleteItem(tenant.id, params.frameworkId, params.itemId),
  );
}
