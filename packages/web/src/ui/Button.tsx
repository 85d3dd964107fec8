import type { ComponentChildren, JSX } from 'preact';
import { Link } from '../router/Link.js';
import { cx } from './cx.js';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

export interface ButtonProps extends Omit<
  JSX.ButtonHTMLAttributes<HTMLButtonElement>,
  'class' | 'className'
> {
  readonly variant?: ButtonVariant;
  /** Shows a spinner and ignores presses while work is under way; the button keeps focus. */
  readonly busy?: boolean;
  readonly class?: string;
  readonly children?: ComponentChildren;
}

export function Button({
  variant = 'secondary',
  busy = false,
  type = 'button',
  class: className,
  onClick,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      class={cx('button', `button--${variant}`, className)}
      aria-disabled={busy ? 'true' : rest['aria-disabled']}
      aria-busy={busy ? 'true' : undefined}
      onClick={(event) => {
        // A disabled button would drop keyboard focus, so a busy one stays enabled and ignores presses.
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {busy && <span class="spinner__wheel spinner__wheel--inline" aria-hidden="true" />}
      {children}
    </button>
  );
}

export interface LinkButtonProps {
  /** Tenant-relative target. */
  readonly to: string;
  readonly variant?: ButtonVariant;
  readonly class?: string;
  readonly 'aria-label'?: string;
  readonly children?: ComponentChildren;
}

/** A link (it goes somewhere) that looks like a button. */
export function LinkButton({
  to,
  variant = 'secondary',
  class: className,
  children,
  ...rest
}: LinkButtonProps) {
  return (
    <Link {...rest} to={to} class={cx('button', `button--${variant}`, className)}>
      {children}
    </Link>
  );
}
