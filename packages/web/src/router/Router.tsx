import type { ComponentType } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import type { Role } from '@satchel/core';
import { loadStaffMessages } from '../i18n/i18n.js';
import { decideAccess, type Access } from './guards.js';
import { currentLocation, navigate, useLocation } from './history.js';
import { ErrorBoundary, lazy } from './lazy.js';
import { createMatcher, type RouteParams } from './match.js';
import { safeNext, signInPath } from './paths.js';

/** What every page component receives. */
export interface PageProps {
  readonly params: RouteParams;
  readonly query: URLSearchParams;
}

export type PageModule = Promise<{ default: ComponentType<PageProps> }>;

export interface RouteDef {
  /** Tenant-relative pattern: `/courses/:courseId`. */
  readonly path: string;
  readonly access: Access;
  readonly page: ComponentType<PageProps>;
}

/** One line per route: `route('/catalog', () => import('../pages/learner/CatalogPage.js'), ['learner'])`. */
export function route(path: string, load: () => PageModule, access: Access = 'user'): RouteDef {
  // Staff pages bring their messages along; learners never download them.
  const staffOnly = Array.isArray(access) && !access.includes('learner');
  const loadPage = staffOnly ? () => Promise.all([load(), loadStaffMessages()]).then(([page]) => page) : load;
  return { path, access, page: lazy(loadPage) };
}

/** Changes the address without adding history, after the current render. */
export function Redirect({ to }: { readonly to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export interface RouterViewProps {
  readonly routes: readonly RouteDef[];
  readonly viewer: { readonly roles: readonly Role[] } | null;
  readonly notFound: ComponentType<PageProps>;
  readonly notAllowed: ComponentType<PageProps>;
}

export function RouterView({ routes, viewer, notFound: NotFound, notAllowed: NotAllowed }: RouterViewProps) {
  const location = useLocation();
  const resolve = useMemo(() => createMatcher(routes), [routes]);
  const query = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const resolved = resolve(location.path);
  if (!resolved) return <NotFound params={{}} query={query} />;

  const decision = decideAccess(resolved.route.access, viewer);
  switch (decision) {
    case 'allow': {
      const Page = resolved.route.page;
      // Keyed by path: a new page starts with fresh state and a fresh error boundary.
      return (
        <ErrorBoundary key={location.path}>
          <Page params={resolved.params} query={query} />
        </ErrorBoundary>
      );
    }
    case 'sign-in': {
      const here = currentLocation();
      return <Redirect to={signInPath(`${here.path}${here.search}`)} />;
    }
    case 'leave':
      return <Redirect to={safeNext(query.get('next'))} />;
    case 'not-allowed':
      return <NotAllowed params={resolved.params} query={query} />;
  }
}
