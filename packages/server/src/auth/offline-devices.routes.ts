import {
  AttemptResult,
  CreateDeviceTokenRequest,
  CreatedDeviceToken,
  DEVICE_TOKEN_HEADER,
  DeviceStatementsRequest,
  DeviceStatementsResponse,
  DeviceTokenList,
  DeviceTokenParams,
  MeResponse,
  QuizLessonParams,
  SlugParam,
  SubmitAttemptRequest,
} from '@satchel/core';
import type { FastifyRequest } from 'fastify';
import { sessionCookieName } from '../http/context.js';
import type { Router } from '../http/route.js';
import type { AuthService } from './auth.service.js';
import type { DeviceTokenService } from './offline-devices.service.js';

/** Queued statements of a long time offline: up to 500 per request. */
const DEVICE_BODY_LIMIT = 8 * 1024 * 1024;

const deviceToken = (req: FastifyRequest): string | undefined => {
  const value = req.headers[DEVICE_TOKEN_HEADER];
  return typeof value === 'string' ? value.trim() : undefined;
};

/** The offline learner app's device tokens (decision 0005). */
export function deviceTokenRoutes(router: Router, devices: DeviceTokenService, auth: AuthService): void {
  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/auth/devices',
      summary: 'Get a device token for this device (the secret is shown only in this response)',
      tags: ['auth'],
      access: 'signed-in',
      params: SlugParam,
      body: CreateDeviceTokenRequest,
      response: CreatedDeviceToken,
      status: 201,
    },
    async ({ actor, body }) => devices.create(actor, body),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/me/devices',
      summary: 'My devices that can sign in offline',
      tags: ['auth'],
      access: 'signed-in',
      params: SlugParam,
      response: DeviceTokenList,
    },
    async ({ actor }) => ({ items: await devices.list(actor) }),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/me/devices/:deviceId',
      summary: 'Revoke a device: it is signed out when it next connects (its earlier records still count)',
      tags: ['auth'],
      access: 'signed-in',
      params: DeviceTokenParams,
      status: 204,
    },
    async ({ actor, params }) => {
      await devices.revoke(actor, params.deviceId);
      return null;
    },
  );

  router.add(
    {
      method: 'POST',
      url: '/api/t/:tenant/auth/devices/session',
      summary: 'Open a session with a device token (header X-Satchel-Device-Token)',
      tags: ['auth'],
      access: 'public',
      params: SlugParam,
      response: MeResponse,
    },
    async ({ tenant, req, reply }) => {
      const opened = await devices.openSession(tenant!.id, deviceToken(req));
      void reply.setCookie(
        sessionCookieName(tenant!.slug),
        opened.token,
        auth.cookieOptions(opened.maxAgeSeconds),
      );
      return { user: opened.user };
    },
  );

  router.add(
    {
      method: 'POST',
      url: '/api/t/:tenant/device/statements',
      summary:
        'Store statements queued on a device (header X-Satchel-Device-Token); those made after the learner lost access are refused',
      tags: ['auth'],
      access: 'public',
      params: SlugParam,
      body: DeviceStatementsRequest,
      response: DeviceStatementsResponse,
      bodyLimit: DEVICE_BODY_LIMIT,
    },
    async ({ tenant, req, body }) => devices.statements(tenant!.id, deviceToken(req), body),
  );

  router.add(
    {
      method: 'POST',
      url: '/api/t/:tenant/device/courses/:courseId/lessons/:lessonId/attempts',
      summary: 'Submit a quiz attempt taken offline (header X-Satchel-Device-Token); graded again here',
      tags: ['auth'],
      access: 'public',
      params: QuizLessonParams,
      body: SubmitAttemptRequest,
      response: AttemptResult,
    },
    async ({ tenant, req, params, body }) =>
      devices.attempt(
        tenant!.id,
        deviceToken(req),
        { courseId: params.courseId, lessonId: params.lessonId },
        body,
      ),
  );
}
