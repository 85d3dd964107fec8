import type { ConflictEntry, HubSummary, SyncStatusResponse } from '@satchel/core';
import type { ApiClient } from '../../../api/client.js';

// Record sync's calls (paths relative to /api/t/<slug>).

const segment = encodeURIComponent;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const syncApi = {
  status: (api: ApiClient, signal?: AbortSignal) => api.get<SyncStatusResponse>('/sync/status', opts(signal)),
  run: (api: ApiClient) => api.post<SyncStatusResponse>('/sync/run', {}),
  hubs: (api: ApiClient, signal?: AbortSignal) =>
    api.get<{ items: HubSummary[] }>('/sync/hubs', opts(signal)),
  revoke: (api: ApiClient, hubId: string) => api.post<HubSummary>(`/sync/hubs/${segment(hubId)}/revoke`, {}),
  conflicts: (api: ApiClient, signal?: AbortSignal) =>
    api.get<{ items: ConflictEntry[]; total: number }>('/sync/conflicts?limit=50', opts(signal)),
};
