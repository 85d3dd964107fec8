import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.js';
import { cx } from './cx.js';

export type ToastTone = 'info' | 'success' | 'error';

interface ToastItem {
  readonly id: number;
  readonly message: string;
  readonly tone: ToastTone;
}

let toasts: readonly ToastItem[] = [];
let nextId = 1;
const listeners = new Set<(items: readonly ToastItem[]) => void>();

function publish(items: readonly ToastItem[]): void {
  toasts = items;
  for (const listener of listeners) listener(toasts);
}

export function dismissToast(id: number): void {
  publish(toasts.filter((toast) => toast.id !== id));
}

/**
 * A short message that does not need an answer ("Saved"). Callable from anywhere; the <Toaster> in the
 * layout shows it and screen readers hear it. Errors stay until dismissed, others fade after a while.
 */
export function showToast(message: string, tone: ToastTone = 'info'): number {
  const id = nextId++;
  publish([...toasts.slice(-2), { id, message, tone }]);
  if (tone !== 'error') window.setTimeout(() => dismissToast(id), 6000);
  return id;
}

export function Toaster() {
  const t = useT();
  const [items, setItems] = useState(toasts);
  useEffect(() => {
    listeners.add(setItems);
    setItems(toasts);
    return () => {
      listeners.delete(setItems);
    };
  }, []);
  return (
    <section class="toaster" aria-label={t('common.notifications')}>
      <div role="status" aria-live="polite" class="toaster__list">
        {items.map((toast) => (
          <div key={toast.id} class={cx('toast', `toast--${toast.tone}`)}>
            <p class="toast__message" dir="auto">
              {toast.message}
            </p>
            <button
              type="button"
              class="button button--quiet toast__dismiss"
              onClick={() => dismissToast(toast.id)}
            >
              <span aria-hidden="true">×</span>
              <span class="sr-only">{t('common.dismiss')}</span>
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
