/** Where a tenant's app lives: `/t/<slug>/...`. Pure helpers, shared by boot and the router. */

export const TENANT_SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

export interface TenantPath {
  readonly slug: string;
  /** The path inside the tenant app, always starting with `/`. */
  readonly path: string;
}

export function splitTenantPath(pathname: string): TenantPath | null {
  const found = /^\/t\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!found) return null;
  const slug = found[1] ?? '';
  if (!TENANT_SLUG.test(slug)) return null;
  return { slug, path: found[2] ?? '/' };
}

export const tenantBase = (slug: string): string => `/t/${slug}`;

/**
 * A `next` target we are willing to go to after signing in: only a path inside this tenant app.
 * Anything else (`//evil.example`, `https://…`, `/\\evil`) falls back to home, so a crafted sign-in link
 * cannot send a learner to another site.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // URL parsers drop tabs and newlines, so `/\t/evil.example` would become `//evil.example`.
  if (Array.from(next).some((char) => char.charCodeAt(0) < 0x20 || char === '\\')) return '/';
  return next;
}

/** The sign-in page's address that comes back to `target` afterwards. */
export function signInPath(target: string): string {
  const next = safeNext(target);
  return next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;
}
