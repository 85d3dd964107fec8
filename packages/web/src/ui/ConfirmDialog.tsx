import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n.js';
import { Button } from './Button.js';
import { Dialog } from './Dialog.js';
import { Alert } from './feedback.js';

export interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly danger?: boolean;
  readonly busy?: boolean;
  /** What the last attempt threw; shown inside the dialog so the admin can try again or cancel. */
  readonly error?: unknown;
  /** How to word `error`; `i18n.errorMessage` by default (learner and author pages word their own). */
  readonly errorMessage?: (error: unknown) => string;
  readonly children?: ComponentChildren;
}

/** "Are you sure?" before something that cannot be undone from the page (a delete, a revocation, a publish). */
export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  onConfirm,
  onCancel,
  danger = false,
  busy = false,
  error = null,
  errorMessage,
  children,
}: ConfirmDialogProps) {
  const i18n = useI18n();
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={title}
      actions={
        <>
          <Button variant={danger ? 'danger' : 'primary'} busy={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
          <Button onClick={onCancel}>{i18n.t('common.cancel')}</Button>
        </>
      }
    >
      {children}
      {error !== null && <Alert tone="error">{(errorMessage ?? i18n.errorMessage)(error)}</Alert>}
    </Dialog>
  );
}
