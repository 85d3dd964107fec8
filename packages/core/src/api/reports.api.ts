import { z } from 'zod';
import { SlugParam } from './common.api.js';

// Read models of the learning record: a learner's own progress (course page,
// "my learning") and the reports admins and educators see. Scores are scaled,
// 0..1; percentages are whole numbers 0..100; times are ISO 8601 UTC.

export const ProgressStatusSchema = z.enum(['not_started', 'in_progress', 'completed']);

export const LessonProgressView = z.object({
  lessonId: z.string(),
  status: ProgressStatusSchema,
  /** 0..1; 1 once completed (media: share watched). */
  progress: z.number(),
  /** Best scaled score, 0..1, when any statement carried a score. */
  bestScore: z.number().nullable(),
  /** true once passed, false when only failures were recorded, null when neither. */
  passed: z.boolean().nullable(),
  /** Quizzes: attempts graded; other lessons: launches. */
  attempts: z.number().int().nonnegative(),
  completedAt: z.string().nullable(),
});
export type LessonProgressView = z.infer<typeof LessonProgressView>;

export const CourseProgressView = z.object({
  courseId: z.string(),
  status: ProgressStatusSchema,
  percent: z.number().int().min(0).max(100),
  completedLessons: z.number().int().nonnegative(),
  requiredLessons: z.number().int().nonnegative(),
  /** Where to resume: the first counted lesson not yet completed; null when done. */
  nextLessonId: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type CourseProgressView = z.infer<typeof CourseProgressView>;

/** `GET /api/t/:tenant/me/progress` — every course the learner has started. */
export const MyProgressResponse = z.object({ items: z.array(CourseProgressView) });
export type MyProgressResponse = z.infer<typeof MyProgressResponse>;

/** `GET /api/t/:tenant/me/progress/:courseId` — every lesson of the latest version, in course order. */
export const MyCourseProgressResponse = z.object({
  course: CourseProgressView,
  lessons: z.array(LessonProgressView),
});
export type MyCourseProgressResponse = z.infer<typeof MyCourseProgressResponse>;

export const ProgressCourseParams = SlugParam.extend({ courseId: z.uuid() });
export const ReportCourseParams = SlugParam.extend({ courseId: z.uuid() });
export const ReportClassParams = SlugParam.extend({ classId: z.uuid() });

/** `?format=csv` turns any report into a CSV download. */
export const ReportQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });
export type ReportQuery = z.infer<typeof ReportQuery>;

/** `GET /api/t/:tenant/reports/courses` — one row per course. */
export const CourseSummaryRow = z.object({
  courseId: z.string(),
  title: z.string(),
  /** Learners enrolled directly or through a class. */
  enrolled: z.number().int().nonnegative(),
  /** Learners who did anything in the course (enrolled or not: open courses need no enrolment). */
  started: z.number().int().nonnegative(),
  completed: z.number().int().nonnegative(),
  /** completed / learners, where learners = enrolled ∪ started; 0..1. */
  completionRate: z.number(),
  /** Mean over learners with a score of their course score (mean of their best lesson scores); 0..1. */
  averageBestScore: z.number().nullable(),
});
export type CourseSummaryRow = z.infer<typeof CourseSummaryRow>;
export const CoursesReportResponse = z.object({ items: z.array(CourseSummaryRow) });
export type CoursesReportResponse = z.infer<typeof CoursesReportResponse>;

/** One learner in one course. */
export const LearnerCourseRow = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  enrolled: z.boolean(),
  status: ProgressStatusSchema,
  percent: z.number().int().min(0).max(100),
  completedLessons: z.number().int().nonnegative(),
  requiredLessons: z.number().int().nonnegative(),
  /** Mean of the learner's best lesson scores in the course; null without any score. */
  score: z.number().nullable(),
  lastActivityAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type LearnerCourseRow = z.infer<typeof LearnerCourseRow>;

/** `GET /api/t/:tenant/reports/courses/:courseId` — one row per learner. */
export const CourseReportResponse = z.object({
  course: z.object({ courseId: z.string(), title: z.string() }),
  items: z.array(LearnerCourseRow),
});
export type CourseReportResponse = z.infer<typeof CourseReportResponse>;

export const ClassProgressCell = z.object({
  courseId: z.string(),
  status: ProgressStatusSchema,
  percent: z.number().int().min(0).max(100),
  score: z.number().nullable(),
  completedAt: z.string().nullable(),
});
export type ClassProgressCell = z.infer<typeof ClassProgressCell>;

/** `GET /api/t/:tenant/reports/classes/:classId` — learners × courses (the educator's class view). */
export const ClassReportResponse = z.object({
  class: z.object({ classId: z.string(), name: z.string() }),
  /** The class's courses: assigned to the class, or started by any of its learners. */
  courses: z.array(z.object({ courseId: z.string(), title: z.string() })),
  learners: z.array(
    z.object({
      userId: z.string(),
      username: z.string(),
      displayName: z.string(),
      /** One cell per entry of `courses`, in the same order. */
      cells: z.array(ClassProgressCell),
    }),
  ),
});
export type ClassReportResponse = z.infer<typeof ClassReportResponse>;
