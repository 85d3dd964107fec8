import type { CreateForwardingDestinationRequest, ForwardingDestination } from '@satchel/core';
import type { ApiClient } from '../../../api/client.js';

// Statement forwarding's calls (paths relative to /api/t/<slug>).

const BASE = '/forwarding/destinations';
const segment = encodeURIComponent;
type One = { destination: ForwardingDestination };

export const forwardingApi = {
  list: (api: ApiClient, signal?: AbortSignal) =>
    api.get<{ items: ForwardingDestination[] }>(BASE, signal ? { signal } : {}),
  create: async (api: ApiClient, body: CreateForwardingDestinationRequest) =>
    (await api.post<One>(BASE, body)).destination,
  setPaused: async (api: ApiClient, id: string, paused: boolean) =>
    (await api.post<One>(`${BASE}/${segment(id)}/${paused ? 'pause' : 'resume'}`, {})).destination,
  remove: (api: ApiClient, id: string) => api.delete<void>(`${BASE}/${segment(id)}`),
};

/** Verb IRIs typed one per line (or separated by commas), blanks dropped. */
export function parseVerbs(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
