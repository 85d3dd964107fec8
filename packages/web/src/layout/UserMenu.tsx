import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Me } from '../api/types.js';
import { paths } from '../app/paths.js';
import { useSession } from '../app/context.js';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router/Link.js';
import { useLocation } from '../router/history.js';
import { showToast } from '../ui/toast.js';

/**
 * A disclosure (button + list), not an ARIA menu: its items are an ordinary link and button, which
 * every screen reader handles without menu-mode keyboard rules. Escape or a click outside closes it.
 */
export function UserMenu({ user }: { readonly user: Me }) {
  const i18n = useI18n();
  const session = useSession();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => setOpen(false), [location.path]);
  useEffect(() => {
    if (!open) return;
    const closeIfOutside = (event: Event) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeIfOutside);
    document.addEventListener('focusin', closeIfOutside);
    return () => {
      document.removeEventListener('pointerdown', closeIfOutside);
      document.removeEventListener('focusin', closeIfOutside);
    };
  }, [open]);

  const signOut = () => {
    setSigningOut(true);
    session.signOut().then(
      () => showToast(i18n.t('auth.signedOut'), 'success'),
      (error: unknown) => {
        setSigningOut(false);
        showToast(i18n.errorMessage(error), 'error');
      },
    );
  };

  return (
    <div
      class="user-menu"
      ref={root}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        class="user-menu__button"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        <span class="user-menu__avatar" aria-hidden="true">
          {Array.from(user.displayName.trim())[0]?.toLocaleUpperCase(i18n.locale) ?? '?'}
        </span>
        <span class="sr-only">{i18n.t('nav.account')}: </span>
        <span class="user-menu__name">{user.displayName}</span>
      </button>
      <ul class="user-menu__list" id={listId} hidden={!open}>
        <li>
          <Link to={paths.profile} class="user-menu__item" current="exact">
            {i18n.t('nav.profile')}
          </Link>
        </li>
        <li>
          <button
            type="button"
            class="user-menu__item"
            aria-busy={signingOut ? 'true' : undefined}
            onClick={() => !signingOut && signOut()}
          >
            {i18n.t('nav.signOut')}
          </button>
        </li>
      </ul>
    </div>
  );
}
