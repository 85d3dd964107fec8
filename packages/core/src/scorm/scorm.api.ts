import { z } from 'zod';
import { SlugParam } from '../api/common.api.js';

// SCORM over HTTP: importing a package, a learner's launch state (for resume) and
// the commits the player relays from the SCO's runtime.

export const ScormLessonParams = SlugParam.extend({ courseId: z.uuid(), lessonId: z.uuid() });

/** `POST /api/t/:tenant/scorm/imports`: the zip is the body. */
export const ScormImportQuery = z.object({
  /** Add the package as a lesson of this course's draft (last module, or a new one); else a new course. */
  courseId: z.uuid().optional(),
  /** The new course's or lesson's title; the manifest's organisation title by default. */
  title: z.string().min(1).max(300).optional(),
  /** The new course's language (BCP 47); default "en". */
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .optional(),
});
export type ScormImportQuery = z.infer<typeof ScormImportQuery>;

export const ScormImportResponse = z.object({
  courseId: z.uuid(),
  lessonId: z.uuid(),
  version: z.enum(['1.2', '2004-3', '2004-4']),
  title: z.string(),
  /** Items that launch something (SCOs and assets). */
  launchable: z.number().int(),
  files: z.number().int(),
});
export type ScormImportResponse = z.infer<typeof ScormImportResponse>;

export const ScormSnapshotSchema = z.object({
  completion: z.enum(['completed', 'incomplete', 'not attempted', 'unknown']),
  success: z.enum(['passed', 'failed', 'unknown']),
  scoreScaled: z.number().min(-1).max(1).nullable(),
  scoreRaw: z.number().nullable(),
  scoreMin: z.number().nullable(),
  scoreMax: z.number().nullable(),
  location: z.string().max(1000),
  suspendData: z.string().max(64_000),
  exit: z.string().max(100),
  sessionSeconds: z.number().min(0).max(10_000_000),
  progressMeasure: z.number().min(0).max(1).nullable(),
});

export const ScormStoredStateSchema = ScormSnapshotSchema.extend({ totalSeconds: z.number().min(0) });

export const ScormLaunchQuery = z.object({ versionId: z.uuid() });

/** `GET …/lessons/:lessonId/scorm`: where the learner stands, to resume. */
export const ScormLaunchResponse = z.object({
  /** The open attempt, or null before the first commit (the player then makes one). */
  attemptId: z.uuid().nullable(),
  /** The item the learner was last in. */
  lastItemId: z.string().nullable(),
  states: z.record(z.string(), ScormStoredStateSchema),
  learner: z.object({ id: z.string(), name: z.string() }),
});
export type ScormLaunchResponse = z.infer<typeof ScormLaunchResponse>;

/** `POST …/lessons/:lessonId/scorm/commits`: one LMSCommit/Commit (or Initialize/Terminate) of one SCO. */
export const ScormCommitRequest = z.object({
  attemptId: z.uuid(),
  versionId: z.uuid(),
  itemId: z.string().min(1).max(300),
  /** One per launch of the item; with seq, the commit's idempotency key. */
  sessionId: z.uuid(),
  seq: z.number().int().min(1).max(1_000_000),
  event: z.enum(['initialize', 'commit', 'terminate']),
  at: z.iso.datetime({ offset: true }),
  snapshot: ScormSnapshotSchema,
});
export type ScormCommitRequest = z.infer<typeof ScormCommitRequest>;

export const ScormLessonOutcomeSchema = z.object({
  completed: z.boolean(),
  success: z.enum(['passed', 'failed', 'unknown']),
  scaled: z.number().nullable(),
  progress: z.number(),
});

export const ScormCommitResponse = z.object({
  /** False when this commit (or a later one of the same session) was already stored. */
  applied: z.boolean(),
  lesson: ScormLessonOutcomeSchema,
});
export type ScormCommitResponse = z.infer<typeof ScormCommitResponse>;
