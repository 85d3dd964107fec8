import { z } from 'zod';
import { Uuid } from '../course/course.schema.js';
import { SlugParam } from './common.api.js';

// Enrolments: who is meant to take which course or learning path. A class
// enrolment applies to the class's learners at the time of reading, so learners
// who join the class later are enrolled too.

export const EnrolmentSource = z.enum(['self', 'assigned']);
export type EnrolmentSource = z.infer<typeof EnrolmentSource>;

export const Enrolment = z.object({
  id: Uuid,
  courseId: Uuid.nullable(),
  pathId: Uuid.nullable(),
  userId: Uuid.nullable(),
  classId: Uuid.nullable(),
  source: EnrolmentSource,
  assignedBy: Uuid.nullable(),
  createdAt: z.string(),
});
export type Enrolment = z.infer<typeof Enrolment>;

/** An enrolment with the names an admin screen shows next to it. */
export const EnrolmentListItem = Enrolment.extend({
  courseTitle: z.string().nullable(),
  pathTitle: z.string().nullable(),
  userDisplayName: z.string().nullable(),
  className: z.string().nullable(),
});
export type EnrolmentListItem = z.infer<typeof EnrolmentListItem>;

export const EnrolmentListResponse = z.object({ items: z.array(EnrolmentListItem), total: z.number().int() });
export type EnrolmentListResponse = z.infer<typeof EnrolmentListResponse>;

export const EnrolmentListQuery = z.object({
  courseId: Uuid.optional(),
  pathId: Uuid.optional(),
  classId: Uuid.optional(),
  userId: Uuid.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type EnrolmentListQuery = z.output<typeof EnrolmentListQuery>;

/** Assign a course or a learning path to a user or a class (admins; educators to classes they teach). */
export const AssignEnrolmentRequest = z
  .object({
    courseId: Uuid.optional(),
    pathId: Uuid.optional(),
    userId: Uuid.optional(),
    classId: Uuid.optional(),
  })
  .refine((r) => (r.courseId === undefined) !== (r.pathId === undefined), {
    message: 'give exactly one of courseId and pathId',
    path: ['courseId'],
  })
  .refine((r) => (r.userId === undefined) !== (r.classId === undefined), {
    message: 'give exactly one of userId and classId',
    path: ['userId'],
  });
export type AssignEnrolmentRequest = z.infer<typeof AssignEnrolmentRequest>;

export const EnrolmentParams = SlugParam.extend({ enrolmentId: Uuid });

export const LearningStatus = z.enum(['not_started', 'in_progress', 'completed']);
export type LearningStatus = z.infer<typeof LearningStatus>;

/** How the caller stands with one course (the course page's enrol / start buttons). */
export const CourseEnrolmentState = z.object({
  enrolled: z.boolean(),
  /** Every way the caller is enrolled: on their own, assigned to them, through a class, through a learning path. */
  through: z.array(z.enum(['self', 'user', 'class', 'path'])),
  /** The course accepts self-enrolment, the caller is not enrolled, and the prerequisites are complete. */
  canEnrol: z.boolean(),
  /** The caller enrolled themselves, so they may leave. */
  canUnenrol: z.boolean(),
  /** The caller may open the lessons: enrolled, or the course is open and the prerequisites are complete. */
  canStart: z.boolean(),
});
export type CourseEnrolmentState = z.infer<typeof CourseEnrolmentState>;

export const SelfEnrolResponse = z.object({ enrolment: Enrolment, state: CourseEnrolmentState });
export type SelfEnrolResponse = z.infer<typeof SelfEnrolResponse>;

export const CourseProgressSummary = z.object({
  status: LearningStatus,
  percent: z.number().int(),
  nextLessonId: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
});
export type CourseProgressSummary = z.infer<typeof CourseProgressSummary>;

/** One card of the learner home page. */
export const MyCourse = z.object({
  courseId: Uuid,
  title: z.string(),
  language: z.string(),
  coverUrl: z.string().nullable(),
  percent: z.number().int(),
  status: LearningStatus,
  lastActivityAt: z.string().nullable(),
  nextLessonId: z.string().nullable(),
});
export type MyCourse = z.infer<typeof MyCourse>;

/** `GET /api/t/:tenant/me/courses`: most recently active first, then courses not started, by title. */
export const MyCoursesResponse = z.object({ items: z.array(MyCourse) });
export type MyCoursesResponse = z.infer<typeof MyCoursesResponse>;
