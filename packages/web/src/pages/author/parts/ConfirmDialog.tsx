import type { ComponentChildren } from 'preact';
import { useT } from '../../../i18n/i18n.js';
import { Button, Dialog } from '../../../ui/index.js';

export interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly danger?: boolean;
  readonly busy?: boolean;
  readonly children?: ComponentChildren;
}

/** "Are you sure?" before something that cannot be undone from the page (a delete, a publish). */
export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  onConfirm,
  onCancel,
  danger = false,
  busy = false,
  children,
}: ConfirmDialogProps) {
  const t = useT();
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
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
