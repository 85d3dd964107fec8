import {
  Attribution,
  checkAuUrl,
  Cmi5Au,
  EnrolmentPolicy,
  LocaleTag,
  Question,
  QuizSettings,
} from '@satchel/core';
import { z } from 'zod';

// The course package: a folder (or a zip of one) with `course.json` and the files
// it names. It is CourseContent (core) written for people and other platforms:
// files by path instead of by hash, curriculum tags by code, the category by name,
// prerequisites by title. docs/course-package.md is the reference; keep both in step.

export const PACKAGE_FORMAT = 'satchel-course-package';
/**
 * 1 — first format. 2 — adds scorm, h5p and cmi5 lessons. Raise only for a change an
 * older importer would misread; every earlier version stays readable.
 */
export const PACKAGE_FORMAT_VERSION = 2;
export const PACKAGE_FORMAT_VERSIONS = [1, 2] as const;
/** Lesson kinds a package of formatVersion 1 cannot hold (an importer of version 1 does not know them). */
export const FORMAT_2_KINDS = ['scorm', 'h5p', 'cmi5'] as const;
export const COURSE_JSON = 'course.json';

/**
 * Whether `path` names a file inside the package: relative, forward slashes, no
 * `.` or `..` segments, no empty segments, no control characters. The same rule
 * applies to every path written into an export.
 */
export function isSafePackagePath(path: string): boolean {
  if (path.length === 0 || path.length > 500) return false;
  if (path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path)) return false;
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  const segments = path.replace(/\/$/, '').split('/');
  return segments.every((s) => s !== '' && s !== '.' && s !== '..');
}

export const PackagePath = z
  .string()
  .refine(
    isSafePackagePath,
    'a relative path inside the package, with forward slashes and no ".." (e.g. "media/intro.webm")',
  );

/** A file of the package. `mediaType` may be left out when the extension says it (.webm, .vtt, .pdf…). */
export const PackageFile = z.strictObject({
  path: PackagePath,
  mediaType: z
    .string()
    .min(3)
    .max(200)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type such as video/webm')
    .optional(),
});
export type PackageFile = z.infer<typeof PackageFile>;

const Code = z.string().trim().min(1).max(100);
const Title = z.string().trim().min(1).max(300);

const lessonBase = {
  title: Title,
  description: z.string().max(4000).optional(),
  required: z.boolean().default(true),
  durationMinutes: z.number().int().positive().max(10000).optional(),
  attribution: Attribution.optional(),
  /** Learning outcome codes of the course's curriculum framework. */
  outcomes: z.array(Code).max(100).default([]),
};

const PackageCaptions = z.strictObject({
  lang: LocaleTag,
  label: z.string().trim().min(1).max(100),
  file: PackageFile,
});

/** The cmi5 AU as core's Cmi5Au, unknown fields refused, its url checked by the cmi5 rules. */
export const PackageCmi5Au = z.strictObject({
  ...Cmi5Au.shape,
  url: Cmi5Au.shape.url.superRefine((url, ctx) => {
    const problem = checkAuUrl(url);
    if (problem) ctx.addIssue({ code: 'custom', message: `the AU url ${problem}` });
  }),
});

export const PackageLesson = z.discriminatedUnion('kind', [
  z.strictObject({
    ...lessonBase,
    kind: z.literal('video'),
    file: PackageFile,
    captions: z.array(PackageCaptions).max(50).default([]),
    renditions: z
      .array(z.strictObject({ height: z.number().int().positive(), file: PackageFile }))
      .max(10)
      .default([]),
    poster: PackageFile.optional(),
  }),
  z.strictObject({
    ...lessonBase,
    kind: z.literal('audio'),
    file: PackageFile,
    captions: z.array(PackageCaptions).max(50).default([]),
  }),
  z.strictObject({ ...lessonBase, kind: z.literal('pdf'), file: PackageFile }),
  z.strictObject({ ...lessonBase, kind: z.literal('epub'), file: PackageFile }),
  z.strictObject({ ...lessonBase, kind: z.literal('markdown'), body: z.string().max(200_000) }),
  z.strictObject({
    ...lessonBase,
    kind: z.literal('html5'),
    /** A zip file ("media/activity.zip") or a folder ending in "/" ("activities/counting/"). */
    package: PackagePath,
    entry: PackagePath.default('index.html'),
  }),
  // html5, scorm, h5p and cmi5 lessons name their package: a zip file ("media/quiz.h5p")
  // or a folder ending in "/" ("h5p/1-2-planets/"), as an export writes them.
  /** The SCORM package (imsmanifest.xml at its top); its table of contents is read from the manifest. */
  z.strictObject({ ...lessonBase, kind: z.literal('scorm'), package: PackagePath }),
  /** The unpacked .h5p (h5p.json, content/, library folders) or the .h5p file itself. */
  z.strictObject({ ...lessonBase, kind: z.literal('h5p'), package: PackagePath }),
  z.strictObject({
    ...lessonBase,
    kind: z.literal('cmi5'),
    au: PackageCmi5Au,
    /** The cmi5 package (cmi5.xml at its top) holding the AU; left out when the AU's url is absolute. */
    package: PackagePath.optional(),
  }),
  z.strictObject({
    ...lessonBase,
    kind: z.literal('quiz'),
    quiz: QuizSettings.default(QuizSettings.parse({})),
    questions: z.array(Question).min(1).max(500),
  }),
  z.strictObject({ ...lessonBase, kind: z.literal('link'), url: z.url({ protocol: /^https?$/ }).max(2000) }),
]);
export type PackageLesson = z.infer<typeof PackageLesson>;

export const PackageModule = z.strictObject({
  title: Title,
  lessons: z.array(PackageLesson).min(1).max(500),
});
export type PackageModule = z.infer<typeof PackageModule>;

export const PackageTags = z.strictObject({
  /** The framework's code; needed only when the tenant has several frameworks that share a code. */
  framework: Code.optional(),
  grades: z.array(Code).max(50).default([]),
  subjects: z.array(Code).max(50).default([]),
  outcomes: z.array(Code).max(500).default([]),
});
export type PackageTags = z.infer<typeof PackageTags>;

export const CoursePackage = z
  .strictObject({
    format: z.literal(PACKAGE_FORMAT, { error: `"format" must be "${PACKAGE_FORMAT}"` }),
    formatVersion: z.literal(PACKAGE_FORMAT_VERSIONS, {
      error: `this version of Satchel reads formatVersion ${PACKAGE_FORMAT_VERSIONS.join(' and ')}`,
    }),
    title: Title,
    description: z.string().max(10_000).default(''),
    language: LocaleTag,
    cover: PackageFile.optional(),
    /** A category of the tenant, by its name in any language. */
    category: z.string().trim().min(1).max(200).optional(),
    tags: PackageTags.default({ grades: [], subjects: [], outcomes: [] }),
    audiences: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    enrolmentPolicy: EnrolmentPolicy.default('open'),
    /**
     * Courses of one tenant with the same key are language variants of each other.
     * Any text ("handwashing"); a UUID is used as the group id itself.
     */
    variantGroup: z.string().trim().min(1).max(100).optional(),
    /** Courses of the tenant to finish first, each by exact title or by course id. */
    prerequisites: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
    modules: z.array(PackageModule).min(1).max(200),
  })
  .superRefine((course, ctx) => {
    if (course.formatVersion !== 1) return;
    course.modules.forEach((mod, m) =>
      mod.lessons.forEach((lesson, l) => {
        if ((FORMAT_2_KINDS as readonly string[]).includes(lesson.kind))
          ctx.addIssue({
            code: 'custom',
            path: ['modules', m, 'lessons', l, 'kind'],
            message: `${lesson.kind} lessons need "formatVersion": 2 (version 1 has no ${FORMAT_2_KINDS.join(', ')} lessons)`,
          });
      }),
    );
  });
export type CoursePackage = z.infer<typeof CoursePackage>;
export type CoursePackageInput = z.input<typeof CoursePackage>;
