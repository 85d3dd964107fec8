/**
 * Path patterns for the route table: static segments, `:name` parameters and a final `*` that matches
 * the rest of the path (exposed as the parameter `rest`). Paths are tenant-relative (`/courses/42`,
 * never `/t/demo/courses/42`). A trailing slash is ignored; matching is case-sensitive.
 */

export type RouteParams = Readonly<Record<string, string>>;

type Segment =
  | { readonly kind: 'static'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'rest' };

export interface CompiledPattern {
  readonly pattern: string;
  readonly segments: readonly Segment[];
  /** Higher is more specific: static segments outrank parameters, which outrank `*`. */
  readonly rank: number;
}

const splitPath = (path: string): string[] => path.split('/').filter((part) => part !== '');

export function compilePattern(pattern: string): CompiledPattern {
  if (!pattern.startsWith('/')) throw new Error(`Route pattern must start with "/": ${pattern}`);
  const parts = splitPath(pattern);
  const segments = parts.map((part, index): Segment => {
    if (part === '*') {
      if (index !== parts.length - 1) throw new Error(`"*" must end the pattern: ${pattern}`);
      return { kind: 'rest' };
    }
    if (part.startsWith(':')) {
      const name = part.slice(1);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Bad parameter in ${pattern}`);
      return { kind: 'param', name };
    }
    return { kind: 'static', value: part };
  });
  // Longer patterns first; at equal length, each segment is a base-3 digit (static 2, parameter 1), so
  // `/courses/new` beats `/courses/:id`; a pattern ending in `*` loses to an exact one of the same
  // length. Table order then breaks ties, so engineers can add lines anywhere.
  const fixed = segments.filter((segment) => segment.kind !== 'rest');
  const digits = fixed.reduce((total, segment) => total * 3 + (segment.kind === 'static' ? 2 : 1), 0);
  const exact = fixed.length === segments.length ? 1 : 0;
  const rank = (fixed.length * 3 ** 16 + digits) * 2 + exact;
  return { pattern, segments, rank };
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The parameters if `path` matches, else null. */
export function matchPattern(compiled: CompiledPattern, path: string): RouteParams | null {
  const parts = splitPath(path);
  const params: Record<string, string> = {};
  for (const [index, segment] of compiled.segments.entries()) {
    if (segment.kind === 'rest') {
      const rest = parts.slice(index).map(decode);
      if (rest.some((part) => part === null)) return null;
      params['rest'] = rest.join('/');
      return params;
    }
    const part = parts[index];
    if (part === undefined) return null;
    if (segment.kind === 'static') {
      if (segment.value !== part) return null;
    } else {
      const value = decode(part);
      if (value === null) return null;
      params[segment.name] = value;
    }
  }
  return parts.length === compiled.segments.length ? params : null;
}

export interface Matchable {
  readonly path: string;
}

export interface Resolved<R extends Matchable> {
  readonly route: R;
  readonly params: RouteParams;
}

/** Compiles a route table once; `resolve` then finds the most specific route for a path. */
export function createMatcher<R extends Matchable>(
  routes: readonly R[],
): (path: string) => Resolved<R> | null {
  const compiled = routes
    .map((route, order) => ({ route, order, pattern: compilePattern(route.path) }))
    .sort((a, b) => b.pattern.rank - a.pattern.rank || a.order - b.order);
  return (path) => {
    for (const { route, pattern } of compiled) {
      const params = matchPattern(pattern, path);
      if (params) return { route, params };
    }
    return null;
  };
}
