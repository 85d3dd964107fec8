import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApi, useSession, useTenant, type Session } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { useT } from '../../i18n/i18n.js';
import { Link } from '../../router/Link.js';
import { cx } from '../../ui/cx.js';
import { setOutboxOwner } from './outbox-owner.js';
import './outbox.css';

interface Counts {
  readonly waiting: number;
  readonly setAside: number;
}
const NONE: Counts = { waiting: 0, setAside: 0 };

/**
 * The header's outbox indicator: how many of the signed-in learner's records wait to be sent (and how
 * many the server refused), linking to the list. The outbox itself (IndexedDB, senders) loads after
 * the first paint, so it costs the first load nothing but this component.
 */
export function OutboxBadge() {
  const t = useT();
  const tenant = useTenant();
  const api = useApi();
  const session = useSession();
  const user = session.user;
  const [counts, setCounts] = useState<Counts>(NONE);
  const latest = useRef(session);
  latest.current = session;
  // Records queued from now on are this learner's (set during render, before any child records).
  setOutboxOwner(user ? { slug: tenant.slug, userId: user.id } : null);

  const liveSession = useMemo<Session>(
    () => ({
      get user() {
        return latest.current.user;
      },
      signedIn: (next) => latest.current.signedIn(next),
      updated: (next) => latest.current.updated(next),
      signOut: () => latest.current.signOut(),
    }),
    [],
  );

  useEffect(() => {
    setCounts(NONE);
    if (!user) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    import('./outbox-app.js')
      .then(({ startOutboxApp }) => {
        if (!cancelled) {
          stop = startOutboxApp({ slug: tenant.slug, api, session: liveSession, onCounts: setCounts });
        }
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [tenant.slug, api, user?.id, liveSession]);

  if (!user || counts.waiting + counts.setAside === 0) return null;
  return (
    <Link
      to={paths.outbox}
      class={cx('outbox-badge', counts.setAside > 0 && 'outbox-badge--refused')}
      data-testid="outbox-badge"
    >
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M12 19V5M6 11l6-6 6 6" />
      </svg>
      <span aria-hidden="true">{counts.waiting + counts.setAside}</span>
      <span class="sr-only">
        {t('outbox.badge', { count: counts.waiting })}
        {counts.setAside > 0 ? ` ${t('outbox.badgeRefused', { count: counts.setAside })}` : ''}
      </span>
    </Link>
  );
}
