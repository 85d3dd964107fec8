import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import type { Me, PublicTenant } from '../api/types.js';

export interface TenantContextValue {
  readonly tenant: PublicTenant;
  /** Calls relative to `/api/t/<slug>`. */
  readonly api: ApiClient;
}

export const TenantContext = createContext<TenantContextValue | null>(null);

function required<T>(value: T | null, name: string): T {
  if (value === null) throw new Error(`${name} is used outside the tenant app`);
  return value;
}

export function useTenant(): PublicTenant {
  return required(useContext(TenantContext), 'useTenant()').tenant;
}

export function useApi(): ApiClient {
  return required(useContext(TenantContext), 'useApi()').api;
}

export interface Session {
  readonly user: Me | null;
  /** After sign-in or sign-up: remembers the user and switches to their language. */
  readonly signedIn: (user: Me) => void;
  /** After the user's own record changed (profile saved). */
  readonly updated: (user: Me) => void;
  /** Ends the session on the server, then forgets the user here. Rejects if the server was not reached. */
  readonly signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  return required(useContext(SessionContext), 'useSession()');
}

/** The signed-in user, for pages whose route requires one (the router guarantees it). */
export function useUser(): Me {
  const user = useSession().user;
  if (!user) throw new Error('useUser() on a page that does not require a signed-in user');
  return user;
}
