/**
 * English messages of the offline record queue and device profiles (H2): the outbox indicator and
 * page (outbox.), provisional quiz results (quiz.provisional*, quiz.final*) and offline sign-in with
 * the learners of this device (auth.device*, auth.offline*).
 */
export const enOffline = {
  'outbox.badge': '{count, plural, one {# record waiting to be sent} other {# records waiting to be sent}}',
  'outbox.badgeRefused': '{count, plural, one {and # refused} other {and # refused}}',
  'outbox.title': 'Waiting to be sent',
  'outbox.intro':
    'What you do is saved on this device first, then sent to the platform when there is a connection, in the order you did it.',
  'outbox.unavailable': 'This device’s storage cannot be read, so nothing can be listed here.',
  'outbox.emptyTitle': 'Everything is sent',
  'outbox.empty': 'Nothing of yours is waiting on this device.',
  'outbox.waiting': '{count, plural, =0 {Nothing waiting} one {# waiting} other {# waiting}}',
  'outbox.statement': '{verb}: {name}',
  'outbox.quizAttempt': 'Quiz attempt',
  'outbox.otherKind': 'Record ({kind})',
  'outbox.queuedAt': 'saved {when}',
  'outbox.lastTry': 'last try: {code}',
  'outbox.sendNow': 'Send now',
  'outbox.refused': '{count, plural, one {# refused by the platform} other {# refused by the platform}}',
  'outbox.refusedHelp':
    'The platform would not take these. They are kept here so nothing is lost: try again, or remove them.',
  'outbox.reason': 'reason: {code}',
  'outbox.retry': 'Try again',
  'outbox.discard': 'Remove',
  'outbox.others':
    '{count, plural, one {# record of another learner of this device is waiting too.} other {# records of other learners of this device are waiting too.}}',
  'quiz.provisionalTitle': 'Provisional result',
  'quiz.provisionalNote':
    'You are offline. This result was worked out on this device. Your attempt is saved and the platform will grade it again when you are back online; its result is the one that counts.',
  'quiz.finalNote': 'The platform has graded your attempt: this is your final result.',
  'auth.deviceProfiles': 'Learners on this device',
  'auth.deviceProfilesHint': 'Choose your name, then enter your password or PIN.',
  'auth.useProfile': 'Sign in as {name}',
  'auth.offlineNoProfile':
    'You are offline. Only learners who have signed in on this device before can sign in now.',
} as const;
