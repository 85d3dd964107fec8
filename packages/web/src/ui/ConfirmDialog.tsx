import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n.js';
import { Button } from './Button.js';
import { Dialog } from './Dialog.js';
import { Alert } from './feedback.js';
import type { AsyncAction } from './Form.js';

interface ConfirmDialogCommon {
  readonly open: boolean;
  readonly title: string;
  readonly confirmLabel: string;
  readonly onCancel: () => void;
  readonly danger?: boolean;
  /** How to word the error; `i18n.errorMessage` by default (learner and author pages word their own). */
  readonly errorMessage?: (error: unknown) => string;
  readonly children?: ComponentChildren;
}

/**
 * Either the action itself (from `useAsyncAction`: its busy state and error are shown, and cancelling
 * clears the error so the dialog reopens clean), or a plain confirm callback with its own state.
 */
export type ConfirmDialogProps = ConfirmDialogCommon &
  (
    | {
        readonly action: AsyncAction<[]>;
        readonly onConfirm?: never;
        readonly busy?: never;
        readonly error?: never;
      }
    | {
        readonly action?: never;
        readonly onConfirm: () => void;
        readonly busy?: boolean;
        /** What the last attempt threw; shown inside the dialog so the user can try again or cancel. */
        readonly error?: unknown;
      }
  );

/**
 * "Are you sure?" before something that cannot be undone from the page (a delete, a revocation, a
 * publish). While the action runs, the dialog stays: cancelling then would hide a result still to come.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, confirmLabel, onCancel, danger = false, errorMessage, children, action } = props;
  const i18n = useI18n();
  const busy = action ? action.busy : (props.busy ?? false);
  const error = action ? action.error : (props.error ?? null);
  const confirm = action ? () => void action.run() : props.onConfirm;
  const cancel = () => {
    action?.clearError();
    onCancel();
  };
  return (
    <Dialog
      open={open}
      onClose={cancel}
      closable={!busy}
      title={title}
      actions={
        <>
          <Button variant={danger ? 'danger' : 'primary'} busy={busy} onClick={confirm}>
            {confirmLabel}
          </Button>
          <Button aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && cancel()}>
            {i18n.t('common.cancel')}
          </Button>
        </>
      }
    >
      {children}
      {error !== null && error !== undefined && (
        <Alert tone="error">{(errorMessage ?? i18n.errorMessage)(error)}</Alert>
      )}
    </Dialog>
  );
}
