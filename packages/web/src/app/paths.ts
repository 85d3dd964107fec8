/**
 * Tenant-relative addresses of the app's pages, in one place so links and the route table agree.
 * Pages other areas will add are listed too: nav links point at them already.
 */
const segment = encodeURIComponent;

export const paths = {
  home: '/',
  signIn: '/signin',
  signUp: '/signup',
  profile: '/profile',
  catalog: '/catalog',
  myLearning: '/learning',
  outbox: '/outbox',
  downloads: '/downloads',
  course: (courseId: string) => `/courses/${segment(courseId)}`,
  lesson: (courseId: string, lessonId: string) =>
    `/courses/${segment(courseId)}/lessons/${segment(lessonId)}`,
  learningPath: (pathId: string) => `/paths/${segment(pathId)}`,
  authorCourses: '/author/courses',
  authorLibrary: '/author/library',
  educatorClasses: '/educator/classes',
  adminUsers: '/admin/users',
  adminClasses: '/admin/classes',
  adminSettings: '/admin/settings',
  reports: '/reports',
  cinema: '/cinema',
  cinemaNewPlan: '/cinema/plans/new',
  cinemaPlan: (planId: string) => `/cinema/plans/${segment(planId)}`,
  cinemaRun: (planId: string) => `/cinema/run/${segment(planId)}`,
  cinemaProjector: '/cinema/projector',
  cinemaReach: '/cinema/reach',
  cinemaRemote: (runId: string) => `/cinema/remote/${segment(runId)}`,
} as const;
