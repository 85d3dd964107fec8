import { useT } from '../../../i18n/i18n.js';
import type { MessageKey } from '../../../i18n/messages/en.js';
import { Link } from '../../../router/Link.js';
import { adminPaths } from '../admin-paths.js';

const LINKS: readonly {
  readonly to: string;
  readonly label: MessageKey;
  readonly current: 'exact' | 'prefix';
}[] = [
  { to: adminPaths.users, label: 'admin.nav.users', current: 'exact' },
  { to: adminPaths.usersImport, label: 'admin.nav.import', current: 'exact' },
  { to: adminPaths.classes, label: 'admin.nav.classes', current: 'prefix' },
  { to: adminPaths.enrolments, label: 'admin.nav.enrolments', current: 'exact' },
  { to: adminPaths.lrs, label: 'admin.nav.lrs', current: 'exact' },
  { to: adminPaths.forwarding, label: 'admin.nav.forwarding', current: 'exact' },
  { to: adminPaths.sync, label: 'admin.nav.sync', current: 'exact' },
  { to: adminPaths.settings, label: 'admin.nav.settings', current: 'exact' },
  { to: adminPaths.reports, label: 'admin.nav.reports', current: 'exact' },
];

/**
 * The administration pages link to each other here: the main navigation only lists the most used ones,
 * and the import, enrolment and LRS pages would otherwise be hard to find.
 */
export function AdminNav() {
  const t = useT();
  return (
    <nav class="admin-nav" aria-label={t('admin.nav.label')}>
      <ul class="admin-nav__list">
        {LINKS.map((link) => (
          <li key={link.to}>
            <Link class="admin-nav__link" to={link.to} current={link.current}>
              {t(link.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
