import { ACTOR_HOMEPAGE, isXapiUuid, isXapiVersion } from '@satchel/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.js';
import type { Router } from '../http/route.js';
import type { LrsAuthenticator, LrsCaller } from './lrs.auth.js';
import { actorKeyOf, XAPI_VERSION } from './lrs.ingest.js';
import { moreLink, parseStatementsQuery } from './lrs.query.js';
import type { LrsService } from './lrs.service.js';

// The LRS speaks xAPI, not Satchel's API: it lives at /xapi, outside /api/t/:tenant,
// and finds the tenant from the credentials. Errors still use Satchel's envelope.

const VERSION_HEADER = 'x-experience-api-version';
/** Statement batches from a hub or a long-offline device can be large. */
const STATEMENTS_BODY_LIMIT = 16 * 1024 * 1024;
const TAGS = ['xapi'];

type XapiInput = { req: FastifyRequest; reply: FastifyReply };

/** Sets the version header on every answer (errors included) and requires it on requests. */
function xapi<T>(work: (input: XapiInput) => Promise<T>, requireVersion = true) {
  return async (input: XapiInput): Promise<T> => {
    const { req, reply } = input;
    reply.header('X-Experience-API-Version', XAPI_VERSION);
    try {
      if (requireVersion) {
        const version = req.headers[VERSION_HEADER];
        if (typeof version !== 'string' || !isXapiVersion(version.trim())) {
          throw new AppError(
            400,
            'xapi_version_required',
            'Send the header X-Experience-API-Version: 1.0.3',
            {
              received: version ?? null,
            },
          );
        }
      }
      return await work(input);
    } catch (err) {
      if (err instanceof AppError && err.status === 401)
        reply.header('WWW-Authenticate', 'Basic realm="Satchel LRS"');
      throw err;
    }
  };
}

function statementIdParam(req: FastifyRequest): string {
  const id = (req.query as Record<string, unknown>).statementId;
  if (typeof id !== 'string' || !isXapiUuid(id)) {
    throw new AppError(400, 'validation_failed', 'PUT needs a statementId parameter (a UUID)', {
      where: 'query',
      issues: [{ path: 'statementId', message: 'must be a UUID' }],
    });
  }
  return id;
}

/** A learner reading through their session sees only their own statements. */
function ownAgentKey(caller: LrsCaller): string | null {
  if (caller.readsAll || caller.authority.kind !== 'learner') return null;
  return actorKeyOf({
    objectType: 'Agent',
    account: { homePage: ACTOR_HOMEPAGE, name: caller.authority.userId },
  });
}

export function lrsRoutes(router: Router, lrs: LrsService, auth: LrsAuthenticator): void {
  router.add(
    {
      method: 'GET',
      url: '/xapi/about',
      summary: 'xAPI versions this LRS speaks',
      tags: TAGS,
      access: 'public',
    },
    xapi(async () => Promise.resolve({ version: [XAPI_VERSION], extensions: {} }), false),
  );

  router.add(
    {
      method: 'POST',
      url: '/xapi/statements',
      summary: 'Store one xAPI statement or an array of them (idempotent by statement id)',
      tags: TAGS,
      access: 'public',
      bodyLimit: STATEMENTS_BODY_LIMIT,
    },
    xapi(async ({ req }) => {
      const caller = await auth.authenticate(req);
      return lrs.store(caller.tenantId, req.body, caller.authority);
    }),
  );

  router.add(
    {
      method: 'PUT',
      url: '/xapi/statements',
      summary: 'Store one xAPI statement under the given statementId',
      tags: TAGS,
      access: 'public',
      status: 204,
      bodyLimit: STATEMENTS_BODY_LIMIT,
    },
    xapi(async ({ req }) => {
      const caller = await auth.authenticate(req);
      await lrs.put(caller.tenantId, statementIdParam(req), req.body, caller.authority);
    }),
  );

  router.add(
    {
      method: 'GET',
      url: '/xapi/statements',
      summary: 'One statement by id, or a page of statements matching the filters (follow "more")',
      tags: TAGS,
      access: 'public',
    },
    xapi(async ({ req, reply }) => {
      const caller = await auth.authenticate(req);
      const request = parseStatementsQuery(req.query as Record<string, string | string[] | undefined>);
      reply.header('X-Experience-API-Consistent-Through', lrs.consistentThrough());
      reply.type('application/json; charset=utf-8');
      const own = ownAgentKey(caller);
      if (request.kind === 'one') {
        const row = await lrs.statement(caller.tenantId, request.id, request.voided, own);
        reply.header('Last-Modified', new Date(row.stored).toUTCString());
        return row.statement;
      }
      const filter = request.filter;
      if (own !== null) {
        if (filter.agentKey !== undefined && filter.agentKey !== own) {
          throw new AppError(403, 'forbidden', 'A learner may only read their own statements');
        }
        filter.agentKey = own;
      }
      const page = await lrs.query(caller.tenantId, filter);
      // Stored statements are JSON already: splice them in rather than parse and re-serialise.
      return `{"statements":[${page.rows.map((r) => r.statement).join(',')}],"more":${JSON.stringify(moreLink(request.params, page.next))}}`;
    }),
  );
}
