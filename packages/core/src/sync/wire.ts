// Sync wire messages (protocol in ../protocol/version.ts). Records travel as
// (kind, id, instance, counter) with either per-field registers (profile-like records)
// or an immutable body (statements, conflict-log entries, quiz attempts).
import { z } from 'zod';
import { isHlc } from './hlc.js';

/**
 * Record kinds, parents before the rows that point at them (a batch is applied in this order).
 * Kinds are only ever appended: protocol 2 added the run-time records after `conflict`.
 */
export const SYNC_KINDS = [
  'user',
  'class',
  'membership',
  'class_member',
  'enrolment',
  'cinema_plan',
  'cinema_session',
  'statement',
  'conflict',
  // Protocol 2: learners' run-time records (decision 0006, addendum).
  'quiz_attempt',
  'scorm_attempt',
  'scorm_item_state',
  'cmi5_registration',
  'xapi_document',
] as const;
export const SyncKind = z.enum(SYNC_KINDS);
export type SyncKind = z.infer<typeof SyncKind>;

/** Kinds merged per field (the others are immutable and merge as a union). */
export const FIELD_KINDS: readonly SyncKind[] = [
  'user',
  'class',
  'membership',
  'class_member',
  'enrolment',
  'cinema_plan',
  // Session logs never change after they are written, so per-field merging is a union by id for them.
  'cinema_session',
  'scorm_attempt',
  // One register holds the whole item state / document, so the merge is last writer wins per record.
  'scorm_item_state',
  'cmi5_registration',
  'xapi_document',
];

export const InstanceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const HlcStamp = z.string().refine(isHlc, 'not an HLC stamp');
export const VersionVectorSchema = z.record(InstanceId, z.number().int().nonnegative());

const Value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const VersionedSchema = z.object({ v: Value, h: HlcStamp });
export const RegisterSchema = z.object({
  w: VersionedSchema,
  s: z.array(VersionedSchema).max(64).optional(),
  c: z.record(InstanceId, HlcStamp),
});

export const SyncRecordSchema = z.object({
  kind: SyncKind,
  id: z.string().min(1).max(200),
  /** The instance and counter this version was saved with. */
  i: InstanceId,
  n: z.number().int().positive(),
  fields: z.record(z.string().regex(/^[a-z_]{1,40}$/), RegisterSchema).optional(),
  body: z.record(z.string(), z.unknown()).optional(),
});
export type SyncRecord = z.infer<typeof SyncRecordSchema>;

export const MAX_BATCH = 1000;

/** Which records a hub's credential covers: the whole platform, or some classes (their members' records). */
export const SyncScope = z.object({ classIds: z.array(z.string()).max(500).optional() });
export type SyncScope = z.infer<typeof SyncScope>;

export const PullRequest = z.object({
  protocol: z.number().int().positive(),
  instance: InstanceId,
  since: VersionVectorSchema,
  /** Where the previous page ended (opaque), or null to start. */
  cursor: z.string().max(4000).nullable(),
  limit: z.number().int().min(1).max(MAX_BATCH).optional(),
  /** Only this learner's records (a learner who signs in on a hub they were not synced to). */
  userId: z.string().max(200).optional(),
  /** The same, by username (what the hub knows at sign-in). */
  username: z.string().max(200).optional(),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResponse = z.object({
  protocol: z.number().int().positive(),
  instance: InstanceId,
  records: z.array(SyncRecordSchema),
  /** Null when this was the last page. */
  cursor: z.string().nullable(),
  /** The sender's vector when the feed started: integrate it once every page is applied. */
  vector: VersionVectorSchema,
});
export type PullResponse = z.infer<typeof PullResponse>;

export const PushRequest = z.object({
  protocol: z.number().int().positive(),
  instance: InstanceId,
  records: z.array(SyncRecordSchema).max(MAX_BATCH),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** A record the receiver did not apply (or applied changed), and why. */
export const SyncRefusal = z.object({
  kind: z.string(),
  id: z.string(),
  /** A stable code when there is one (`out_of_scope`: outside the hub's classes). */
  code: z.string().optional(),
  reason: z.string(),
});
export type SyncRefusal = z.infer<typeof SyncRefusal>;

/** The last clock drift seen from a peer: its clock was this far ahead of ours. */
export const SyncDrift = z.object({
  at: z.string(),
  aheadSeconds: z.number(),
  limitSeconds: z.number(),
});
export type SyncDrift = z.infer<typeof SyncDrift>;

export const PushResponse = z.object({
  protocol: z.number().int().positive(),
  applied: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  /** Records kept aside because what they point at has not arrived yet. */
  staged: z.number().int().nonnegative(),
  /** Records refused (never applied), e.g. outside a class-scoped hub's classes. Older upstreams omit it. */
  refused: z.array(SyncRefusal).default([]),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const RegisterHubRequest = z.object({
  name: z.string().trim().min(1).max(120),
  instance: InstanceId,
  classIds: z.array(z.string()).max(500).optional(),
});
export type RegisterHubRequest = z.infer<typeof RegisterHubRequest>;

export const TenantSnapshot = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  defaultLocale: z.string(),
  locales: z.array(z.string()),
  /** The platform's settings row (without its invite code), so the hub serves it the same way. */
  settings: z.record(z.string(), z.unknown()),
});
export type TenantSnapshot = z.infer<typeof TenantSnapshot>;

export const RegisterHubResponse = z.object({
  hubId: z.string(),
  /** Shown once: the hub sends `<hubId>.<secret>` in the x-satchel-hub header. */
  secret: z.string(),
  instance: InstanceId,
  tenant: TenantSnapshot,
  classIds: z.array(z.string()),
});
export type RegisterHubResponse = z.infer<typeof RegisterHubResponse>;

export const HubSummary = z.object({
  id: z.string(),
  name: z.string(),
  instance: InstanceId,
  classIds: z.array(z.string()),
  createdAt: z.string(),
  lastContactAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** Changes this server holds that the hub has not pulled yet (as of its last contact). */
  backlog: z.number().int().nonnegative(),
  /** The last clock drift seen in what this hub sent. */
  lastDrift: SyncDrift.nullable().default(null),
  /** What was refused from the hub's last push or bundle that refused anything (newest first, bounded). */
  refused: z.array(SyncRefusal).default([]),
  /** Notes about records that were applied (a username kept apart, say), apart from refusals. */
  notes: z.array(SyncRefusal).default([]),
});
export type HubSummary = z.infer<typeof HubSummary>;

export const SyncLinkStatus = z.object({
  tenantSlug: z.string(),
  upstream: z.string(),
  hubId: z.string(),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Local changes the upstream has not acknowledged yet. */
  pending: z.number().int().nonnegative(),
  /** Records kept aside until what they point at arrives. */
  staged: z.number().int().nonnegative(),
  /** The last clock drift seen in what the upstream sent. */
  lastDrift: SyncDrift.nullable().default(null),
  /** What the upstream refused from the last push that refused anything (bounded). */
  refused: z.array(SyncRefusal).default([]),
  /** Notes about records the upstream applied (a username kept apart, say), apart from refusals. */
  notes: z.array(SyncRefusal).default([]),
});
export type SyncLinkStatus = z.infer<typeof SyncLinkStatus>;

export const SyncStatusResponse = z.object({
  instance: InstanceId,
  links: z.array(SyncLinkStatus),
  conflicts: z.number().int().nonnegative(),
});
export type SyncStatusResponse = z.infer<typeof SyncStatusResponse>;

export const ConflictEntry = z.object({
  id: z.string(),
  kind: SyncKind,
  recordId: z.string(),
  field: z.string(),
  loserValue: Value,
  loserStamp: HlcStamp,
  /** The value that won, as the replica that recorded the conflict saw it. */
  winnerValue: Value,
  winnerStamp: HlcStamp,
  recordedAt: z.string(),
});
export type ConflictEntry = z.infer<typeof ConflictEntry>;
export const ConflictList = z.object({
  items: z.array(ConflictEntry),
  total: z.number().int().nonnegative(),
});
