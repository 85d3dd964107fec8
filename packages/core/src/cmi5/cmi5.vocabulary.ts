// The cmi5 vocabulary (AICC/ADL cmi5, "Quartz"): verbs, categories, extensions and
// activity types the LMS and the AUs use. Only the ids; rules live in cmi5.rules.ts.

export const CMI5_VERBS = {
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  abandoned: 'https://w3id.org/xapi/adl/verbs/abandoned',
  waived: 'https://w3id.org/xapi/adl/verbs/waived',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  satisfied: 'https://w3id.org/xapi/adl/verbs/satisfied',
} as const;

export const CMI5_SATISFIED = CMI5_VERBS.satisfied;
export const CMI5_WAIVED = CMI5_VERBS.waived;

export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const CMI5_MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';

export const CMI5_EXT = {
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  launchMode: 'https://w3id.org/xapi/cmi5/context/extensions/launchmode',
  launchUrl: 'https://w3id.org/xapi/cmi5/context/extensions/launchurl',
  moveOn: 'https://w3id.org/xapi/cmi5/context/extensions/moveon',
  launchParameters: 'https://w3id.org/xapi/cmi5/context/extensions/launchparameters',
  reason: 'https://w3id.org/xapi/cmi5/result/extensions/reason',
  progress: 'https://w3id.org/xapi/cmi5/result/extensions/progress',
} as const;

export const CMI5_ACTIVITY_TYPES = {
  course: 'https://w3id.org/xapi/cmi5/activitytype/course',
  block: 'https://w3id.org/xapi/cmi5/activitytype/block',
} as const;

export const CMI5_MOVE_ON = [
  'Passed',
  'Completed',
  'CompletedAndPassed',
  'CompletedOrPassed',
  'NotApplicable',
] as const;
export type Cmi5MoveOn = (typeof CMI5_MOVE_ON)[number];

export const CMI5_LAUNCH_METHODS = ['AnyWindow', 'OwnWindow'] as const;
export type Cmi5LaunchMethod = (typeof CMI5_LAUNCH_METHODS)[number];

export const CMI5_LAUNCH_MODES = ['Normal', 'Browse', 'Review'] as const;
export type Cmi5LaunchMode = (typeof CMI5_LAUNCH_MODES)[number];

export const CMI5_WAIVE_REASONS = [
  'Tested Out',
  'Equivalent AU',
  'Equivalent Outside Activity',
  'Administrative',
] as const;
export type Cmi5WaiveReason = (typeof CMI5_WAIVE_REASONS)[number];

/** The state document the LMS writes before each launch (cmi5 §10). */
export const LAUNCH_DATA_STATE_ID = 'LMS.LaunchData';
/** The learner-preferences agent profile (cmi5 §11). */
export const LEARNER_PREFERENCES_PROFILE_ID = 'cmi5LearnerPreferences';
