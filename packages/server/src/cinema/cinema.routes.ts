import {
  LiveParams,
  LiveRunResponse,
  uuidv7,
  RemoteCommandQuery,
  RemoteCommandRequest,
  RemoteCommandsResponse,
  CinemaLibraryResponse,
  CinemaSessionParams,
  FacilitatorListResponse,
  CreatePlanRequest,
  PlanListQuery,
  PlanListResponse,
  PlanParams,
  PlanReadiness,
  ReadinessQuery,
  PlanResponse,
  ReachQuery,
  ReachResponse,
  RecordSessionRequest,
  SessionListQuery,
  SessionListResponse,
  SessionResponse,
  SlugParam,
  UpdatePlanRequest,
} from '@satchel/core';
import { invalid, notFound } from '../http/errors.js';
import type { Router } from '../http/route.js';
import type { Clock } from '../platform/clock.js';
import { sessionsCsv } from './cinema.csv.js';
import type { CinemaService } from './cinema.service.js';

const PLANNERS = ['admin', 'author', 'facilitator'] as const;
const MONITORS = ['admin', 'educator', 'facilitator'] as const;
const TAGS = ['cinema'];

export function cinemaRoutes(router: Router, cinema: CinemaService, clock: Clock): void {
  const live = cinema.live;
  const runNotOpen = () =>
    notFound('live_run_not_found', 'No session console is open for remotes with this id');
  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/cinema/plans',
      summary: 'Session plans the caller may run: their own and the shared ones (admins: all)',
      tags: TAGS,
      access: PLANNERS,
      params: SlugParam,
      query: PlanListQuery,
      response: PlanListResponse,
    },
    async ({ tenant, actor, query }) => ({ items: await cinema.listPlans(tenant.id, actor, query) }),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/cinema/library',
      summary: 'Library media a plan can show (video, audio, images, PDF slides)',
      tags: TAGS,
      access: PLANNERS,
      params: SlugParam,
      response: CinemaLibraryResponse,
    },
    async ({ tenant }) => cinema.mediaLibrary(tenant.id),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/cinema/facilitators',
      summary: 'The tenant’s facilitators, to name who ran a session',
      tags: TAGS,
      access: PLANNERS,
      params: SlugParam,
      response: FacilitatorListResponse,
    },
    async ({ tenant }) => cinema.facilitators(tenant.id),
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/cinema/plans',
      summary: 'Create a session plan',
      tags: TAGS,
      access: PLANNERS,
      params: SlugParam,
      body: CreatePlanRequest,
      response: PlanResponse,
      status: 201,
    },
    async ({ tenant, actor, body }) => ({ plan: await cinema.createPlan(tenant.id, actor, body) }),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/cinema/plans/:planId',
      summary: 'A session plan with its steps and the media it plays',
      tags: TAGS,
      access: PLANNERS,
      params: PlanParams,
      response: PlanResponse,
    },
    async ({ tenant, actor, params }) => ({ plan: await cinema.getPlan(tenant.id, actor, params.planId) }),
  );

  router.authed(
    {
      method: 'PUT',
      url: '/api/t/:tenant/cinema/plans/:planId',
      summary: 'Replace a plan (its owner or an admin), given the version the editor saw',
      tags: TAGS,
      access: PLANNERS,
      params: PlanParams,
      body: UpdatePlanRequest,
      response: PlanResponse,
    },
    async ({ tenant, actor, params, body }) => ({
      plan: await cinema.updatePlan(tenant.id, actor, params.planId, body),
    }),
  );

  router.authed(
    {
      method: 'DELETE',
      url: '/api/t/:tenant/cinema/plans/:planId',
      summary: 'Delete a plan (sessions already run with it keep their record)',
      tags: TAGS,
      access: PLANNERS,
      params: PlanParams,
      status: 204,
    },
    async ({ tenant, actor, params }) => {
      await cinema.deletePlan(tenant.id, actor, params.planId);
      return null;
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/cinema/plans/:planId/readiness',
      summary:
        'Whether every media item of the plan is on this server, intact and playable (?verify=true hashes every file)',
      tags: TAGS,
      access: PLANNERS,
      params: PlanParams,
      query: ReadinessQuery,
      response: PlanReadiness,
    },
    async ({ tenant, actor, params, query }) =>
      cinema.readiness(tenant.id, actor, params.planId, query.verify),
  );

  router.authed(
    {
      method: 'PUT',
      url: '/api/t/:tenant/cinema/sessions/:sessionId',
      summary: 'Record a session log (idempotent by the id the laptop made; counts only, no names)',
      tags: TAGS,
      access: ['admin', 'facilitator'],
      params: CinemaSessionParams,
      body: RecordSessionRequest,
      response: SessionResponse,
    },
    async ({ tenant, actor, params, body }) => {
      if (body.id !== params.sessionId) {
        throw invalid('id_mismatch', 'The session id in the body differs from the one in the URL');
      }
      return cinema.recordSession(tenant.id, actor, body);
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/cinema/sessions',
      summary: 'Session logs, newest first (facilitators: their own); ?format=csv for one row per session',
      tags: TAGS,
      access: MONITORS,
      params: SlugParam,
      query: SessionListQuery,
      response: SessionListResponse,
    },
    async ({ tenant, actor, query }) => cinema.listSessions(tenant.id, actor, query),
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/cinema/reach',
      summary:
        'Sessions held and people reached by sex, age band, disability, region, period, plan, facilitator and team (?format=csv: one row per session)',
      tags: TAGS,
      access: MONITORS,
      params: SlugParam,
      query: ReachQuery,
      response: ReachResponse,
    },
    async ({ tenant, actor, query, reply }) => {
      if (query.format === 'csv') {
        const items = await cinema.reachSessions(tenant.id, actor, query);
        const file = sessionsCsv(items, clock.now().toISOString().slice(0, 10));
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="${file.filename}"`);
        reply.header('cache-control', 'no-store');
        return file.body;
      }
      return cinema.reach(tenant.id, actor, query);
    },
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/cinema/live/:runId/commands',
      summary: 'Press a key on a running session from a phone (the console applies it)',
      tags: TAGS,
      access: ['admin', 'facilitator'],
      params: LiveParams,
      body: RemoteCommandRequest,
      response: RemoteCommandsResponse,
    },
    async ({ tenant, params, body }) => {
      const seq = live.push(tenant.id, params.runId, body.key);
      if (seq === null) throw runNotOpen();
      return { commands: [{ seq, key: body.key }], latest: seq };
    },
  );

  router.authed(
    {
      method: 'GET',
      url: '/api/t/:tenant/cinema/live/:runId/commands',
      summary: 'Keys pressed on the phone remote after `after`, waiting up to `wait` seconds for one',
      tags: TAGS,
      access: ['admin', 'facilitator'],
      params: LiveParams,
      query: RemoteCommandQuery,
      response: RemoteCommandsResponse,
    },
    async ({ tenant, params, query }) => {
      const result = await live.wait(tenant.id, params.runId, query.after, query.wait * 1000);
      if (!result) throw runNotOpen();
      return result;
    },
  );

  router.authed(
    {
      method: 'POST',
      url: '/api/t/:tenant/cinema/live',
      summary: 'Open a running session to a phone remote: returns the run id the phone will use',
      tags: TAGS,
      access: ['admin', 'facilitator'],
      params: SlugParam,
      response: LiveRunResponse,
      status: 201,
    },
    async ({ tenant }) => ({ runId: live.open(tenant.id, uuidv7()) }),
  );
}
