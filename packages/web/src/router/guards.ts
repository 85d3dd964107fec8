import type { Role } from '@satchel/core';

/**
 * Who may open a route:
 * - 'public': anyone (not found, legal pages)
 * - 'guest': only signed-out visitors (sign in, sign up); a signed-in user is sent on
 * - 'user': any signed-in user
 * - a list of roles: a signed-in user holding at least one of them
 */
export type Access = 'public' | 'guest' | 'user' | readonly Role[];

export type AccessDecision = 'allow' | 'sign-in' | 'not-allowed' | 'leave';

export interface Viewer {
  readonly roles: readonly Role[];
}

export function decideAccess(access: Access, viewer: Viewer | null): AccessDecision {
  if (access === 'public') return 'allow';
  if (access === 'guest') return viewer ? 'leave' : 'allow';
  if (!viewer) return 'sign-in';
  if (access === 'user') return 'allow';
  return access.some((role) => viewer.roles.includes(role)) ? 'allow' : 'not-allowed';
}
