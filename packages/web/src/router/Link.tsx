import type { ComponentChildren, JSX } from 'preact';
import { href, navigate, useLocation } from './history.js';

export interface LinkProps extends Omit<JSX.AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** Tenant-relative target, e.g. `/courses/42`. */
  readonly to: string;
  /** Mark the link `aria-current="page"` when the location is `to` (or below it, unless `exact`). */
  readonly current?: 'exact' | 'prefix';
  readonly children?: ComponentChildren;
}

/** Is this click one the browser should handle itself (new tab, download, another window)? */
export function isPlainLeftClick(event: MouseEvent, target: string | undefined): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey &&
    (target === undefined || target === '' || target === '_self')
  );
}

export function isCurrent(path: string, to: string, mode: 'exact' | 'prefix'): boolean {
  const bare = to.split(/[?#]/)[0] ?? to;
  if (path === bare) return true;
  return mode === 'prefix' && bare !== '/' && path.startsWith(`${bare}/`);
}

export function Link({ to, current, onClick, children, ...rest }: LinkProps) {
  const location = useLocation();
  const target = typeof rest.target === 'string' ? rest.target : undefined;
  const isHere = current !== undefined && isCurrent(location.path, to, current);
  return (
    <a
      {...rest}
      href={href(to)}
      aria-current={isHere ? 'page' : undefined}
      onClick={(event) => {
        onClick?.(event);
        if (!isPlainLeftClick(event, target)) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
