import { z } from 'zod';
import { ScormPackageInfo } from '../scorm/scorm.schema.js';

// The shape of a course: what an author edits as a draft and what a published,
// immutable course version carries in its manifest. Learners' devices and hubs
// download the manifest and fetch each blob it names by SHA-256.

export const Uuid = z.uuid();
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');
export const LocaleTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag');

/** A content-addressed file. */
export const BlobRef = z.object({
  sha256: Sha256,
  size: z.number().int().nonnegative(),
  mediaType: z.string().min(1).max(200),
});
export type BlobRef = z.infer<typeof BlobRef>;

/** Every library item carries its licence and origin; learners see it. */
export const Attribution = z.object({
  title: z.string().max(500).optional(),
  licence: z.string().min(1).max(100),
  author: z.string().max(300).optional(),
  provider: z.string().max(300).optional(),
  sourceUrl: z.string().max(2000).optional(),
});
export type Attribution = z.infer<typeof Attribution>;

export const Captions = z.object({ lang: LocaleTag, label: z.string().min(1).max(100), file: BlobRef });
export type Captions = z.infer<typeof Captions>;

export const Rendition = z.object({ height: z.number().int().positive(), file: BlobRef });

const Feedback = z.object({
  correct: z.string().max(2000).optional(),
  incorrect: z.string().max(2000).optional(),
});
const Option = z.object({ id: z.string().min(1).max(64), text: z.string().min(1).max(1000) });

const questionBase = {
  id: z.string().min(1).max(64),
  prompt: z.string().min(1).max(4000),
  points: z.number().positive().max(1000).default(1),
  feedback: Feedback.optional(),
};

export const Question = z.discriminatedUnion('type', [
  z.object({
    ...questionBase,
    type: z.literal('single'),
    options: z.array(Option).min(2).max(20),
    correct: z.string(),
  }),
  z.object({
    ...questionBase,
    type: z.literal('multiple'),
    options: z.array(Option).min(2).max(20),
    correct: z.array(z.string()).min(1),
  }),
  z.object({ ...questionBase, type: z.literal('truefalse'), correct: z.boolean() }),
  z.object({
    ...questionBase,
    type: z.literal('fill'),
    /** Accepted answers for each blank ("___" in the prompt), in order. */
    blanks: z
      .array(z.array(z.string().min(1).max(200)).min(1))
      .min(1)
      .max(20),
    caseSensitive: z.boolean().default(false),
  }),
  z.object({
    ...questionBase,
    type: z.literal('numeric'),
    answer: z.number(),
    tolerance: z.number().nonnegative().default(0),
  }),
  z.object({
    ...questionBase,
    type: z.literal('ordering'),
    /** Items in their correct order; players shuffle them. */
    items: z.array(Option).min(2).max(20),
  }),
  z.object({
    ...questionBase,
    type: z.literal('matching'),
    pairs: z
      .array(z.object({ id: z.string().min(1).max(64), left: z.string().min(1), right: z.string().min(1) }))
      .min(2)
      .max(20),
  }),
]);
export type Question = z.infer<typeof Question>;
export type QuestionType = Question['type'];

/** A learner's response, by question type. */
export const Response = z.union([
  z.string(), // single
  z.array(z.string()), // multiple, fill (one per blank), ordering (ids in order)
  z.boolean(), // truefalse
  z.number(), // numeric
  z.record(z.string(), z.string()), // matching: left pair id -> right pair id
]);
export type Response = z.infer<typeof Response>;

export const QuizSettings = z.object({
  mode: z.enum(['graded', 'practice']).default('graded'),
  /** Fraction of the maximum score needed to pass, 0..1. */
  passMark: z.number().min(0).max(1).default(0.6),
  /** null: unlimited attempts. */
  attemptLimit: z.number().int().positive().nullable().default(null),
  shuffleQuestions: z.boolean().default(false),
  shuffleOptions: z.boolean().default(false),
  /** Show per-question feedback after submitting. */
  showFeedback: z.boolean().default(true),
});
export type QuizSettings = z.infer<typeof QuizSettings>;

/** One cmi5 assignable unit as the course structure described it (see core/cmi5). */
export const Cmi5Au = z.object({
  /** The publisher's AU id (an IRI); never used as the activity id (cmi5 §8.1). */
  publisherId: z.string().min(1).max(2000),
  /** The publisher's course id and the ids of the blocks around the AU, outermost first. */
  coursePublisherId: z.string().min(1).max(2000),
  blockIds: z.array(z.string().min(1).max(2000)).max(20).default([]),
  /** Absolute http(s) URL, or a path inside `files`; may carry its own query string. */
  url: z.string().min(1).max(2000),
  launchMethod: z.enum(['AnyWindow', 'OwnWindow']).default('AnyWindow'),
  moveOn: z
    .enum(['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'])
    .default('NotApplicable'),
  masteryScore: z.number().min(0).max(1).optional(),
  launchParameters: z.string().max(2000).optional(),
  entitlementKey: z.string().max(2000).optional(),
  activityType: z.string().max(2000).optional(),
});
export type Cmi5Au = z.infer<typeof Cmi5Au>;

const lessonBase = {
  id: Uuid,
  title: z.string().min(1).max(300),
  description: z.string().max(4000).optional(),
  /** Required lessons count towards course completion. */
  required: z.boolean().default(true),
  outcomeIds: z.array(Uuid).default([]),
  durationMinutes: z.number().int().positive().max(10000).optional(),
  attribution: Attribution.optional(),
  libraryItemId: Uuid.optional(),
};

export const Lesson = z.discriminatedUnion('kind', [
  z.object({
    ...lessonBase,
    kind: z.literal('video'),
    file: BlobRef,
    captions: z.array(Captions).default([]),
    renditions: z.array(Rendition).default([]),
    poster: BlobRef.optional(),
  }),
  z.object({
    ...lessonBase,
    kind: z.literal('audio'),
    file: BlobRef,
    captions: z.array(Captions).default([]),
  }),
  z.object({ ...lessonBase, kind: z.literal('pdf'), file: BlobRef }),
  z.object({ ...lessonBase, kind: z.literal('epub'), file: BlobRef }),
  z.object({ ...lessonBase, kind: z.literal('markdown'), body: z.string().max(200_000) }),
  z.object({
    ...lessonBase,
    kind: z.literal('html5'),
    entry: z.string().min(1).max(500).default('index.html'),
    /** Every file of the unpacked package, by path inside the package. */
    files: z.record(z.string(), BlobRef),
  }),
  z.object({
    ...lessonBase,
    kind: z.literal('quiz'),
    quiz: QuizSettings,
    questions: z.array(Question).min(1).max(500),
  }),
  z.object({ ...lessonBase, kind: z.literal('link'), url: z.url({ protocol: /^https?$/ }) }),
  z.object({
    ...lessonBase,
    kind: z.literal('h5p'),
    /** Every file of the unpacked .h5p (h5p.json, content/, library folders), by path. */
    files: z.record(z.string(), BlobRef),
  }),
  z.object({
    ...lessonBase,
    kind: z.literal('cmi5'),
    au: Cmi5Au,
    /** The AU's own files when it came in a cmi5 package (its url is then relative to them). */
    files: z.record(z.string(), BlobRef).default({}),
  }),
  z.object({
    ...lessonBase,
    kind: z.literal('scorm'),
    /** The SCORM package's edition and table of contents (imsmanifest.xml). */
    scorm: ScormPackageInfo,
    /** Every file of the unpacked package, by path inside the package. */
    files: z.record(z.string(), BlobRef),
  }),
]);
export type Lesson = z.infer<typeof Lesson>;
export type LessonKind = Lesson['kind'];
export const LESSON_KINDS = [
  'video',
  'audio',
  'pdf',
  'epub',
  'markdown',
  'html5',
  'quiz',
  'link',
  'h5p',
  'cmi5',
  'scorm',
] as const;

export const CourseModule = z.object({
  id: Uuid,
  title: z.string().min(1).max(300),
  lessons: z.array(Lesson).max(500),
});
export type CourseModule = z.infer<typeof CourseModule>;

/** Curriculum tags, by id of framework entries. */
export const CourseTags = z.object({
  gradeIds: z.array(Uuid).default([]),
  subjectIds: z.array(Uuid).default([]),
  outcomeIds: z.array(Uuid).default([]),
});
export type CourseTags = z.infer<typeof CourseTags>;

/** What an author edits. Lesson ids are stable across versions so progress carries over. */
export const CourseContent = z.object({
  title: z.string().min(1).max(300),
  description: z.string().max(10_000).default(''),
  language: LocaleTag,
  categoryId: Uuid.nullable().default(null),
  tags: CourseTags.default({ gradeIds: [], subjectIds: [], outcomeIds: [] }),
  audiences: z.array(z.string().max(100)).default([]),
  coverImage: BlobRef.nullable().default(null),
  prerequisiteCourseIds: z.array(Uuid).default([]),
  modules: z.array(CourseModule).max(200),
});
export type CourseContent = z.infer<typeof CourseContent>;

/** The immutable manifest of one published course version. */
export const CourseManifest = CourseContent.extend({
  schema: z.literal(1),
  courseId: Uuid,
  versionId: Uuid,
  version: z.number().int().positive(),
  variantGroupId: Uuid.nullable(),
  publishedAt: z.iso.datetime(),
});
export type CourseManifest = z.infer<typeof CourseManifest>;

export function allLessons(course: Pick<CourseContent, 'modules'>): Lesson[] {
  return course.modules.flatMap((m) => m.lessons);
}

/** Every blob a device needs to take the course offline, de-duplicated. */
export function manifestBlobs(course: Pick<CourseContent, 'modules' | 'coverImage'>): BlobRef[] {
  const seen = new Map<string, BlobRef>();
  const add = (b: BlobRef | undefined | null): void => {
    if (b && !seen.has(b.sha256)) seen.set(b.sha256, b);
  };
  add(course.coverImage);
  for (const lesson of allLessons(course)) {
    switch (lesson.kind) {
      case 'video':
        add(lesson.file);
        add(lesson.poster);
        lesson.captions.forEach((c) => add(c.file));
        lesson.renditions.forEach((r) => add(r.file));
        break;
      case 'audio':
        add(lesson.file);
        lesson.captions.forEach((c) => add(c.file));
        break;
      case 'pdf':
      case 'epub':
        add(lesson.file);
        break;
      case 'html5':
      case 'h5p':
      case 'cmi5':
      case 'scorm':
        Object.values(lesson.files).forEach(add);
        break;
      case 'markdown':
      case 'quiz':
      case 'link':
        break;
    }
  }
  return [...seen.values()];
}
