import {
  ApiTokenListResponse,
  ApiTokenParams,
  ChangePasswordRequest,
  CreateApiTokenRequest,
  CreatedApiToken,
  MeResponse,
  SigninRequest,
  SignupRequest,
  SlugParam,
  UpdateMeRequest,
} from '@satchel/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionCookieName, type TenantRef } from '../http/context.js';
import type { Router } from '../http/route.js';
import type { UserService } from '../users/users.service.js';
import type { AuthService, ClientMeta, SignedIn } from './auth.service.js';
import type { ApiTokenService } from './tokens.service.js';

function client(req: FastifyRequest): ClientMeta {
  return { ip: req.ip, userAgent: req.headers['user-agent'] ?? null };
}

export function authRoutes(
  router: Router,
  auth: AuthService,
  users: UserService,
  tokens: ApiTokenService,
): void {
  const setSessionCookie = (
    reply: FastifyReply,
    tenant: TenantRef,
    token: string,
    maxAgeSeconds: number,
  ): void => {
    void reply.setCookie(sessionCookieName(tenant.slug), token, auth.cookieOptions(maxAgeSeconds));
  };
  const signedIn = (reply: FastifyReply, tenant: TenantRef, result: SignedIn) => {
    setSessionCookie(reply, tenant, result.token, result.maxAgeSeconds);
    return { user: result.user };
  };

  router.add(
    {
      method: 'POST',
      url: '/api/t/:tenant/auth/signin',
      summary: 'Sign in with a username and a password (or a PIN where the platform allows it)',
      tags: ['auth'],
      access: 'public',
      params: SlugParam,
      body: SigninRequest,
      response: MeResponse,
    },
    async ({ tenant, body, req, reply }) =>
      signedIn(reply, tenant!, await auth.signin(tenant!, body, client(req))),
  );

  router.add(
    {
      method: 'POST',
      url: '/api/t/:tenant/auth/signup',
      summary: 'Create a learner account (when the platform’s sign-up policy allows it) and sign in',
      tags: ['auth'],
      access: 'public',
      params: SlugParam,
      body: SignupRequest,
      response: MeResponse,
      status: 201,
    },
    async ({ tenant, body, req, reply }) =>
      signedIn(reply, tenant!, await auth.signup(tenant!, body, client(req))),
  );

  router.add(
    {
      method: 'POST',
      url: '/api/t/:tenant/auth/signout',
      summary: 'Sign out of this platform',
      tags: ['auth'],
      access: 'public',
      params: SlugParam,
      status: 204,
    },
    async ({ tenant, req, reply }) => {
      const name = sessionCookieName(tenant!.slug);
      await auth.signout(tenant!, req.cookies[name]);
      void reply.clearCookie(name, { path: '/' });
      return null;
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/me',
      summary: 'The signed-in user',
      tags: ['auth'],
      access: 'signed-in',
      params: SlugParam,
      response: MeResponse,
    },
    async ({ tenant, actor, req, reply }) => {
      // Sessions slide on the server; renew the cookie's own lifetime when the app starts up.
      const token = req.cookies[sessionCookieName(tenant.slug)];
      if (actor.via === 'session' && token) setSessionCookie(reply, tenant, token, auth.sessionSeconds());
      return { user: await users.me(tenant.id, actor.userId) };
    },
  );

  router.authed(
    {
      method: 'PATCH',
      url: '/api/t/:tenant/me',
      summary: 'Change my display name or language',
      tags: ['auth'],
      access: 'signed-in',
      params: SlugParam,
      body: UpdateMeRequest,
      response: MeResponse,
    },
    async ({ tenant, actor, body }) => ({ user: await users.updateMe(tenant.id, actor.userId, body) }),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/me/password',
      summary: 'Change my password (my other sessions end)',
      tags: ['auth'],
      access: 'signed-in',
      params: SlugParam,
      body: ChangePasswordRequest,
      status: 204,
    },
    async ({ actor, body }) => {
      await auth.changePassword(actor, body);
      return null;
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/me/tokens',
      summary: 'My API tokens',
      tags: ['auth'],
      access: 'signed-in',
      params: SlugParam,
      response: ApiTokenListResponse,
    },
    async ({ actor }) => ({ items: await tokens.list(actor) }),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/me/tokens',
      summary: 'Create an API token for scripts (the secret is shown only in this response)',
      tags: ['auth'],
      access: 'signed-in',
      params: SlugParam,
      body: CreateApiTokenRequest,
      response: CreatedApiToken,
      status: 201,
    },
    async ({ actor, body }) => tokens.create(actor, body),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/me/tokens/:tokenId',
      summary: 'Revoke one of my API tokens',
      tags: ['auth'],
      access: 'signed-in',
      params: ApiTokenParams,
      status: 204,
    },
    async ({ actor, params }) => {
      await tokens.revoke(actor, params.tokenId);
      return null;
    },
  );
}
