import type { Role } from '@satchel/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import type { Actor, ActorResolver, TenantRef, TenantResolver } from './context.js';
import { AppError, forbidden, notFound, unauthenticated } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** Who may call a route: anyone, any signed-in member of the tenant, some roles, or the instance operator. */
export type Access = 'public' | 'signed-in' | 'operator' | readonly Role[];

export interface RouteSpec<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
> {
  method: HttpMethod;
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** The success body, for the OpenAPI document. */
  response?: R;
  /** The success status (default 200; 204 sends no body). */
  status?: number;
  /** Fastify route options to pass through (bodyLimit, config). */
  bodyLimit?: number;
  /** Body formats besides JSON that this route alone accepts (e.g. text/csv), registered in its own scope. */
  parsers?: readonly BodyParser[];
}

/**
 * A body format a route accepts, handed to the handler as a string or a Buffer, or as
 * the unread request stream ('stream', for uploads that must never sit in memory).
 * contentType '*' with 'stream' takes every body as is, JSON included.
 */
export interface BodyParser {
  contentType: string;
  parseAs: 'string' | 'buffer' | 'stream';
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  tenant: TenantRef | null;
  actor: Actor | null;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** Input for routes that need a signed-in actor in a tenant. */
export interface AuthedInput<P, Q, B> extends RouteInput<P, Q, B> {
  tenant: TenantRef;
  actor: Actor;
}

export interface RegisteredRoute {
  method: HttpMethod;
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  status: number;
  parsers?: readonly BodyParser[];
}

export interface RouteDeps {
  tenants: TenantResolver;
  actors: ActorResolver;
}

const Empty = z.object({}).passthrough();

/**
 * Declares a route with the fixed chain: resolve tenant → authenticate → authorise →
 * validate (zod) → handler (calls a service) → reply. Also records it for OpenAPI.
 */
export class Router {
  readonly routes: RegisteredRoute[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly deps: RouteDeps,
  ) {}

  add<
    P extends z.ZodType = typeof Empty,
    Q extends z.ZodType = typeof Empty,
    B extends z.ZodType = z.ZodUnknown,
    R extends z.ZodType = z.ZodUnknown,
  >(
    spec: RouteSpec<P, Q, B, R>,
    handler: (input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>,
  ): void {
    const status = spec.status ?? 200;
    this.routes.push({ ...spec, status });
    const options: RouteOptions = {
      method: spec.method,
      url: spec.url,
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      handler: async (req, reply) => {
        const rawParams = (req.params ?? {}) as Record<string, string>;
        const tenant = rawParams.tenant === undefined ? null : await this.resolveTenant(rawParams.tenant);
        const actor = await this.authenticate(spec.access, tenant, req);
        const params = parse(spec.params ?? Empty, rawParams, 'params') as z.output<P>;
        const query = parse(spec.query ?? Empty, req.query ?? {}, 'query') as z.output<Q>;
        const body = (spec.body ? parse(spec.body, req.body, 'body') : req.body) as z.output<B>;
        const result = await handler({ params, query, body, tenant, actor, req, reply });
        if (reply.sent) return reply;
        reply.code(status);
        if (status === 204) return reply.send();
        return result;
      },
    };
    const parsers = spec.parsers ?? [];
    if (parsers.length === 0) {
      this.app.route(options);
      return;
    }
    // An encapsulated scope, so the extra body parsers apply to this route only.
    void this.app.register(async (scope) => {
      if (parsers.some((p) => p.contentType === '*' && p.parseAs === 'stream'))
        scope.removeAllContentTypeParsers();
      for (const p of parsers) {
        if (p.parseAs === 'stream')
          scope.addContentTypeParser(p.contentType, (_req, payload, done) => done(null, payload));
        else
          scope.addContentTypeParser(p.contentType, { parseAs: p.parseAs }, (_req, body, done) =>
            done(null, body),
          );
      }
      scope.route(options);
    });
  }

  /** Like add, for routes whose access guarantees a tenant and a signed-in actor. */
  authed<
    P extends z.ZodType = typeof Empty,
    Q extends z.ZodType = typeof Empty,
    B extends z.ZodType = z.ZodUnknown,
    R extends z.ZodType = z.ZodUnknown,
  >(
    spec: RouteSpec<P, Q, B, R> & { access: Exclude<Access, 'public'> },
    handler: (input: AuthedInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>,
  ): void {
    this.add(spec, (input) => {
      if (!input.tenant || !input.actor) throw unauthenticated();
      return handler(input as AuthedInput<z.output<P>, z.output<Q>, z.output<B>>);
    });
  }

  private async resolveTenant(slug: string): Promise<TenantRef> {
    const tenant = await this.deps.tenants.bySlug(slug);
    if (!tenant)
      throw notFound('tenant_not_found', `There is no platform called "${slug}"`, { tenant: slug });
    return tenant;
  }

  private async authenticate(
    access: Access,
    tenant: TenantRef | null,
    req: FastifyRequest,
  ): Promise<Actor | null> {
    if (!tenant) {
      if (access === 'public') return null;
      throw new AppError(500, 'route_misconfigured', 'A protected route needs a :tenant parameter');
    }
    const actor = await this.deps.actors.resolve(tenant, {
      cookies: req.cookies ?? {},
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    if (access === 'public') return actor;
    if (!actor) throw unauthenticated();
    if (access === 'signed-in') return actor;
    if (access === 'operator') {
      if (!actor.isOperator) throw forbidden('Only the instance operator can do this');
      return actor;
    }
    if (actor.isOperator || access.some((role) => actor.roles.includes(role))) return actor;
    throw forbidden(`This needs one of the roles: ${access.join(', ')}`, { requiredRoles: [...access] });
  }
}

function parse(schema: z.ZodType, value: unknown, where: 'params' | 'query' | 'body'): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError(400, 'validation_failed', `The request ${where} is not valid`, {
    where,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
      code: issue.code,
    })),
  });
}
