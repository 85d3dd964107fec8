import type { Role } from '@satchel/core';

/** The tenant a request is about, resolved from the `:tenant` slug in the URL. */
export interface TenantRef {
  id: string;
  slug: string;
}

/** Who is acting: a signed-in user (session cookie) or a script (API token). */
export interface Actor {
  userId: string;
  tenantId: string;
  username: string;
  displayName: string;
  roles: Role[];
  isOperator: boolean;
  via: 'session' | 'token';
  sessionId: string | null;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.isOperator || roles.some((r) => actor.roles.includes(r));
}

export interface TenantResolver {
  bySlug(slug: string): Promise<TenantRef | null>;
}

/** Reads credentials off a request for one tenant. Implemented by the identity domain. */
export interface ActorResolver {
  resolve(
    tenant: TenantRef,
    credentials: { cookies: Record<string, string | undefined>; authorization?: string },
  ): Promise<Actor | null>;
}

export function sessionCookieName(slug: string): string {
  return `satchel_${slug}`;
}
