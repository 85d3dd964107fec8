import type {
  CinemaLibraryResponse,
  FacilitatorListResponse,
  LiveRunResponse,
  RemoteCommandsResponse,
  RemoteKey,
  PlanContentInput,
  PlanDetail,
  PlanListResponse,
  PackPlanResponse,
  PlanReadiness,
  ReachResponse,
  SessionListResponse,
  UpstreamPlansResponse,
} from '@satchel/core';
import type { ApiClient, QueryValue } from '../../api/client.js';

// Learning Cinema's calls, typed with core's API schemas. Paths are relative to /api/t/<slug>.

const segment = encodeURIComponent;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export interface ReachFilter {
  readonly from?: string;
  readonly to?: string;
  readonly region?: string;
  readonly period?: 'month' | 'quarter' | 'year';
}

export const cinemaApi = {
  plans: (api: ApiClient, query: Readonly<Record<string, QueryValue>>, signal?: AbortSignal) =>
    api.get<PlanListResponse>('/cinema/plans', { query, ...withSignal(signal) }),
  plan: (api: ApiClient, planId: string, signal?: AbortSignal) =>
    api.get<{ plan: PlanDetail }>(`/cinema/plans/${segment(planId)}`, withSignal(signal)).then((r) => r.plan),
  createPlan: (api: ApiClient, plan: PlanContentInput) =>
    api.post<{ plan: PlanDetail }>('/cinema/plans', plan).then((r) => r.plan),
  updatePlan: (api: ApiClient, planId: string, plan: PlanContentInput, version: number) =>
    api.put<{ plan: PlanDetail }>(`/cinema/plans/${segment(planId)}`, { plan, version }).then((r) => r.plan),
  deletePlan: (api: ApiClient, planId: string) => api.delete<null>(`/cinema/plans/${segment(planId)}`),
  readiness: (api: ApiClient, planId: string, verify: boolean, signal?: AbortSignal) =>
    api.get<PlanReadiness>(`/cinema/plans/${segment(planId)}/readiness`, {
      query: { verify },
      ...withSignal(signal),
    }),
  /** Copies what the plan lacks from the hub's upstream, then reads every file: minutes for films. */
  pack: (api: ApiClient, planId: string) =>
    api.post<PackPlanResponse>(`/cinema/plans/${segment(planId)}/pack`, undefined, {
      timeoutMs: 60 * 60_000,
    }),
  /** On a hub: the plans of its upstream the signed-in facilitator may take that are not here yet. */
  upstreamPlans: (api: ApiClient, signal?: AbortSignal) =>
    api.get<UpstreamPlansResponse>('/cinema/upstream/plans', withSignal(signal)),
  reach: (api: ApiClient, filter: ReachFilter, signal?: AbortSignal) =>
    api.get<ReachResponse>('/cinema/reach', { query: { ...filter }, ...withSignal(signal) }),
  reachCsvUrl: (api: ApiClient, filter: ReachFilter) =>
    api.url('/cinema/reach', { ...filter, format: 'csv' }),
  sessions: (api: ApiClient, signal?: AbortSignal) =>
    api.get<SessionListResponse>('/cinema/sessions', { query: { limit: 20 }, ...withSignal(signal) }),
  media: (api: ApiClient, signal?: AbortSignal) =>
    api.get<CinemaLibraryResponse>('/cinema/library', withSignal(signal)),
  facilitators: (api: ApiClient, signal?: AbortSignal) =>
    api.get<FacilitatorListResponse>('/cinema/facilitators', withSignal(signal)),
  blobUrl: (api: ApiClient, sha256: string) => api.url(`/blobs/${segment(sha256)}`),
  openRemote: (api: ApiClient) => api.post<LiveRunResponse>('/cinema/live').then((r) => r.runId),
  remoteCommands: (api: ApiClient, runId: string, after: number, signal?: AbortSignal) =>
    api.get<RemoteCommandsResponse>(`/cinema/live/${segment(runId)}/commands`, {
      query: { after, wait: 25 },
      timeoutMs: 35_000,
      ...withSignal(signal),
    }),
  pressRemote: (api: ApiClient, runId: string, key: RemoteKey) =>
    api.post<RemoteCommandsResponse>(`/cinema/live/${segment(runId)}/commands`, { key }),
};
