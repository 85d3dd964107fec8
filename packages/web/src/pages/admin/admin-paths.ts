import { paths } from '../../app/paths.js';

// Addresses of the admin, educator and reports pages that the shared paths.ts does not list (only the
// navigation's entry points live there). routes.tsx uses the same patterns.

const segment = encodeURIComponent;

export const adminPaths = {
  users: paths.adminUsers,
  usersImport: '/admin/users/import',
  classes: paths.adminClasses,
  classPattern: '/admin/classes/:classId',
  class: (classId: string) => `/admin/classes/${segment(classId)}`,
  enrolments: '/admin/enrolments',
  lrs: '/admin/lrs',
  forwarding: '/admin/forwarding',
  sync: '/admin/sync',
  settings: paths.adminSettings,
  educatorClasses: paths.educatorClasses,
  classProgressPattern: '/educator/classes/:classId',
  classProgress: (classId: string) => `/educator/classes/${segment(classId)}`,
  reports: paths.reports,
} as const;
