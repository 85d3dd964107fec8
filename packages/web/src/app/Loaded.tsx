import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import { Alert, Button, PageHeading, Spinner } from '../ui/index.js';
import type { Resource } from './use-resource.js';

export interface LoadedProps<T> {
  readonly resource: Resource<T> & { readonly reload: () => void };
  /** Shown instead of `children` when the data is there but holds nothing to show. */
  readonly empty?: ComponentChildren;
  readonly isEmpty?: (data: T) => boolean;
  /** The spinner takes a block of its own, centred (a page or a large section loading). */
  readonly block?: boolean;
  /** Spoken while loading; "Loading…" by default. */
  readonly loadingLabel?: string;
  /** How to word what went wrong; `i18n.errorMessage` by default (learner and author pages word their own). */
  readonly errorMessage?: (error: unknown) => string;
  /**
   * A page that has nothing to show without the data: while loading there is only the spinner, and the
   * error comes as a page of its own under this heading (the page's h1, where focus lands).
   */
  readonly failureHeading?: string;
  /** Offered beside "Try again" when loading failed (a link somewhere else). */
  readonly failureActions?: ComponentChildren;
  /**
   * Once shown, the data stays while it reloads (with a small spinner) or when a reload fails (under the
   * error), instead of blanking the page: for data reloaded after a change made on the same page.
   */
  readonly keepWhileReloading?: boolean;
  readonly children: (data: T) => ComponentChildren;
}

/**
 * The three states of loaded data, the same on every page: a spinner, the error with a way to try
 * again, then the data (or what to show when there is none).
 */
export function Loaded<T>({
  resource,
  empty,
  isEmpty,
  block = false,
  loadingLabel,
  errorMessage,
  failureHeading,
  failureActions,
  keepWhileReloading = false,
  children,
}: LoadedProps<T>) {
  const i18n = useI18n();
  const shown = useRef<{ readonly data: T } | null>(null);
  if (resource.status === 'ready') shown.current = { data: resource.data };
  const kept = resource.status === 'ready' || keepWhileReloading ? shown.current : null;
  if (!kept && resource.status === 'loading') return <Spinner block={block} label={loadingLabel} />;
  const alert = resource.status === 'error' && (
    <Alert tone="error">
      <p>{(errorMessage ?? i18n.errorMessage)(resource.error)}</p>
      <p>
        <Button onClick={resource.reload}>{i18n.t('common.retry')}</Button>
        {failureActions !== undefined && <> {failureActions}</>}
      </p>
    </Alert>
  );
  if (!kept && failureHeading !== undefined) {
    return (
      <div class="page page-failure">
        <PageHeading>{failureHeading}</PageHeading>
        {alert}
      </div>
    );
  }
  // One shape for every state, so kept data is not rebuilt when a reload starts or ends.
  return (
    <>
      {resource.status === 'loading' && <Spinner label={loadingLabel} />}
      {alert}
      {kept && (empty !== undefined && isEmpty?.(kept.data) ? empty : children(kept.data))}
    </>
  );
}
