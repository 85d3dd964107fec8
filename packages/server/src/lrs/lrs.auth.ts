import type { FastifyRequest } from 'fastify';
import { hasRole, type ActorResolver, type TenantResolver } from '../http/context.js';
import { AppError, notFound } from '../http/errors.js';
import type { StatementAuthority } from './lrs.authority.js';

/** Checks LRS credentials (HTTP Basic key and secret); implemented by the lrs-credentials domain. */
export interface LrsCredentialVerifier {
  verify(key: string, secret: string): Promise<{ tenantId: string; key: string; name: string } | null>;
}

/** Who is calling the LRS, in which tenant, and what they may read. */
export interface LrsCaller {
  tenantId: string;
  authority: StatementAuthority;
  /** Credentials and tenant admins read every statement; a learner only their own. */
  readsAll: boolean;
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
  ) {}

  async authenticate(req: FastifyRequest): Promise<LrsCaller> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined && /^Basic\s/i.test(authorization)) {
      const basic = basicCredentials(authorization);
      const verified = basic ? await this.credentials.verify(basic.key, basic.secret) : null;
      if (!verified) throw lrsUnauthenticated('These LRS credentials are not valid (or have been revoked)');
      return {
        tenantId: verified.tenantId,
        authority: { kind: 'credential', key: verified.key, name: verified.name },
        readsAll: true,
      };
    }
    const slug = req.headers[TENANT_HEADER];
    if (typeof slug !== 'string' || slug === '') {
      throw lrsUnauthenticated(
        'Sign in, or send LRS credentials with HTTP Basic (a session needs the X-Satchel-Tenant header)',
      );
    }
    const tenant = await this.tenants.bySlug(slug);
    if (!tenant)
      throw notFound('tenant_not_found', `There is no platform called "${slug}"`, { tenant: slug });
    const actor = await this.actors.resolve(tenant, {
      cookies: req.cookies ?? {},
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
