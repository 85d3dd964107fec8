/**
 * English, the source catalogue: every other catalogue must have exactly these keys with the same
 * placeholders (checked by the type `Catalogue` and by catalogues.test.ts).
 *
 * Keys are grouped by area prefix: common., nav., auth., profile., roles., home., course., catalog.,
 * player., quiz., author., educator., admin., reports., system., tenants., errors.
 * Add a key to the group of the area that shows it, keep each group together, then add the same key to
 * fr, es, pt and ar. `errors.<code>` keys are looked up by API error code (snake_case, as the server
 * sends it); other error messages use camelCase so they can never clash with a code.
 * Syntax: `{name}` placeholders and `{count, plural, one {# lesson} other {# lessons}}` (message-format.ts).
 */
export const enBase = {
  // common.
  'common.appName': 'Satchel',
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.reloadPage': 'Reload the page',
  'common.close': 'Close',
  'common.cancel': 'Cancel',
  'common.continue': 'Continue',
  'common.save': 'Save',
  'common.saving': 'Saving…',
  'common.optional': 'optional',
  'common.skipToContent': 'Skip to content',
  'common.notifications': 'Notifications',
  'common.dismiss': 'Dismiss',
  'common.poweredBy': 'Powered by Satchel, open-source learning',
  'common.pageLoadFailed': 'This page could not be loaded',
  'common.pageLoadFailedHelp': 'Check your connection, then try again.',
  'common.pageCrashed': 'Something went wrong on this page',
  'common.pageCrashedHelp': 'Try again. If it keeps happening, tell your programme team.',
  'common.fieldRequired': 'Fill in this field.',

  // nav.
  'nav.primary': 'Main',
  'nav.menu': 'Menu',
  'nav.home': 'Home',
  'nav.catalog': 'Catalog',
  'nav.myLearning': 'My learning',
  'nav.courseEditor': 'Course editor',
  'nav.library': 'Library',
  'nav.classes': 'Classes',
  'nav.allClasses': 'All classes',
  'nav.users': 'Users',
  'nav.settings': 'Settings',
  'nav.reports': 'Reports',
  'nav.cinema': 'Learning Cinema',
  'nav.reach': 'Reach',
  'nav.account': 'Account',
  'nav.profile': 'Profile',
  'nav.signIn': 'Sign in',
  'nav.signUp': 'Create an account',
  'nav.signOut': 'Sign out',
  'nav.language': 'Language',
  'nav.homeOf': '{name}, home page',

  // auth.
  'auth.signInTitle': 'Sign in',
  'auth.signInIntro': 'Sign in to continue learning on {name}.',
  'auth.method': 'How do you sign in?',
  'auth.withPassword': 'Password',
  'auth.withPin': 'PIN',
  'auth.username': 'Username',
  'auth.password': 'Password',
  'auth.pin': 'PIN',
  'auth.pinHint': '4 to 6 digits.',
  'auth.showPassword': 'Show password',
  'auth.showPin': 'Show PIN',
  'auth.signInSubmit': 'Sign in',
  'auth.signingIn': 'Signing in…',
  'auth.wrongPassword': 'This username and password do not match. Check them and try again.',
  'auth.wrongPin': 'This username and PIN do not match. Check them and try again.',
  'auth.noAccount': 'New here?',
  'auth.haveAccount': 'Already have an account?',
  'auth.signUpTitle': 'Create an account',
  'auth.signUpIntro': 'Create your account on {name}.',
  'auth.displayName': 'Your name',
  'auth.displayNameHint': 'Your teachers and classmates see this name.',
  'auth.usernameHint': '2 to 64 letters, digits, dots, dashes or underscores. You use it to sign in.',
  'auth.passwordHint': 'At least 8 characters.',
  'auth.inviteCode': 'Invite code',
  'auth.inviteCodeHint': 'Your teacher or programme gave you this code.',
  'auth.signUpSubmit': 'Create account',
  'auth.signingUp': 'Creating your account…',
  'auth.adminOnlyTitle': 'Accounts are created for you',
  'auth.adminOnly':
    'On {name}, an administrator creates every account. Ask your teacher or programme team for a username and password.',
  'auth.usernameInvalid': 'Use 2 to 64 letters, digits, dots, dashes or underscores.',
  'auth.passwordTooShort': 'Use at least 8 characters.',
  'auth.passwordTooLong': 'Use at most 200 characters.',
  'auth.pinInvalid': 'Enter 4 to 6 digits.',
  'auth.signedOut': 'You are signed out.',
  'auth.welcomeNew': 'Welcome, {name}! Your account is ready.',

  // profile.
  'profile.title': 'Your profile',
  'profile.username': 'Username',
  'profile.roles': 'Roles',
  'profile.displayName': 'Display name',
  'profile.language': 'Language',
  'profile.languageHint': 'Menus and messages use this language on every device you sign in on.',
  'profile.saved': 'Your profile is saved.',

  // roles.
  'roles.admin': 'Administrator',
  'roles.author': 'Author',
  'roles.educator': 'Educator',
  'roles.facilitator': 'Facilitator',
  'roles.learner': 'Learner',

  // home.
  'home.welcome': 'Welcome, {name}',
  'home.continueLearning': 'Continue learning',
  'home.myCourses': 'My courses',
  'home.nothingInProgress': 'Nothing in progress',
  'home.nothingInProgressHelp': 'Start a course from the catalog and it will wait for you here.',
  'home.noCourses': 'No courses yet',
  'home.noCoursesHelp': 'Find a course for your grade and language in the catalog.',
  'home.browseCatalog': 'Browse the catalog',
  'home.continueCourse': 'Continue {title}',
  'home.lastActivity': 'Last activity {when}',

  // course.
  'course.status.not_started': 'Not started',
  'course.status.in_progress': 'In progress',
  'course.status.completed': 'Completed',
  'course.progress': '{percent} complete',
  'course.progressOf': 'Progress in {title}',

  // system.
  'system.notFoundTitle': 'Page not found',
  'system.notFoundBody': 'We could not find this page. The address may be wrong, or the page may have moved.',
  'system.goHome': 'Go to the home page',
  'system.notAllowedTitle': 'You cannot open this page',
  'system.notAllowedBody':
    'Your account does not have access to this page. If you need it, ask an administrator of {name}.',
  'system.tenantMissingTitle': 'Platform not found',
  'system.tenantMissingBody':
    'There is no learning platform at this address. Check the address and try again.',
  'system.bootFailedTitle': 'Satchel could not start',
  'system.bootFailedBody': 'We could not reach the server. Check your connection and try again.',

  // tenants.
  'tenants.title': 'Choose your learning platform',
  'tenants.intro': 'This server hosts these learning platforms:',
  'tenants.none': 'Ask your teacher or programme team for the address of your learning platform.',

  // errors.
  'errors.unknown': 'Something went wrong. Please try again.',
  'errors.network_error': 'You seem to be offline. Check your connection and try again.',
  'errors.timeout': 'The server is taking too long to answer. Please try again.',
  'errors.aborted': 'The request was cancelled.',
  'errors.validation_failed': 'Some answers need your attention.',
  'errors.unauthenticated': 'Please sign in to continue.',
  'errors.forbidden': 'You are not allowed to do this.',
  'errors.not_found': 'We could not find what you asked for.',
  'errors.conflict': 'Someone else changed this in the meantime. Reload and try again.',
  'errors.payload_too_large': 'This is too large to send.',
  'errors.rate_limited': 'Too many attempts. Wait a little, then try again.',
  'errors.rateLimitedWait':
    'Too many attempts. Try again in {seconds, plural, one {# second} other {# seconds}}.',
  'errors.server_error': 'The server has a problem. Please try again later.',
  'errors.unexpected_response': 'The server sent an answer we did not understand. Please try again later.',
  'errors.invalid_credentials': 'This username and password do not match. Check them and try again.',
  'errors.username_taken': 'This username is taken. Choose another one.',
  'errors.invite_invalid': 'This invite code is not valid, or it has expired.',
  'errors.signup_closed': 'You cannot create an account here. Ask an administrator.',
  'errors.tenant_not_found': 'There is no learning platform at this address.',
};
