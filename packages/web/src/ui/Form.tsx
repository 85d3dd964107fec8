import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface FormProps extends Omit<JSX.HTMLAttributes<HTMLFormElement>, 'onSubmit' | 'noValidate'> {
  readonly onSubmit: () => void | Promise<void>;
  readonly busy?: boolean;
  /**
   * Bump this after a submit that found problems: focus then moves to the first invalid control, so
   * keyboard and screen-reader users land on what to fix.
   */
  readonly invalidAttempt?: number;
  readonly children?: ComponentChildren;
}

/** A form that validates in code (messages in the user's language, not the browser's). */
export function Form({ onSubmit, busy = false, invalidAttempt = 0, children, ...rest }: FormProps) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (invalidAttempt === 0) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [invalidAttempt]);
  return (
    <form
      {...rest}
      ref={ref}
      noValidate
      aria-busy={busy ? 'true' : undefined}
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void onSubmit();
      }}
    >
      {children}
    </form>
  );
}

export function FormActions({ children }: { readonly children?: ComponentChildren }) {
  return <div class="form-actions">{children}</div>;
}

export interface AsyncAction<A extends unknown[]> {
  readonly busy: boolean;
  /** What the last run threw, or null; show it with i18n.errorMessage(). */
  readonly error: unknown;
  readonly run: (...args: A) => Promise<void>;
  readonly clearError: () => void;
}

/** Runs an async action (a submit, a save) with busy and error state; it never rejects. */
export function useAsyncAction<A extends unknown[]>(action: (...args: A) => Promise<void>): AsyncAction<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mounted = useRef(true);
  const latest = useRef(action);
  latest.current = action;
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const run = useCallback(async (...args: A) => {
    setBusy(true);
    setError(null);
    try {
      await latest.current(...args);
    } catch (caught) {
      if (mounted.current) setError(caught);
    } finally {
      if (mounted.current) setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}
