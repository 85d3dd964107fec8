import {
  ACTOR_HOMEPAGE,
  formatStatement,
  isIri,
  isXapiUuid,
  parseAcceptLanguage,
  XapiActor,
  type Statement,
} from '@satchel/core';
import { AppError } from '../http/errors.js';
import type { Router } from '../http/route.js';
import { attachmentHashes, attachmentPart, type AttachmentPart } from './lrs.attachments.js';
import { assertCmi5Statements, type LrsAuthenticator, type LrsCaller } from './lrs.auth.js';
import {
  badRequest,
  param,
  XAPI_VERSION_1,
  XAPI_VERSION_2,
  xapiResource,
  type XapiRequest,
  type XapiResponse,
} from './lrs.http.js';
import { actorKeyOf } from './lrs.ingest.js';
import { buildMultipart, parseMultipart } from './lrs.multipart.js';
import { moreLink, parseStatementsQuery, type StatementsOutput } from './lrs.query.js';
import type { LrsService, StoreOptions } from './lrs.service.js';

// The LRS speaks xAPI, not Satchel's API: it lives at /xapi, outside /api/t/:tenant,
// and finds the tenant from the credentials. Errors still use Satchel's envelope.

/** Statement batches from a hub or a long-offline device can be large. */
const STATEMENTS_BODY_LIMIT = 16 * 1024 * 1024;

/** A learner reading through their session sees only their own statements. */
function ownAgentKey(caller: LrsCaller): string | null {
  if (caller.readsAll || caller.authority.kind !== 'learner') return null;
  return actorKeyOf({
    objectType: 'Agent',
    account: { homePage: ACTOR_HOMEPAGE, name: caller.authority.userId },
  });
}

export function parseJsonBody(body: Buffer | null, what: string): unknown {
  if (body === null || body.length === 0) throw badRequest(`The request needs ${what} as its body`);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new AppError(400, 'invalid_json', `The body is not valid JSON (${what} expected)`);
  }
}

/** The statements of a POST or PUT, and their attachment parts when the request is multipart/mixed. */
function statementBody(req: XapiRequest): { input: unknown; options: StoreOptions } {
  if (req.mediaType === 'multipart/mixed') {
    const parts = parseMultipart(req.body ?? Buffer.alloc(0), req.contentType);
    const [first, ...rest] = parts;
    const firstType = (first?.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (first === undefined || firstType !== 'application/json') {
      throw badRequest('The first part of a multipart/mixed statement request must be application/json');
    }
    const attachments: AttachmentPart[] = rest.map((p) => attachmentPart(p.headers, p.body));
    return { input: parseJsonBody(first.body, 'statements'), options: { attachments, major: req.major } };
  }
  if (req.mediaType !== 'application/json') {
    throw badRequest('Statements are sent as application/json, or multipart/mixed with attachments', {
      contentType: req.contentType,
    });
  }
  return { input: parseJsonBody(req.body, 'statements'), options: { major: req.major } };
}

/** The JSON answer, or multipart/mixed with the attachments of the statements when asked for. */
async function statementsAnswer(
  lrs: LrsService,
  tenantId: string,
  json: string,
  statements: readonly Statement[],
  output: StatementsOutput,
  headers: Record<string, string>,
): Promise<XapiResponse> {
  if (!output.attachments) {
    return {
      status: 200,
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
      body: json,
    };
  }
  const files = await lrs.attachments(tenantId, attachmentHashes(statements));
  const { contentType, body } = buildMultipart([
    { headers: { 'Content-Type': 'application/json' }, body: Buffer.from(json, 'utf8') },
    ...files.map((f) => ({
      headers: {
        'Content-Type': f.contentType,
        'Content-Transfer-Encoding': 'binary',
        'X-Experience-API-Hash': f.sha2,
      },
      body: f.content,
    })),
  ]);
  return { status: 200, headers: { ...headers, 'content-type': contentType }, body };
}

function agentParam(req: XapiRequest, name = 'agent'): XapiActor {
  const text = param(req.query, name);
  if (text === undefined) throw badRequest(`The ${name} parameter is required`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest(`The ${name} parameter must be an Agent as JSON`);
  }
  const actor = XapiActor.safeParse(parsed);
  if (!actor.success) throw badRequest(`The ${name} parameter must be an Agent with exactly one identifier`);
  return actor.data;
}

export function lrsRoutes(router: Router, lrs: LrsService, auth: LrsAuthenticator): void {
  xapiResource(
    router,
    '/xapi/about',
    { summary: 'xAPI versions this LRS speaks', versionOptional: true },
    {
      GET: async () =>
        Promise.resolve({ status: 200, body: { version: [XAPI_VERSION_1, XAPI_VERSION_2], extensions: {} } }),
    },
  );

  xapiResource(
    router,
    '/xapi/statements',
    {
      summary: 'xAPI statements (see docs/xapi.md)',
      summaries: {
        POST: 'Store one statement or an array, JSON or multipart/mixed with attachments (or the alternate request syntax)',
        PUT: 'Store one statement under statementId',
        GET: 'One statement (statementId / voidedStatementId) or a page of statements matching the filters (follow "more")',
      },
      bodyLimit: STATEMENTS_BODY_LIMIT,
    },
    {
      POST: async (req) => {
        const caller = await auth.authenticateRequest(req);
        const { input, options } = statementBody(req);
        assertCmi5Statements(caller, input);
        return { status: 200, body: await lrs.store(caller.tenantId, input, caller.authority, options) };
      },
      PUT: async (req) => {
        const caller = await auth.authenticateRequest(req);
        const id = param(req.query, 'statementId');
        if (id === undefined || !isXapiUuid(id)) {
          throw new AppError(400, 'validation_failed', 'PUT needs a statementId parameter (a UUID)', {
            where: 'query',
            issues: [{ path: 'statementId', message: 'must be a UUID' }],
          });
        }
        const { input, options } = statementBody(req);
        assertCmi5Statements(caller, input);
        await lrs.put(caller.tenantId, id.toLowerCase(), input, caller.authority, options);
        return { status: 204 };
      },
      GET: async (req) => {
        const caller = await auth.authenticateRequest(req);
        const request = parseStatementsQuery(req.query);
        const ranges = parseAcceptLanguage(req.headers['accept-language']);
        const headers: Record<string, string> = {
          'X-Experience-API-Consistent-Through': lrs.consistentThrough(),
        };
        const own = ownAgentKey(caller);
        if (request.kind === 'one') {
          const row = await lrs.statement(caller.tenantId, request.id, request.voided, own);
          headers['Last-Modified'] = new Date(row.stored).toUTCString();
          const statement = JSON.parse(row.statement) as Statement & Record<string, unknown>;
          const shown = formatStatement(statement, request.output.format, ranges);
          return statementsAnswer(
            lrs,
            caller.tenantId,
            JSON.stringify(shown),
            [statement],
            request.output,
            headers,
          );
        }
        const filter = request.filter;
        if (own !== null) {
          if (filter.agentKey !== undefined && filter.agentKey !== own) {
            throw new AppError(403, 'forbidden', 'A learner may only read their own statements');
          }
          filter.agentKey = own;
        }
        const page = await lrs.query(caller.tenantId, filter);
        const more = JSON.stringify(moreLink(request.params, page.next));
        const exact = request.output.format === 'exact';
        const statements =
          exact && !request.output.attachments
            ? []
            : page.rows.map((r) => JSON.parse(r.statement) as Statement & Record<string, unknown>);
        // Stored statements are JSON already: splice them in rather than parse and re-serialise.
        const items = exact
          ? page.rows.map((r) => r.statement)
          : statements.map((s) => JSON.stringify(formatStatement(s, request.output.format, ranges)));
        const json = `{"statements":[${items.join(',')}],"more":${more}}`;
        return statementsAnswer(lrs, caller.tenantId, json, statements, request.output, headers);
      },
    },
  );

  xapiResource(
    router,
    '/xapi/activities',
    { summary: 'An Activity with its canonical definition (activityId)' },
    {
      GET: async (req) => {
        const caller = await auth.authenticateRequest(req);
        const activityId = param(req.query, 'activityId');
        if (activityId === undefined || !isIri(activityId))
          throw badRequest('The activityId parameter is required and must be an IRI');
        return { status: 200, body: await lrs.activity(caller.tenantId, activityId) };
      },
    },
  );

  xapiResource(
    router,
    '/xapi/agents',
    { summary: 'The Person object of an Agent (agent)' },
    {
      GET: async (req) => {
        const caller = await auth.authenticateRequest(req);
        const agent = agentParam(req);
        if (agent.objectType === 'Group') throw badRequest('The agents resource takes an Agent, not a Group');
        const names = await lrs.actorNames(caller.tenantId, actorKeyOf(agent));
        if (agent.name !== undefined && !names.includes(agent.name)) names.unshift(agent.name);
        const person: Record<string, unknown> = { objectType: 'Person' };
        if (names.length > 0) person.name = names;
        if (agent.mbox !== undefined) person.mbox = [agent.mbox];
        if (agent.mbox_sha1sum !== undefined) person.mbox_sha1sum = [agent.mbox_sha1sum];
        if (agent.openid !== undefined) person.openid = [agent.openid];
        if (agent.account !== undefined) person.account = [agent.account];
        return { status: 200, body: person };
      },
    },
  );
}
