import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { paths } from '../app/paths.js';
import { useSession, useTenant } from '../app/context.js';
import { useT } from '../i18n/i18n.js';
import { Link } from '../router/Link.js';
import { useLocation } from '../router/history.js';
import { cx } from '../ui/cx.js';
import { OutboxBadge } from '../offline/queue/OutboxBadge.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';
import { navItemsFor } from './nav-items.js';
import { UserMenu } from './UserMenu.js';

function Brand() {
  const tenant = useTenant();
  const t = useT();
  const logo = tenant.branding.logoUrl;
  return (
    <Link to={paths.home} class="brand" aria-label={t('nav.homeOf', { name: tenant.name })}>
      {logo && <img class="brand__logo" src={logo} alt="" height={40} />}
      <span class="brand__name">{tenant.name}</span>
    </Link>
  );
}

function GuestLinks() {
  const tenant = useTenant();
  const t = useT();
  return (
    <ul class="guest-links">
      <li>
        <Link to={paths.signIn} class="button button--secondary" current="exact">
          {t('nav.signIn')}
        </Link>
      </li>
      {tenant.signupPolicy !== 'admin' && (
        <li>
          <Link to={paths.signUp} class="button button--primary" current="exact">
            {t('nav.signUp')}
          </Link>
        </li>
      )}
    </ul>
  );
}

/**
 * Brand, role-based navigation, language and account. Below 48rem everything but the brand folds into
 * a panel behind a "Menu" button (aria-expanded), which closes on navigation and on Escape.
 */
export function Header() {
  const t = useT();
  const { user } = useSession();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const menuButton = useRef<HTMLButtonElement>(null);
  const items = user ? navItemsFor(user.roles) : [];

  useEffect(() => setOpen(false), [location.path]);

  return (
    <header class="site-header">
      <div class="site-header__bar">
        <Brand />
        <OutboxBadge />
        <button
          ref={menuButton}
          type="button"
          class="menu-button"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d={open ? 'M6 6l12 12M18 6L6 18' : 'M4 7h16M4 12h16M4 17h16'} />
          </svg>
          <span>{t('nav.menu')}</span>
        </button>
      </div>
      <div
        id={panelId}
        class={cx('site-header__panel', open && 'is-open')}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || !open || event.defaultPrevented) return;
          setOpen(false);
          menuButton.current?.focus();
        }}
      >
        {items.length > 0 && (
          <nav class="primary-nav" aria-label={t('nav.primary')}>
            <ul class="primary-nav__list">
              {items.map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    class="primary-nav__link"
                    current={item.to === paths.home ? 'exact' : 'prefix'}
                  >
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="site-header__tools">
          <LanguageSwitcher />
          {user ? <UserMenu user={user} /> : <GuestLinks />}
        </div>
      </div>
    </header>
  );
}
