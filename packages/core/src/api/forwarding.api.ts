import { z } from 'zod';
import { SlugParam } from './common.api.js';

// Statement forwarding: a tenant's statements copied to an outside LRS. The secret
// (Basic password or bearer token) is write-only: responses show its last characters.

const Endpoint = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((u) => !/[?#]/.test(u), 'the LRS endpoint may not carry a query or fragment');

const Auth = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('basic'),
    key: z.string().min(1).max(300),
    secret: z.string().min(1).max(1000),
  }),
  z.object({ kind: z.literal('bearer'), token: z.string().min(1).max(4000) }),
]);

const Filter = z.object({
  /** Only statements with one of these verbs (empty: every verb). */
  verbs: z.array(z.url().max(2000)).max(50).default([]),
  /** Only statements whose object id starts with this. */
  activityPrefix: z.string().min(1).max(2000).nullable().default(null),
});

export const CreateForwardingDestinationRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    endpoint: Endpoint,
    auth: Auth,
    filter: Filter.default({ verbs: [], activityPrefix: null }),
    /** Also send the statements already stored (default: only those stored from now on). */
    includeExisting: z.boolean().default(false),
  })
  .strict();
export type CreateForwardingDestinationRequest = z.input<typeof CreateForwardingDestinationRequest>;

export const UpdateForwardingDestinationRequest = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    endpoint: Endpoint.optional(),
    /** Replaces the credentials; leave out to keep them. */
    auth: Auth.optional(),
    filter: Filter.optional(),
    paused: z.boolean().optional(),
  })
  .strict();

export const ForwardingDestination = z.object({
  id: z.uuid(),
  name: z.string(),
  endpoint: z.string(),
  auth: z.object({
    kind: z.enum(['basic', 'bearer']),
    key: z.string().nullable(),
    /** The last characters of the secret or token, e.g. "…f3a9". */
    secretHint: z.string(),
  }),
  filter: z.object({ verbs: z.array(z.string()), activityPrefix: z.string().nullable() }),
  paused: z.boolean(),
  createdAt: z.string(),
  status: z.object({
    pending: z.number().int().nonnegative(),
    delivered: z.number().int().nonnegative(),
    lastDeliveredAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    failures: z.number().int().nonnegative(),
    nextAttemptAt: z.string().nullable(),
  }),
});
export type ForwardingDestination = z.infer<typeof ForwardingDestination>;

export const ForwardingDestinationList = z.object({ items: z.array(ForwardingDestination) });
export const ForwardingDestinationResponse = z.object({ destination: ForwardingDestination });
export const ForwardingDestinationParams = SlugParam.extend({ destinationId: z.uuid() });
