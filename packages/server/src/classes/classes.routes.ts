import {
  AddClassMemberRequest,
  ClassListQuery,
  ClassListResponse,
  ClassParams,
  ClassResponse,
  CreateClassRequest,
  RemoveClassMemberRequest,
  SlugParam,
  UpdateClassRequest,
} from '@satchel/core';
import type { Router } from '../http/route.js';
import type { ClassService } from './classes.service.js';

export function classRoutes(router: Router, classes: ClassService): void {
  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/classes',
      summary: 'List classes (admins: all, or ?mine=true; educators: the classes they teach)',
      tags: ['classes'],
      access: ['admin', 'educator'],
      params: SlugParam,
      query: ClassListQuery,
      response: ClassListResponse,
    },
    async ({ tenant, actor, query }) => classes.list(tenant.id, query, actor),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/classes',
      summary: 'Create a class',
      tags: ['classes'],
      access: ['admin'],
      params: SlugParam,
      body: CreateClassRequest,
      response: ClassResponse,
      status: 201,
    },
    async ({ tenant, body }) => ({ class: await classes.create(tenant.id, body) }),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/classes/:classId',
      summary: 'A class with its members',
      tags: ['classes'],
      access: ['admin', 'educator'],
      params: ClassParams,
      response: ClassResponse,
    },
    async ({ tenant, actor, params }) => ({ class: await classes.get(tenant.id, params.classId, actor) }),
  );

  router.authed(
    {
      method: 'PATCH',
      url: '/api/t/:tenant/classes/:classId',
      summary: 'Rename a class or change its code, grade or description',
      tags: ['classes'],
      access: ['admin'],
      params: ClassParams,
      body: UpdateClassRequest,
      response: ClassResponse,
    },
    async ({ tenant, params, body }) => ({ class: await classes.update(tenant.id, params.classId, body) }),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/classes/:classId',
      summary: 'Delete a class',
      tags: ['classes'],
      access: ['admin'],
      params: ClassParams,
      status: 204,
    },
    async ({ tenant, params }) => {
      await classes.remove(tenant.id, params.classId);
      return null;
    },
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/classes/:classId/members',
      summary: 'Add a user to a class as educator or learner (or change their role in it)',
      tags: ['classes'],
      access: ['admin'],
      params: ClassParams,
      body: AddClassMemberRequest,
      response: ClassResponse,
    },
    async ({ tenant, params, body }) => {
      await classes.addMember(tenant.id, params.classId, body.userId, body.role);
      return { class: await classes.get(tenant.id, params.classId) };
    },
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/classes/:classId/members',
      summary: 'Remove a user from a class (body: { userId })',
      tags: ['classes'],
      access: ['admin'],
      params: ClassParams,
      body: RemoveClassMemberRequest,
      response: ClassResponse,
    },
    async ({ tenant, params, body }) => {
      await classes.removeMember(tenant.id, params.classId, body.userId);
      return { class: await classes.get(tenant.id, params.classId) };
    },
  );
}
