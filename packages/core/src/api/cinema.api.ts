import { z } from 'zod';
import {
  AgeBand,
  Attendance,
  MOODS,
  PlanContent,
  PlanStep,
  SessionLogInput,
} from '../cinema/cinema.schema.js';
import { SyncRecordSchema } from '../sync/wire.js';
import { SlugParam } from './common.api.js';

// Learning Cinema over HTTP: session plans, session logs and reach reports.

export const PlanParams = SlugParam.extend({ planId: z.uuid() });
export const CinemaSessionParams = SlugParam.extend({ sessionId: z.uuid() });

/** A library item a media step plays, as this server holds it. */
export const PlanMedia = z.object({
  itemId: z.string(),
  title: z.string(),
  kind: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  /** The file, fetched from `/api/t/:tenant/blobs/:sha256`; null when the item has none. */
  sha256: z.string().nullable(),
  /** Attribution, which open licences require wherever the item is shown. */
  licence: z.string(),
  author: z.string().nullable(),
  provider: z.string().nullable(),
});
export type PlanMedia = z.infer<typeof PlanMedia>;

export const CinemaLibraryResponse = z.object({
  items: z.array(PlanMedia.extend({ language: z.string().nullable() })),
});
export type CinemaLibraryResponse = z.infer<typeof CinemaLibraryResponse>;

export const FacilitatorListResponse = z.object({
  items: z.array(z.object({ id: z.string(), displayName: z.string() })),
});
export type FacilitatorListResponse = z.infer<typeof FacilitatorListResponse>;

export const PlanSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  ageBand: AgeBand,
  durationMinutes: z.number().int(),
  language: z.string(),
  tags: z.array(z.string()),
  shared: z.boolean(),
  stepCount: z.number().int(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  /** The caller may change it (its owner, or an admin). */
  editable: z.boolean(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const PlanDetail = PlanSummary.extend({ steps: z.array(PlanStep), media: z.array(PlanMedia) });
export type PlanDetail = z.infer<typeof PlanDetail>;

export const PlanListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  language: z.string().max(20).optional(),
  ageBand: AgeBand.optional(),
  tag: z.string().max(80).optional(),
});
export type PlanListQuery = z.infer<typeof PlanListQuery>;

export const PlanListResponse = z.object({ items: z.array(PlanSummary) });
export type PlanListResponse = z.infer<typeof PlanListResponse>;
export const PlanResponse = z.object({ plan: PlanDetail });
export type PlanResponse = z.infer<typeof PlanResponse>;

export const CreatePlanRequest = PlanContent;
export type CreatePlanRequest = z.input<typeof CreatePlanRequest>;
export const UpdatePlanRequest = z.object({
  plan: PlanContent,
  /** The version the editor saw; a stale one is refused with 409 edit_conflict. */
  version: z.number().int().positive(),
});
export type UpdatePlanRequest = z.input<typeof UpdatePlanRequest>;

/** `?verify=true` reads and hashes every file (slow for films); without it sizes are compared. */
export const ReadinessQuery = z.object({
  verify: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
});

/** Whether every item of a plan can play on this server, checked before the team leaves. */
export const PlanReadiness = z.object({
  planId: z.string(),
  ready: z.boolean(),
  items: z.array(
    z.object({
      itemId: z.string(),
      title: z.string(),
      status: z.enum(['ok', 'missing_item', 'missing_file', 'corrupt', 'unplayable']),
      message: z.string(),
    }),
  ),
});
export type PlanReadiness = z.infer<typeof PlanReadiness>;

/**
 * "Pack for the field" (`POST …/cinema/plans/:planId/pack`): on a registered hub, the plan (when it
 * is not here yet) and the files it needs that are not here are copied from the upstream, files by
 * hash, then every file is verified.
 */
export const PackPlanResponse = z.object({
  planId: z.string(),
  title: z.string(),
  /** The server the files were copied from; null on a server with no upstream, where packing only checks. */
  upstream: z.string().nullable(),
  /** Whether the plan itself came from the upstream (it was not here yet). */
  fetchedPlan: z.boolean(),
  copiedFiles: z.number().int().nonnegative(),
  /** Files the upstream could not deliver intact (the readiness below names them too), with why. */
  notCopied: z.array(z.object({ itemId: z.string(), title: z.string(), reason: z.string() })),
  readiness: PlanReadiness,
});
export type PackPlanResponse = z.infer<typeof PackPlanResponse>;

/** `?ids=a,b`: the library items a hub's plans show, asked of its upstream with the hub credential. */
export const HubMediaQuery = z.object({
  ids: z
    .string()
    .max(20_000)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.uuid()).min(1).max(500)),
});

/**
 * `?userId=`: the facilitator a hub asks for (signed in there; people sync, so the id is theirs
 * upstream too). The upstream answers with the plans that person may see: their own and the shared
 * ones (every plan for an admin). Without it, or for someone who runs no sessions, shared plans only.
 */
export const HubPlansQuery = z.object({ userId: z.uuid().optional() });
export type HubPlansQuery = z.infer<typeof HubPlansQuery>;

/**
 * One plan for a hub, with the plan's record-sync record (same id, same instance and counter, same
 * per-field stamps): the hub applies it as record sync would, so the plan arriving later by sync
 * changes nothing and conflicts with nothing.
 */
export const HubPlanResponse = z.object({ plan: PlanDetail, record: SyncRecordSchema });
export type HubPlanResponse = z.infer<typeof HubPlanResponse>;

/** On a hub: the plans its upstream holds for the signed-in facilitator that are not here yet. */
export const UpstreamPlansResponse = z.object({
  /** The upstream asked; null on a server that is no registered hub (nothing to list). */
  upstream: z.string().nullable(),
  items: z.array(PlanSummary),
});
export type UpstreamPlansResponse = z.infer<typeof UpstreamPlansResponse>;

export const RecordSessionRequest = SessionLogInput;
export type RecordSessionRequest = z.input<typeof RecordSessionRequest>;

export const SessionView = z.object({
  id: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  date: z.string(),
  place: z.string(),
  region: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  facilitatorIds: z.array(z.string()),
  facilitatorNames: z.array(z.string()),
  team: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  attendance: Attendance,
  reached: z.number().int(),
  withDisability: z.number().int(),
  activities: z.array(z.object({ stepId: z.string(), counts: z.array(z.number().int()) })),
  checkIns: z.array(z.object({ stepId: z.string(), counts: z.record(z.enum(MOODS), z.number().int()) })),
  notes: z.string(),
  referral: z.boolean(),
  stepsCompleted: z.number().int(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type SessionView = z.infer<typeof SessionView>;

export const SessionResponse = z.object({ session: SessionView, created: z.boolean() });
export type SessionResponse = z.infer<typeof SessionResponse>;

export const ReachQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  region: z.string().max(120).optional(),
  planId: z.uuid().optional(),
  facilitatorId: z.uuid().optional(),
  period: z.enum(['month', 'quarter', 'year']).default('month'),
  format: z.enum(['json', 'csv']).default('json'),
});
export type ReachQuery = z.infer<typeof ReachQuery>;

export const SessionListQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type SessionListQuery = z.infer<typeof SessionListQuery>;
export const SessionListResponse = z.object({ items: z.array(SessionView), total: z.number().int() });
export type SessionListResponse = z.infer<typeof SessionListResponse>;

const Group = z.object({
  key: z.string(),
  label: z.string(),
  sessions: z.number().int(),
  reached: z.number().int(),
  withDisability: z.number().int(),
});
const Counts = z.record(z.string(), z.number().int());

export const ReachResponse = z.object({
  sessions: z.number().int(),
  reached: z.number().int(),
  withDisability: z.number().int(),
  referrals: z.number().int(),
  bySex: Counts,
  byAgeBand: Counts,
  bySexAndAge: z.record(z.string(), Counts),
  byRegion: z.array(Group),
  byPeriod: z.array(Group),
  byPlan: z.array(Group),
  byFacilitator: z.array(Group),
  byTeam: z.array(Group),
  wellbeing: z.array(z.object({ period: z.string(), counts: Counts, mean: z.number().nullable() })),
});
export type ReachResponse = z.infer<typeof ReachResponse>;

// The phone remote: key presses relayed to the console of a running session.
export const REMOTE_KEYS = [
  'next',
  'previous',
  'pause',
  'blank',
  'reveal',
  'nextPage',
  'previousPage',
] as const;
export const RemoteKey = z.enum(REMOTE_KEYS);
export type RemoteKey = z.infer<typeof RemoteKey>;
export const LiveParams = SlugParam.extend({ runId: z.uuid() });
export const LiveRunResponse = z.object({ runId: z.uuid() });
export type LiveRunResponse = z.infer<typeof LiveRunResponse>;
export const RemoteCommandRequest = z.object({ key: RemoteKey }).strict();
export const RemoteCommandQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  /** Seconds to wait for a key press before answering with none. */
  wait: z.coerce.number().int().min(0).max(30).default(25),
});
export const RemoteCommandsResponse = z.object({
  commands: z.array(z.object({ seq: z.number().int(), key: RemoteKey })),
  latest: z.number().int(),
});
export type RemoteCommandsResponse = z.infer<typeof RemoteCommandsResponse>;
