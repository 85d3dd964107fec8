import {
  Category,
  CategoryListResponse,
  CategoryParams,
  CreateCategoryRequest,
  SlugParam,
  UpdateCategoryRequest,
} from '@satchel/core';
import type { CatalogVisibility } from '../catalog/catalog.visibility.js';
import type { Router } from '../http/route.js';
import type { CategoryService } from './categories.service.js';

const EDITORS = ['admin', 'author'] as const;
const tags = ['categories'];

export function categoryRoutes(
  router: Router,
  categories: CategoryService,
  visibility: CatalogVisibility,
): void {
  router.add(
    {
      method: 'GET',
      url: '/api/t/:tenant/categories',
      summary: 'The course categories, parents first',
      tags,
      access: 'public',
      params: SlugParam,
      response: CategoryListResponse,
    },
    async ({ tenant, actor }) => {
      await visibility.assertCanBrowse(tenant!, actor);
      return { items: await categories.list(tenant!.id) };
    },
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/categories',
      summary: 'Create a course category',
      tags,
      access: EDITORS,
      params: SlugParam,
      body: CreateCategoryRequest,
      response: Category,
      status: 201,
    },
    async ({ tenant, body }) => categories.create(tenant.id, body),
  );

  router.authed(
    {
      method: 'PATCH',
      url: '/api/t/:tenant/categories/:categoryId',
      summary: 'Rename or move a course category',
      tags,
      access: EDITORS,
      params: CategoryParams,
      body: UpdateCategoryRequest,
      response: Category,
    },
    async ({ tenant, params, body }) => categories.update(tenant.id, params.categoryId, body),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/categories/:categoryId',
      summary: 'Delete an empty course category',
      tags,
      access: EDITORS,
      params: CategoryParams,
      status: 204,
    },
    async ({ tenant, params }) => categories.delete(tenant.id, params.categoryId),
  );
}
