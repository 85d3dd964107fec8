import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n.js';
import { Alert, Button, Spinner } from '../ui/index.js';
import type { Resource } from './use-resource.js';

export interface LoadedProps<T> {
  readonly resource: Resource<T> & { readonly reload: () => void };
  /** Shown instead of `children` when the data is there but holds nothing to show. */
  readonly empty?: ComponentChildren;
  readonly isEmpty?: (data: T) => boolean;
  readonly children: (data: T) => ComponentChildren;
}

/**
 * The three states of loaded data, the same on every page: a spinner, the error with a way to try
 * again, then the data (or what to show when there is none).
 */
export function Loaded<T>({ resource, empty, isEmpty, children }: LoadedProps<T>) {
  const { t, errorMessage } = useI18n();
  if (resource.status === 'loading') return <Spinner />;
  if (resource.status === 'error') {
    return (
      <Alert tone="error">
        <p>{errorMessage(resource.error)}</p>
        <Button onClick={resource.reload}>{t('common.retry')}</Button>
      </Alert>
    );
  }
  if (empty !== undefined && isEmpty?.(resource.data)) return <>{empty}</>;
  return <>{children(resource.data)}</>;
}
