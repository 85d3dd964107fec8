import type { ComponentChildren } from 'preact';
import { useI18n, useT } from '../i18n/i18n.js';
import { cx } from './cx.js';

export interface ProgressBarProps {
  /** 0 to 100. */
  readonly value: number;
  /** What is progressing, e.g. "Progress in Fractions". */
  readonly label: string;
  /** Spoken instead of the plain percentage, when there is something better to say. */
  readonly valueText?: string;
  readonly class?: string;
}

export function ProgressBar({ value, label, valueText, class: className }: ProgressBarProps) {
  const i18n = useI18n();
  const clamped = Math.min(100, Math.max(0, Number.isFinite(value) ? Math.round(value) : 0));
  return (
    <div
      class={cx('progress', className)}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      aria-valuetext={valueText ?? i18n.formatPercent(clamped)}
    >
      <div class="progress__bar" style={{ width: `${clamped}%` }} />
    </div>
  );
}

export interface SpinnerProps {
  /** Spoken to screen readers; "Loading…" by default. */
  readonly label?: string;
  /** Take a block of its own, centred (a page or a section loading). */
  readonly block?: boolean;
}

/** The wheel appears only after a short delay (CSS), so fast loads do not flash. */
export function Spinner({ label, block = false }: SpinnerProps) {
  const t = useT();
  return (
    <span class={cx('spinner', block && 'spinner--block')} role="status">
      <span class="spinner__wheel" aria-hidden="true" />
      <span class="sr-only">{label ?? t('common.loading')}</span>
    </span>
  );
}

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

export interface AlertProps {
  readonly tone?: AlertTone;
  readonly title?: string;
  readonly children?: ComponentChildren;
  readonly class?: string;
}

/** Errors interrupt (role=alert); everything else waits its turn (role=status). */
export function Alert({ tone = 'info', title, children, class: className }: AlertProps) {
  return (
    <div class={cx('alert', `alert--${tone}`, className)} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p class="alert__title">{title}</p>}
      {children !== undefined && <div class="alert__body">{children}</div>}
    </div>
  );
}

export interface EmptyStateProps {
  readonly title: string;
  readonly description?: string;
  /** Usually one LinkButton to where things can be found. */
  readonly action?: ComponentChildren;
}

export function EmptyState({ title, description, action }: EmptyStateProps) {
  return (
    <div class="empty-state">
      <p class="empty-state__title">{title}</p>
      {description && <p class="empty-state__description">{description}</p>}
      {action && <div class="empty-state__action">{action}</div>}
    </div>
  );
}
