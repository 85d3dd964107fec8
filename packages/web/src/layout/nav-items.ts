import type { Role } from '@satchel/core';
import { paths } from '../app/paths.js';
import type { MessageKey } from '../i18n/messages/en.js';

export interface NavItem {
  readonly label: MessageKey;
  readonly to: string;
}

/** The primary navigation each role adds, in the order roles are listed. */
const ROLE_NAV: Readonly<Record<Role, readonly NavItem[]>> = {
  learner: [
    { label: 'nav.home', to: paths.home },
    { label: 'nav.catalog', to: paths.catalog },
    { label: 'nav.myLearning', to: paths.myLearning },
    { label: 'downloads.title', to: paths.downloads },
  ],
  author: [
    { label: 'nav.courseEditor', to: paths.authorCourses },
    { label: 'nav.library', to: paths.authorLibrary },
  ],
  educator: [
    { label: 'nav.classes', to: paths.educatorClasses },
    { label: 'nav.reports', to: paths.reports },
  ],
  admin: [
    { label: 'nav.users', to: paths.adminUsers },
    { label: 'nav.classes', to: paths.adminClasses },
    { label: 'nav.settings', to: paths.adminSettings },
    { label: 'nav.reports', to: paths.reports },
  ],
  facilitator: [
    { label: 'nav.cinema', to: paths.cinema },
    { label: 'nav.reach', to: paths.cinemaReach },
  ],
};

const ROLE_ORDER: readonly Role[] = ['learner', 'author', 'educator', 'admin', 'facilitator'];

/**
 * The links a user's roles give them, without duplicates. An admin who is also an educator would see
 * two links both called "Classes" going to different pages, so the admin one becomes "All classes".
 */
export function navItemsFor(roles: readonly Role[]): NavItem[] {
  const items: NavItem[] = [];
  for (const role of ROLE_ORDER) {
    if (!roles.includes(role)) continue;
    for (const item of ROLE_NAV[role]) {
      if (items.some((existing) => existing.to === item.to)) continue;
      const clash = items.some((existing) => existing.label === item.label);
      items.push(clash && item.label === 'nav.classes' ? { ...item, label: 'nav.allClasses' } : item);
    }
  }
  return items;
}
