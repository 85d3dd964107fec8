import type { ConflictEntry, HubSummary, SyncStatusResponse } from '@satchel/core';
import type { ApiClient } from '../../../api/client.js';

// Record sync's calls (paths relative to /api/t/<slug>).

/**
 * The server lists notes (records applied with an adjustment the admin should know of, such as a
 * username taken on two replicas) apart from refusals.
 */
export type HubView = HubSummary;
export type LinkView = SyncStatusResponse['links'][number];
export type StatusView = Omit<SyncStatusResponse, 'links'> & { links: LinkView[] };

const segment = encodeURIComponent;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const syncApi = {
  status: (api: ApiClient, signal?: AbortSignal) => api.get<StatusView>('/sync/status', opts(signal)),
  run: (api: ApiClient) => api.post<StatusView>('/sync/run', {}),
  hubs: (api: ApiClient, signal?: AbortSignal) => api.get<{ items: HubView[] }>('/sync/hubs', opts(signal)),
  revoke: (api: ApiClient, hubId: string) => api.post<HubView>(`/sync/hubs/${segment(hubId)}/revoke`, {}),
  conflicts: (api: ApiClient, signal?: AbortSignal) =>
    api.get<{ items: ConflictEntry[]; total: number }>('/sync/conflicts?limit=50', opts(signal)),
};
