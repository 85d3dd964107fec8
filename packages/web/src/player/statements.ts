import type { Statement, XapiResult } from '@satchel/core';
import {
  ACTOR_HOMEPAGE,
  EXT_COURSE_VERSION,
  EXT_PROGRESS,
  VERBS,
  courseActivityId,
  lessonActivityId,
} from './core-runtime.js';

export { EXT_COURSE_VERSION };

/** xAPI's activity type for a lesson (the ADL vocabulary). */
const LESSON_TYPE = 'http://adlnet.gov/expapi/activities/lesson';

/** Everything a statement about one lesson of one course version needs to say. */
export interface LessonRef {
  readonly userId: string;
  readonly courseId: string;
  readonly versionId: string;
  readonly lessonId: string;
  readonly lessonTitle: string;
  /** The course's language tag, used for the lesson name in the activity definition. */
  readonly language: string;
}

export type PlayerVerb = 'launched' | 'progressed' | 'completed';

export interface StatementStamp {
  /** A new UUIDv7. */
  readonly id: string;
  /** ISO 8601 with a time zone. */
  readonly timestamp: string;
}

/** Media progress rounded to 0.001: finer steps would only make statements differ needlessly. */
export function roundFraction(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  return Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 1000;
}

/**
 * A statement from Satchel's own player. Pure: the caller supplies the id and the time. The grouping
 * and the course-version extension are what tie it to the course (HELPERS.md, "Learning record").
 */
export function lessonStatement(
  lesson: LessonRef,
  verb: PlayerVerb,
  stamp: StatementStamp,
  progress?: number,
): Statement {
  const result: XapiResult = {};
  if (progress !== undefined) result.extensions = { [EXT_PROGRESS]: roundFraction(progress) };
  if (verb === 'completed') result.completion = true;
  const statement: Statement = {
    id: stamp.id,
    actor: { objectType: 'Agent', account: { homePage: ACTOR_HOMEPAGE, name: lesson.userId } },
    verb: { id: VERBS[verb], display: { en: verb } },
    object: {
      objectType: 'Activity',
      id: lessonActivityId(lesson.lessonId),
      definition: { type: LESSON_TYPE, name: { [lesson.language || 'und']: lesson.lessonTitle } },
    },
    context: {
      contextActivities: { grouping: [{ objectType: 'Activity', id: courseActivityId(lesson.courseId) }] },
      extensions: { [EXT_COURSE_VERSION]: lesson.versionId },
    },
    timestamp: stamp.timestamp,
  };
  if (Object.keys(result).length > 0) statement.result = result;
  return statement;
}
