import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { useT } from '../i18n/i18n.js';

export interface DialogProps {
  readonly open: boolean;
  /** Called when the dialog closes by Escape, the close button or the parent. */
  readonly onClose: () => void;
  readonly title: string;
  readonly children?: ComponentChildren;
  /** Buttons at the bottom (confirm, cancel). */
  readonly actions?: ComponentChildren;
  /** False while something runs that the dialog must stay open for: Escape and × are ignored. */
  readonly closable?: boolean;
}

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page inert and handles Escape.
 * Focus goes back to whatever opened it when it closes.
 */
export function Dialog({ open, onClose, title, children, actions, closable = true }: DialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const closableRef = useRef(closable);
  closableRef.current = closable;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const closed = () => {
      opener.current?.focus();
      opener.current = null;
      onCloseRef.current();
    };
    const escape = (event: Event) => {
      if (!closableRef.current) event.preventDefault();
    };
    dialog.addEventListener('close', closed);
    dialog.addEventListener('cancel', escape);
    return () => {
      dialog.removeEventListener('close', closed);
      dialog.removeEventListener('cancel', escape);
      // Unmounted while open: the opener still deserves its focus back.
      if (dialog.open) opener.current?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} class="dialog" aria-labelledby={titleId}>
      <div class="dialog__header">
        <h2 class="dialog__title" id={titleId}>
          {title}
        </h2>
        <button
          type="button"
          class="button button--quiet dialog__close"
          aria-disabled={closable ? undefined : 'true'}
          onClick={() => closable && ref.current?.close()}
        >
          <span aria-hidden="true">×</span>
          <span class="sr-only">{t('common.close')}</span>
        </button>
      </div>
      <div class="dialog__body">{children}</div>
      {actions && <div class="dialog__actions">{actions}</div>}
    </dialog>
  );
}
