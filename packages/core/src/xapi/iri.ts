// The IRIs Satchel writes into xAPI statements and reads back in progress
// projections. Kept in one small file so every module names activities, actors
// and verbs the same way; changing any value orphans every statement already
// recorded in the field, so these are append-only.

/** Activity ids live under a reserved, never-resolvable domain (RFC 6761 `.invalid`). */
export const ACTIVITY_BASE = 'https://satchel.invalid/activities';

/** The `account.homePage` of every Satchel actor; `account.name` is the user's UUID. */
export const ACTOR_HOMEPAGE = 'https://satchel.invalid';

/** xAPI video profile: fraction of the media watched, 0..1, in `result.extensions`. */
export const EXT_PROGRESS = 'https://w3id.org/xapi/video/extensions/progress';

/** Context extension naming the course version a statement was made in (ties it to a course). */
export const EXT_COURSE_VERSION = 'https://satchel.invalid/extensions/course-version';

/** cmi5 progress, 0..100, in `result.extensions`; accepted from packages that send it. */
export const EXT_CMI5_PROGRESS = 'https://w3id.org/xapi/cmi5/result/extensions/progress';

const ADL_VERBS = 'http://adlnet.gov/expapi/verbs';

export const VERBS = {
  launched: `${ADL_VERBS}/launched`,
  progressed: `${ADL_VERBS}/progressed`,
  completed: `${ADL_VERBS}/completed`,
  answered: `${ADL_VERBS}/answered`,
  passed: `${ADL_VERBS}/passed`,
  failed: `${ADL_VERBS}/failed`,
  attempted: `${ADL_VERBS}/attempted`,
  experienced: `${ADL_VERBS}/experienced`,
  voided: `${ADL_VERBS}/voided`,
  initialized: `${ADL_VERBS}/initialized`,
  terminated: `${ADL_VERBS}/terminated`,
} as const;
export type VerbName = keyof typeof VERBS;
export type VerbIri = (typeof VERBS)[VerbName];

export type SatchelActivityKind = 'lesson' | 'course';

export function lessonActivityId(lessonId: string): string {
  return `${ACTIVITY_BASE}/lesson/${lessonId}`;
}

export function courseActivityId(courseId: string): string {
  return `${ACTIVITY_BASE}/course/${courseId}`;
}

const ACTIVITY_RE = /^https:\/\/satchel\.invalid\/activities\/(lesson|course)\/([^/?#]+)$/;

/**
 * The lesson or course an activity IRI names, or null for any other IRI
 * (including sub-activities such as `…/lesson/<id>/question/<qid>`).
 */
export function parseSatchelActivityId(iri: string): { kind: SatchelActivityKind; id: string } | null {
  const match = ACTIVITY_RE.exec(iri);
  if (!match) return null;
  return { kind: match[1] === 'course' ? 'course' : 'lesson', id: match[2]! };
}
