import { VERBS } from '@satchel/core';
import type { FastifyRequest } from 'fastify';
import { hasRole, type ActorResolver, type TenantResolver } from '../http/context.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import type { StatementAuthority } from './lrs.authority.js';

/** Checks LRS credentials (HTTP Basic key and secret); implemented by the lrs-credentials domain. */
export interface LrsCredentialVerifier {
  verify(key: string, secret: string): Promise<{ tenantId: string; key: string; name: string } | null>;
}

/** A cmi5 AU session behind an auth token (HTTP Basic "cmi5:<token>"); implemented by the cmi5 domain. */
export interface Cmi5TokenGrant {
  tenantId: string;
  userId: string;
  registration: string;
  activityId: string;
  sessionId: string;
}

/** Whose session token this is, or null when it is unknown, spent or expired. */
export type Cmi5TokenVerifier = (secret: string) => Promise<Cmi5TokenGrant | null>;

/** The HTTP Basic user name of a cmi5 session token (see Cmi5Service.fetch). */
const CMI5_USER = 'cmi5';

/** Who is calling the LRS, in which tenant, and what they may read. */
export interface LrsCaller {
  tenantId: string;
  authority: StatementAuthority;
  /** Credentials and tenant admins read every statement; a learner only their own. */
  readsAll: boolean;
  /** Set when the caller is a cmi5 AU with its session token: the learner, bound to one registration. */
  cmi5?: { registration: string; activityId: string; sessionId: string };
}

export const TENANT_HEADER = 'x-satchel-tenant';

function lrsUnauthenticated(message: string): AppError {
  return new AppError(401, 'unauthenticated', message);
}

function basicCredentials(header: string | undefined): { key: string; secret: string } | null {
  if (header === undefined) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * LRS authentication: HTTP Basic with LRS credentials (the credentials decide the
 * tenant), or a learner's session cookie for the tenant named by X-Satchel-Tenant.
 */
export class LrsAuthenticator {
  constructor(
    private readonly tenants: TenantResolver,
    private readonly actors: ActorResolver,
    private readonly credentials: LrsCredentialVerifier,
    private readonly verifyCmi5Token: Cmi5TokenVerifier = () => Promise.resolve(null),
  ) {}

  async authenticate(req: FastifyRequest): Promise<LrsCaller> {
    const slug = req.headers[TENANT_HEADER];
    return this.authenticateWith(
      req.headers.authorization,
      typeof slug === 'string' ? slug : undefined,
      req.cookies ?? {},
    );
  }

  /** The same, for an xAPI request (whose headers may have come in an alternate-syntax form). */
  async authenticateRequest(req: {
    headers: Record<string, string | undefined>;
    cookies: Record<string, string | undefined>;
  }): Promise<LrsCaller> {
    return this.authenticateWith(req.headers.authorization, req.headers[TENANT_HEADER], req.cookies);
  }

  private async authenticateWith(
    authorization: string | undefined,
    slug: string | undefined,
    cookies: Record<string, string | undefined>,
  ): Promise<LrsCaller> {
    if (authorization !== undefined && /^Basic\s/i.test(authorization)) {
      const basic = basicCredentials(authorization);
      if (basic?.key === CMI5_USER) {
        const grant = await this.verifyCmi5Token(basic.secret);
        if (!grant) throw lrsUnauthenticated('This cmi5 session token is not valid (or has ended)');
        return {
          tenantId: grant.tenantId,
          authority: { kind: 'learner', userId: grant.userId },
          readsAll: false,
          cmi5: {
            registration: grant.registration,
            activityId: grant.activityId,
            sessionId: grant.sessionId,
          },
        };
      }
      const verified = basic ? await this.credentials.verify(basic.key, basic.secret) : null;
      if (!verified) throw lrsUnauthenticated('These LRS credentials are not valid (or have been revoked)');
      return {
        tenantId: verified.tenantId,
        authority: { kind: 'credential', key: verified.key, name: verified.name },
        readsAll: true,
      };
    }
    if (slug === undefined || slug === '') {
      throw lrsUnauthenticated(
        'Sign in, or send LRS credentials with HTTP Basic (a session needs the X-Satchel-Tenant header)',
      );
    }
    const tenant = await this.tenants.bySlug(slug);
    if (!tenant)
      throw notFound('tenant_not_found', `There is no platform called "${slug}"`, { tenant: slug });
    const actor = await this.actors.resolve(tenant, {
      cookies,
      ...(authorization ? { authorization } : {}),
    });
    if (!actor) throw lrsUnauthenticated('Sign in to this platform to record learning');
    return {
      tenantId: tenant.id,
      authority: { kind: 'learner', userId: actor.userId },
      readsAll: hasRole(actor, 'admin'),
    };
  }
}

/**
 * What an AU may send with its session token (cmi5 §9.6.1, §9.3): statements in its own
 * registration only, and no voiding. Other shapes are left to statement validation.
 */
export function assertCmi5Statements(caller: LrsCaller, input: unknown): void {
  const grant = caller.cmi5;
  if (grant === undefined) return;
  const statements: unknown[] = Array.isArray(input) ? input : [input];
  statements.forEach((s, index) => {
    if (typeof s !== 'object' || s === null) return;
    const { verb, context } = s as { verb?: { id?: unknown }; context?: { registration?: unknown } };
    if (verb?.id === VERBS.voided)
      throw forbidden('A cmi5 AU may not void statements', { index, verb: VERBS.voided });
    const registration = context?.registration;
    if (typeof registration !== 'string' || registration.toLowerCase() !== grant.registration.toLowerCase())
      throw forbidden('A cmi5 AU may only record statements in the registration of its session', {
        index,
        expectedRegistration: grant.registration,
      });
  });
}
