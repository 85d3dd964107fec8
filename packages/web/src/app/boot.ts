import type { ApiClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import type { Me, MeResponse, PublicTenant, PublicTenantResponse } from '../api/types.js';
import { storageKeys, type KeyValueStore } from './storage.js';

export type BootOutcome =
  | {
      readonly kind: 'ready';
      readonly tenant: PublicTenant;
      readonly user: Me | null;
      /** True when the server was unreachable and the last known tenant and user were used. */
      readonly fromCache: boolean;
    }
  | { readonly kind: 'tenant-missing' }
  | { readonly kind: 'unreachable'; readonly error: ApiError };

function readCached<T>(store: KeyValueStore, key: string): T | null {
  const raw = store.get(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    store.remove(key);
    return null;
  }
}

export function rememberUser(store: KeyValueStore, slug: string, user: Me | null): void {
  if (user) store.set(storageKeys.user(slug), JSON.stringify(user));
  else store.remove(storageKeys.user(slug));
}

const asApiError = (reason: unknown): ApiError =>
  reason instanceof ApiError ? reason : new ApiError(0, 'network_error', String(reason));

/**
 * Asks for the tenant and the session at the same time. With no network, the last tenant and user this
 * browser saw are used, so an installed app still opens offline; they are forgotten on sign-out.
 */
export async function loadTenantSession(
  api: ApiClient,
  store: KeyValueStore,
  slug: string,
): Promise<BootOutcome> {
  const [tenantResult, meResult] = await Promise.allSettled([
    api.get<PublicTenantResponse>('/public'),
    api.get<MeResponse>('/me'),
  ]);

  if (tenantResult.status === 'rejected') {
    const error = asApiError(tenantResult.reason);
    if (error.status === 404) {
      store.remove(storageKeys.tenant(slug));
      rememberUser(store, slug, null);
      return { kind: 'tenant-missing' };
    }
    const tenant = error.isNetworkFailure ? readCached<PublicTenant>(store, storageKeys.tenant(slug)) : null;
    if (!tenant) return { kind: 'unreachable', error };
    return { kind: 'ready', tenant, user: readCached<Me>(store, storageKeys.user(slug)), fromCache: true };
  }

  const tenant = tenantResult.value.tenant;
  store.set(storageKeys.tenant(slug), JSON.stringify(tenant));
  if (meResult.status === 'fulfilled') {
    rememberUser(store, slug, meResult.value.user);
    return { kind: 'ready', tenant, user: meResult.value.user, fromCache: false };
  }
  const meError = asApiError(meResult.reason);
  if (meError.isNetworkFailure) {
    return { kind: 'ready', tenant, user: readCached<Me>(store, storageKeys.user(slug)), fromCache: true };
  }
  // 401 means signed out; any other answer is treated the same, since only sign-in can fix a session.
  rememberUser(store, slug, null);
  return { kind: 'ready', tenant, user: null, fromCache: false };
}
