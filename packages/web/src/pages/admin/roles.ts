import type { Role } from '@satchel/core';

/** Every role, in the order forms and filters list them (core's ROLES, without loading its schemas). */
export const ROLES_IN_ORDER: readonly Role[] = ['learner', 'educator', 'author', 'facilitator', 'admin'];
