import { z } from 'zod';
import { Uuid } from '../course/course.schema.js';

// cmi5 (server/cmi5): importing course structures, launching AUs, the fetch URL.
//
//   POST /api/t/:tenant/cmi5/imports            a cmi5 zip (cmi5.xml at its root) or a bare cmi5.xml → a course draft
//   POST /api/t/:tenant/cmi5/launches           { versionId, lessonId } → the AU's launch URL (learner)
//   GET  /api/t/:tenant/cmi5/sessions/:id        whether the session's AU is satisfied (learner)
//   POST /api/t/:tenant/cmi5/sessions/:id/leave  the learner left the AU (abandoned unless terminated)
//   POST /api/t/:tenant/cmi5/sessions/:id/waive  an educator/admin waives the AU for the learner
//   POST /cmi5/fetch/:token                      the AU's one-time fetch URL → { "auth-token" }

export const Cmi5ImportResponse = z.object({
  courseId: Uuid,
  title: z.string(),
  lessons: z.number().int().nonnegative(),
});
export type Cmi5ImportResponse = z.infer<typeof Cmi5ImportResponse>;

export const Cmi5LaunchRequest = z.object({
  versionId: Uuid,
  lessonId: Uuid,
  launchMode: z.enum(['Normal', 'Browse', 'Review']).default('Normal'),
});
export type Cmi5LaunchRequest = z.infer<typeof Cmi5LaunchRequest>;

export const Cmi5Launch = z.object({
  sessionId: Uuid,
  registration: Uuid,
  launchUrl: z.string(),
  launchMethod: z.enum(['AnyWindow', 'OwnWindow']),
});
export type Cmi5Launch = z.infer<typeof Cmi5Launch>;

export const Cmi5SessionStatus = z.object({
  sessionId: Uuid,
  terminated: z.boolean(),
  abandoned: z.boolean(),
  satisfied: z.boolean(),
});
export type Cmi5SessionStatus = z.infer<typeof Cmi5SessionStatus>;

export const Cmi5WaiveRequest = z.object({
  reason: z.enum(['Tested Out', 'Equivalent AU', 'Equivalent Outside Activity', 'Administrative']),
});
export type Cmi5WaiveRequest = z.infer<typeof Cmi5WaiveRequest>;
