import { isIri, isXapiUuid, timestampInstant, XapiActor } from '@satchel/core';
import type { Router } from '../http/route.js';
import type { LrsAuthenticator, LrsCaller } from '../lrs/lrs.auth.js';
import { badRequest, param, xapiResource, type XapiHandler, type XapiRequest } from '../lrs/lrs.http.js';
import { actorKeyOf } from '../lrs/lrs.related.js';
import { ACTOR_HOMEPAGE } from '@satchel/core';
import type { DocumentKind, DocumentScope } from './lrs-documents.repo.js';
import type { DocumentAccess, LrsDocumentsService, Preconditions } from './lrs-documents.service.js';

// /xapi/activities/state, /xapi/activities/profile and /xapi/agents/profile
// (Communication 2.3, 2.6, 2.7): one handler set, three parameter shapes.

interface ResourceShape {
  url: string;
  kind: DocumentKind;
  summary: string;
  /** The parameter naming one document. */
  idParam: 'stateId' | 'profileId';
  activity: boolean;
  agent: boolean;
  registration: boolean;
}

const SHAPES: readonly ResourceShape[] = [
  {
    url: '/xapi/activities/state',
    kind: 'state',
    summary: 'xAPI State documents (activityId, agent, registration, stateId)',
    idParam: 'stateId',
    activity: true,
    agent: true,
    registration: true,
  },
  {
    url: '/xapi/activities/profile',
    kind: 'activity_profile',
    summary: 'xAPI Activity Profile documents (activityId, profileId)',
    idParam: 'profileId',
    activity: true,
    agent: false,
    registration: false,
  },
  {
    url: '/xapi/agents/profile',
    kind: 'agent_profile',
    summary: 'xAPI Agent Profile documents (agent, profileId)',
    idParam: 'profileId',
    activity: false,
    agent: true,
    registration: false,
  },
];

function access(caller: LrsCaller): DocumentAccess {
  if (caller.readsAll || caller.authority.kind !== 'learner')
    return { ownAgentKey: null, writesActivities: true };
  return {
    ownAgentKey: actorKeyOf({
      objectType: 'Agent',
      account: { homePage: ACTOR_HOMEPAGE, name: caller.authority.userId },
    }),
    writesActivities: false,
  };
}

interface Parsed {
  scope: DocumentScope;
  documentId: string | undefined;
  registrationGiven: boolean;
  since: string | undefined;
}

function parse(shape: ResourceShape, req: XapiRequest, tenantId: string): Parsed {
  const allowed = new Set([shape.idParam, 'since']);
  if (shape.activity) allowed.add('activityId');
  if (shape.agent) allowed.add('agent');
  if (shape.registration) allowed.add('registration');
  for (const name of Object.keys(req.query)) {
    if (!allowed.has(name)) throw badRequest(`${name} is not a parameter of ${shape.url}`);
  }
  let activityId = '';
  if (shape.activity) {
    const value = param(req.query, 'activityId');
    if (value === undefined || !isIri(value))
      throw badRequest('The activityId parameter is required and must be an IRI');
    activityId = value;
  }
  let agentKey = '';
  if (shape.agent) {
    const text = param(req.query, 'agent');
    if (text === undefined) throw badRequest('The agent parameter is required');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw badRequest('The agent parameter must be an Agent as JSON');
    }
    const agent = XapiActor.safeParse(json);
    if (!agent.success) throw badRequest('The agent parameter must be an Agent with exactly one identifier');
    agentKey = actorKeyOf(agent.data);
  }
  let registration = '';
  const reg = shape.registration ? param(req.query, 'registration') : undefined;
  if (reg !== undefined) {
    if (!isXapiUuid(reg)) throw badRequest('The registration parameter must be a UUID');
    registration = reg.toLowerCase();
  }
  const sinceText = param(req.query, 'since');
  let since: string | undefined;
  if (sinceText !== undefined) {
    const instant = timestampInstant(sinceText);
    if (instant === null) throw badRequest('The since parameter must be an ISO 8601 timestamp');
    since = instant;
  }
  return {
    scope: { tenantId, kind: shape.kind, activityId, agentKey, registration },
    documentId: param(req.query, shape.idParam),
    registrationGiven: reg !== undefined,
    since,
  };
}

function preconditions(req: XapiRequest): Preconditions {
  return { ifMatch: req.headers['if-match'], ifNoneMatch: req.headers['if-none-match'] };
}

function needId(shape: ResourceShape, id: string | undefined): string {
  if (id === undefined) throw badRequest(`The ${shape.idParam} parameter is required for this request`);
  return id;
}

function incoming(req: XapiRequest): { contentType: string; content: Buffer } {
  return { contentType: req.contentType || 'application/octet-stream', content: req.body ?? Buffer.alloc(0) };
}

function handlers(
  shape: ResourceShape,
  documents: LrsDocumentsService,
  auth: LrsAuthenticator,
): Record<'GET' | 'PUT' | 'POST' | 'DELETE', XapiHandler> {
  return {
    GET: async (req) => {
      const caller = await auth.authenticateRequest(req);
      const p = parse(shape, req, caller.tenantId);
      if (p.documentId === undefined) {
        return { status: 200, body: await documents.ids(p.scope, access(caller), p.since) };
      }
      const doc = await documents.get({ ...p.scope, documentId: p.documentId }, access(caller));
      return {
        status: 200,
        headers: {
          'content-type': doc.contentType,
          etag: `"${doc.etag}"`,
          'last-modified': new Date(doc.updated).toUTCString(),
        },
        body: doc.content,
      };
    },
    PUT: async (req) => {
      const caller = await auth.authenticateRequest(req);
      const p = parse(shape, req, caller.tenantId);
      const key = { ...p.scope, documentId: needId(shape, p.documentId) };
      // xAPI 1.0.3 asks for a precondition on PUT for profiles only; 2.0 for state too.
      const requireCondition = shape.kind !== 'state' || req.major === '2.0';
      await documents.put(key, incoming(req), preconditions(req), access(caller), requireCondition);
      return { status: 204 };
    },
    POST: async (req) => {
      const caller = await auth.authenticateRequest(req);
      const p = parse(shape, req, caller.tenantId);
      const key = { ...p.scope, documentId: needId(shape, p.documentId) };
      await documents.post(key, incoming(req), preconditions(req), access(caller));
      return { status: 204 };
    },
    DELETE: async (req) => {
      const caller = await auth.authenticateRequest(req);
      const p = parse(shape, req, caller.tenantId);
      if (p.documentId === undefined) {
        if (shape.kind !== 'state') throw badRequest(`The ${shape.idParam} parameter is required to delete`);
        await documents.deleteAll(p.scope, !p.registrationGiven, access(caller));
      } else {
        await documents.delete({ ...p.scope, documentId: p.documentId }, preconditions(req), access(caller));
      }
      return { status: 204 };
    },
  };
}

export function lrsDocumentRoutes(
  router: Router,
  documents: LrsDocumentsService,
  auth: LrsAuthenticator,
): void {
  for (const shape of SHAPES) {
    xapiResource(router, shape.url, { summary: shape.summary }, handlers(shape, documents, auth));
  }
}
