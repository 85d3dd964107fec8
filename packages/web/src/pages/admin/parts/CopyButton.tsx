import { useT } from '../../../i18n/i18n.js';
import { Button, showToast } from '../../../ui/index.js';

export interface CopyButtonProps {
  readonly text: string;
  /** The accessible name, e.g. "Copy the secret". */
  readonly label: string;
}

/**
 * The clipboard API exists only on secure origins, and a school hub is often plain http on the local
 * network: there, copy through a hidden text area instead. It goes inside the open dialog, if any, since
 * everything outside a modal dialog is inert and cannot be selected.
 */
async function copyText(text: string, host: HTMLElement): Promise<void> {
  if (window.isSecureContext && 'clipboard' in navigator) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'sr-only';
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  host.append(area);
  area.select();
  // execCommand is deprecated but is the only way to copy on an insecure origin.
  const copied = document.execCommand('copy');
  area.remove();
  focused?.focus();
  if (!copied) throw new Error('copy refused');
}

/** Copies `text` to the clipboard and says so; when the browser refuses, says to copy it by hand. */
export function CopyButton({ text, label }: CopyButtonProps) {
  const t = useT();
  return (
    <Button
      onClick={(event) => {
        const host = event.currentTarget.closest('dialog') ?? document.body;
        copyText(text, host).then(
          () => showToast(t('admin.copy.done'), 'success'),
          () => showToast(t('admin.copy.failed'), 'error'),
        );
      }}
    >
      {label}
    </Button>
  );
}
