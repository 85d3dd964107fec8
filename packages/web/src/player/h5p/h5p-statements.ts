import type { Statement, XapiResult } from '@satchel/core';
import { ACTOR_HOMEPAGE, EXT_COURSE_VERSION, courseActivityId, lessonActivityId } from '../core-runtime.js';
import type { LessonRef, StatementStamp } from '../statements.js';

// H5P content reports what the learner does as xAPI statements about itself, with an
// actor and object ids of its own making. Before they reach the LRS they become the
// learner's statements about the Satchel lesson (its activity id, the course grouping,
// the course version, the session's registration), which is what progress counts.
// Only the verb and a checked copy of the result survive from H5P's statement.

const LESSON_TYPE = 'http://adlnet.gov/expapi/activities/lesson';
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const MAX_RESPONSE = 4096;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** What the frame posts: `{ type: 'satchel:h5p-xapi', statement }`. */
export function h5pStatementOf(data: unknown): Record<string, unknown> | null {
  if (!isObject(data) || data.type !== 'satchel:h5p-xapi') return null;
  return isObject(data.statement) ? data.statement : null;
}

function resultOf(raw: unknown): XapiResult | undefined {
  if (!isObject(raw)) return undefined;
  const result: XapiResult = {};
  if (isObject(raw.score)) {
    const { scaled, raw: points, min, max } = raw.score;
    const score: NonNullable<XapiResult['score']> = {};
    if (finite(scaled) && scaled >= -1 && scaled <= 1) score.scaled = scaled;
    if (finite(min) && finite(max) && min <= max) {
      score.min = min;
      score.max = max;
      if (finite(points) && points >= min && points <= max) score.raw = points;
    }
    if (Object.keys(score).length > 0) result.score = score;
  }
  if (typeof raw.success === 'boolean') result.success = raw.success;
  if (typeof raw.completion === 'boolean') result.completion = raw.completion;
  if (typeof raw.response === 'string') result.response = raw.response.slice(0, MAX_RESPONSE);
  if (
    typeof raw.duration === 'string' &&
    /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(raw.duration)
  )
    result.duration = raw.duration;
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * The learner's statement for one H5P statement, or null when it is not about the
 * content as a whole (a sub-question of a set reports with `subContentId`) or has no
 * usable verb.
 */
export function h5pLessonStatement(
  raw: Record<string, unknown>,
  lesson: LessonRef,
  registration: string,
  stamp: StatementStamp,
): Statement | null {
  const verb = raw.verb;
  if (!isObject(verb) || typeof verb.id !== 'string' || !IRI.test(verb.id)) return null;
  const object = raw.object;
  if (isObject(object) && typeof object.id === 'string' && object.id.includes('subContentId=')) return null;
  const display: Record<string, string> =
    isObject(verb.display) && typeof verb.display['en-US'] === 'string'
      ? { 'en-US': verb.display['en-US'] }
      : { en: verb.id.slice(verb.id.lastIndexOf('/') + 1) };
  const statement: Statement = {
    id: stamp.id,
    actor: { objectType: 'Agent', account: { homePage: ACTOR_HOMEPAGE, name: lesson.userId } },
    verb: { id: verb.id, display },
    object: {
      objectType: 'Activity',
      id: lessonActivityId(lesson.lessonId),
      definition: { type: LESSON_TYPE, name: { [lesson.language || 'und']: lesson.lessonTitle } },
    },
    context: {
      registration,
      contextActivities: { grouping: [{ objectType: 'Activity', id: courseActivityId(lesson.courseId) }] },
      extensions: { [EXT_COURSE_VERSION]: lesson.versionId },
    },
    timestamp: stamp.timestamp,
  };
  const result = resultOf(raw.result);
  if (result) statement.result = result;
  return statement;
}
