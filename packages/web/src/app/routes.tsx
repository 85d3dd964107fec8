import { lazy } from '../router/lazy.js';
import { route, type PageProps, type RouteDef } from '../router/Router.js';
import { paths } from './paths.js';

/**
 * Every page of the tenant app, one line each: route(path, () => import(page module), access).
 * Access is 'public', 'guest' (signed-out only), 'user' (default) or a list of roles, e.g. ['admin'].
 * Paths are tenant-relative; the most specific pattern wins, so order within a section does not matter.
 * A page module default-exports a component taking PageProps ({ params, query }).
 */
export const routes: readonly RouteDef[] = [
  // Account (src/pages/auth, src/pages/account)
  route(paths.signIn, () => import('../pages/auth/SignInPage.js'), 'guest'),
  route(paths.signUp, () => import('../pages/auth/SignUpPage.js'), 'guest'),
  route(paths.profile, () => import('../pages/account/ProfilePage.js'), 'user'),

  // Learner (src/pages/learner)
  route(paths.home, () => import('../pages/learner/HomePage.js'), 'user'),
  route(paths.catalog, () => import('../pages/learner/CatalogPage.js'), 'user'),
  route('/courses/:courseId', () => import('../pages/learner/CoursePage.js'), 'user'),
  route('/courses/:courseId/lessons/:lessonId', () => import('../pages/learner/LessonPage.js'), 'user'),
  route(paths.myLearning, () => import('../pages/learner/MyLearningPage.js'), 'user'),
  route('/paths/:pathId', () => import('../pages/learner/PathPage.js'), 'user'),
  route(paths.outbox, () => import('../offline/queue/OutboxPage.js'), 'user'),
  route(paths.downloads, () => import('../pages/learner/downloads/DownloadsPage.js'), 'user'),

  // Author (src/pages/author): course editor and library, for ['author'].
  route(paths.authorLibrary, () => import('../pages/author/library/LibraryPage.js'), ['author', 'admin']),
  route(paths.authorCourses, () => import('../pages/author/courses/CoursesPage.js'), ['author', 'admin']),
  route('/author/courses/:courseId', () => import('../pages/author/courses/CourseEditorPage.js'), [
    'author',
    'admin',
  ]),
  // Common Cartridge import and its report (H6).
  route('/author/import-cartridge', () => import('../pages/author/import/ImportCartridgePage.js'), [
    'author',
    'admin',
  ]),
  route(
    '/author/courses/:courseId/import-report',
    () => import('../pages/author/import/ImportReportPage.js'),
    ['author', 'admin'],
  ),
  // SCORM package import (H4).
  route('/author/import-scorm', () => import('../pages/author/scorm/ImportScormPage.js'), [
    'author',
    'admin',
  ]),
  route('/author/import-cmi5', () => import('../pages/author/cmi5/ImportCmi5Page.js'), ['author', 'admin']),

  // Educator (src/pages/educator): classes and learner progress, for ['educator'].
  route(paths.educatorClasses, () => import('../pages/educator/EducatorClassesPage.js'), ['educator']),
  route('/educator/classes/:classId', () => import('../pages/educator/ClassProgressPage.js'), [
    'educator',
    'admin',
  ]),

  // Admin (src/pages/admin): users, classes, settings, for ['admin'].
  route(paths.adminUsers, () => import('../pages/admin/users/UsersPage.js'), ['admin']),
  route('/admin/users/import', () => import('../pages/admin/users/ImportUsersPage.js'), ['admin']),
  route(paths.adminClasses, () => import('../pages/admin/classes/ClassesPage.js'), ['admin']),
  route('/admin/classes/:classId', () => import('../pages/admin/classes/ClassPage.js'), ['admin']),
  route('/admin/enrolments', () => import('../pages/admin/enrolments/EnrolmentsPage.js'), ['admin']),
  route('/admin/lrs', () => import('../pages/admin/lrs/LrsPage.js'), ['admin']),
  route('/admin/forwarding', () => import('../pages/admin/forwarding/ForwardingPage.js'), ['admin']), // H6
  route('/admin/sync', () => import('../pages/admin/sync/SyncPage.js'), ['admin']), // H7
  route(paths.adminSettings, () => import('../pages/admin/settings/SettingsPage.js'), ['admin']),

  // Learning Cinema (src/pages/cinema): plans, the presenter console and projector, reach, for facilitators.
  route(paths.cinema, () => import('../pages/cinema/PlansPage.js'), ['facilitator', 'author', 'admin']),
  route('/cinema/plans/:planId', () => import('../pages/cinema/PlanEditorPage.js'), [
    'facilitator',
    'author',
    'admin',
  ]),
  route('/cinema/run/:planId', () => import('../pages/cinema/RunPage.js'), ['facilitator', 'admin']),
  route(paths.cinemaProjector, () => import('../pages/cinema/ProjectorPage.js'), ['facilitator', 'admin']),
  route('/cinema/remote/:runId', () => import('../pages/cinema/RemotePage.js'), ['facilitator', 'admin']),
  route(paths.cinemaReach, () => import('../pages/cinema/ReachPage.js'), [
    'facilitator',
    'educator',
    'admin',
  ]),

  // Reports (src/pages/reports): reach and learning data, for ['admin', 'educator'].
  route(paths.reports, () => import('../pages/reports/ReportsPage.js'), ['admin', 'educator']),
];

export const NotFoundPage = lazy<PageProps>(() => import('../pages/system/NotFoundPage.js'));
export const NotAllowedPage = lazy<PageProps>(() => import('../pages/system/NotAllowedPage.js'));
