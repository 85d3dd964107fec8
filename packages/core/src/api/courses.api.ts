import { z } from 'zod';
import {
  CourseContent,
  CourseManifest,
  CourseModule,
  Lesson,
  LocaleTag,
  Question,
  Uuid,
} from '../course/course.schema.js';
import { CourseVariant, EnrolmentPolicy } from './catalog.api.js';
import { SlugParam } from './common.api.js';
import { CourseEnrolmentState, CourseProgressSummary, LearningStatus } from './enrolments.api.js';

// Authoring (drafts, publishing, language variants, question import), the
// learner's course page, and learning paths.

// A draft is CourseContent except that a quiz may still be empty: authors add a
// quiz lesson first and fill it later (by hand or by CSV import). Publishing
// refuses empty quizzes, and the published manifest satisfies CourseManifest.
// Kinds added after these (h5p, cmi5, scorm…) are drafted as they are published.
const [video, audio, pdf, epub, markdown, html5, quiz, link, ...laterKinds] = Lesson.options;
export const DraftQuizLesson = quiz.extend({ questions: z.array(Question).max(500) });
export const DraftLesson = z.discriminatedUnion('kind', [
  video,
  audio,
  pdf,
  epub,
  markdown,
  html5,
  DraftQuizLesson,
  link,
  ...laterKinds,
]);
export type DraftLesson = z.infer<typeof DraftLesson>;
export const DraftModule = CourseModule.extend({ lessons: z.array(DraftLesson).max(500) });
export type DraftModule = z.infer<typeof DraftModule>;
export const DraftCourseContent = CourseContent.extend({
  modules: z.array(DraftModule).max(200).default([]),
});
export type DraftCourseContent = z.infer<typeof DraftCourseContent>;

type OptionalId<T> = T extends unknown ? Omit<T, 'id'> & { id?: string | null } : never;
export type DraftLessonInput = OptionalId<z.input<typeof DraftLesson>>;
export type DraftModuleInput = Omit<z.input<typeof DraftModule>, 'id' | 'lessons'> & {
  id?: string | null;
  lessons: DraftLessonInput[];
};
/** A draft as an editor or a script sends it: new modules and lessons may leave `id` out. */
export type DraftContentInput = Omit<z.input<typeof DraftCourseContent>, 'modules'> & {
  modules?: DraftModuleInput[];
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const missing = (id: unknown): boolean => id === undefined || id === null || id === '';

/**
 * Gives every module and lesson that has no id a new one from `newId`, leaving
 * everything else as it is (validation comes after). Pure: the caller injects ids.
 */
export function withAssignedIds(raw: unknown, newId: () => string): unknown {
  if (!isRecord(raw) || !Array.isArray(raw.modules)) return raw;
  const lesson = (l: unknown): unknown => (isRecord(l) && missing(l.id) ? { ...l, id: newId() } : l);
  const mod = (m: unknown): unknown => {
    if (!isRecord(m)) return m;
    const withId = missing(m.id) ? { ...m, id: newId() } : m;
    return Array.isArray(m.lessons) ? { ...withId, lessons: m.lessons.map(lesson) } : withId;
  };
  return { ...raw, modules: raw.modules.map(mod) };
}

/** Validated by the server against DraftCourseContent after ids are assigned. */
const DraftPayload = z.custom<DraftContentInput>(isRecord, 'a course draft object');

export const CourseParams = SlugParam.extend({ courseId: Uuid });
export const LessonParams = CourseParams.extend({ lessonId: Uuid });
export const VersionParams = SlugParam.extend({ versionId: Uuid });

export const AuthoringCourseSummary = z.object({
  id: Uuid,
  title: z.string(),
  language: z.string(),
  variantGroupId: Uuid.nullable(),
  enrolmentPolicy: EnrolmentPolicy,
  /** The draft's edit counter: send it back as `expectedVersion`. Publishing does not change it. */
  version: z.number().int(),
  archived: z.boolean(),
  publishedVersion: z.number().int().nullable(),
  publishedVersionId: Uuid.nullable(),
  publishedAt: z.string().nullable(),
  /** Never published, or edited since the last publication. */
  hasUnpublishedChanges: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AuthoringCourseSummary = z.infer<typeof AuthoringCourseSummary>;

export const AuthoringVariant = CourseVariant.extend({ published: z.boolean() });
export const AuthoringCourse = AuthoringCourseSummary.extend({
  content: DraftCourseContent,
  /** The other language variants, drafts included. */
  variants: z.array(AuthoringVariant),
});
export type AuthoringCourse = z.infer<typeof AuthoringCourse>;

export const AuthoringCourseListQuery = z.object({
  q: z.string().max(200).optional(),
  includeArchived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const AuthoringCourseList = z.object({
  items: z.array(AuthoringCourseSummary),
  total: z.number().int(),
});
export type AuthoringCourseList = z.infer<typeof AuthoringCourseList>;

export const CreateCourseRequest = z.object({
  content: DraftPayload,
  enrolmentPolicy: EnrolmentPolicy.default('open'),
  /** Join an existing group of language variants. */
  variantGroupId: Uuid.optional(),
});
export type CreateCourseRequest = z.input<typeof CreateCourseRequest>;

export const UpdateCourseRequest = z.object({
  /** The version the editor loaded; a stale one is refused with 409 `edit_conflict`. */
  expectedVersion: z.number().int().positive(),
  content: DraftPayload,
  enrolmentPolicy: EnrolmentPolicy.optional(),
});
export type UpdateCourseRequest = z.input<typeof UpdateCourseRequest>;

export const CreateVariantRequest = z.object({
  language: LocaleTag,
  /** The new variant's title; the source's title until translated. */
  title: z.string().trim().min(1).max(300).optional(),
});
export type CreateVariantRequest = z.infer<typeof CreateVariantRequest>;

export const PublishResponse = z.object({ manifest: CourseManifest, course: AuthoringCourseSummary });
export type PublishResponse = z.infer<typeof PublishResponse>;

export const CourseVersionSummary = z.object({
  versionId: Uuid,
  version: z.number().int(),
  publishedAt: z.string(),
  publishedBy: Uuid.nullable(),
});
export const CourseVersionList = z.object({ items: z.array(CourseVersionSummary) });
export type CourseVersionList = z.infer<typeof CourseVersionList>;

export const QuestionImportQuery = z.object({
  /** append (default): add to the quiz's questions; replace: the sheet becomes the quiz. */
  mode: z.enum(['append', 'replace']).default('append'),
  expectedVersion: z.coerce.number().int().positive().optional(),
});
export const QuestionImportResponse = z.object({
  course: AuthoringCourse,
  imported: z.number().int(),
  /** Imported questions whose id was already used in the quiz, with the id they got instead. */
  renamedIds: z.record(z.string(), z.string()),
});
export type QuestionImportResponse = z.infer<typeof QuestionImportResponse>;

/** `GET /api/t/:tenant/courses/:courseId`: the latest published version and the caller's standing. */
export const CoursePage = z.object({
  course: CourseManifest,
  variants: z.array(CourseVariant),
  prerequisites: z.array(z.object({ courseId: Uuid, title: z.string(), complete: z.boolean() })),
  prerequisitesComplete: z.boolean(),
  enrolmentPolicy: EnrolmentPolicy,
  enrolment: CourseEnrolmentState,
  progress: CourseProgressSummary.nullable(),
});
export type CoursePage = z.infer<typeof CoursePage>;

// Learning paths: an ordered list of courses, optionally taken in order.

export const PathParams = SlugParam.extend({ pathId: Uuid });

export const LearningPath = z.object({
  id: Uuid,
  title: z.string(),
  description: z.string(),
  language: z.string(),
  courseIds: z.array(Uuid),
  enforceOrder: z.boolean(),
  published: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LearningPath = z.infer<typeof LearningPath>;
export const LearningPathList = z.object({ items: z.array(LearningPath) });
export type LearningPathList = z.infer<typeof LearningPathList>;

export const CreatePathRequest = z.object({
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10_000).default(''),
  language: LocaleTag,
  courseIds: z.array(Uuid).max(100).default([]),
  enforceOrder: z.boolean().default(false),
  published: z.boolean().default(false),
});
export type CreatePathRequest = z.input<typeof CreatePathRequest>;

export const UpdatePathRequest = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  description: z.string().max(10_000).optional(),
  language: LocaleTag.optional(),
  courseIds: z.array(Uuid).max(100).optional(),
  enforceOrder: z.boolean().optional(),
  published: z.boolean().optional(),
  expectedVersion: z.number().int().positive().optional(),
});
export type UpdatePathRequest = z.infer<typeof UpdatePathRequest>;

/** A course within a learner's view of a path. Unpublished courses are left out. */
export const PathCourse = z.object({
  courseId: Uuid,
  title: z.string(),
  language: z.string(),
  coverUrl: z.string().nullable(),
  lessonCount: z.number().int(),
  durationMinutes: z.number().int(),
  status: LearningStatus,
  percent: z.number().int(),
  /** The path enforces its order and an earlier course is not complete yet. */
  locked: z.boolean(),
});
export type PathCourse = z.infer<typeof PathCourse>;

export const PathSummary = z.object({
  id: Uuid,
  title: z.string(),
  description: z.string(),
  language: z.string(),
  enforceOrder: z.boolean(),
  courseCount: z.number().int(),
  completedCount: z.number().int(),
});
export type PathSummary = z.infer<typeof PathSummary>;
export const PathListResponse = z.object({ items: z.array(PathSummary) });
export type PathListResponse = z.infer<typeof PathListResponse>;

export const PathView = PathSummary.extend({ courses: z.array(PathCourse), enrolled: z.boolean() });
export type PathView = z.infer<typeof PathView>;
