import type { LibraryKind } from '@satchel/core';
import { SNIFF_BYTES, checkKind } from '../content/sniff.js';
import { checkWebVtt } from '../content/webvtt.js';
import { AppError } from '../http/errors.js';
import { COURSE_JSON, CoursePackage, type PackageFile, type PackageLesson } from './course-package.schema.js';
import {
  checkCmi5Lesson,
  isProblem,
  stageLessonPackage,
  type StagedLessonPackage,
} from './package-lesson-files.js';
import { checkQuestions } from './package-questions.js';
import type { PackageSource } from './package-source.js';

// Everything about a package that can be checked without the database: the
// schema, that every file it names exists, is what its lesson needs and fits the
// limits, and that lesson packages (html5, SCORM, H5P, cmi5) pass their own
// importers' rules (package-lesson-files.ts). All problems are
// reported at once, so an author fixes a package in one pass.

export interface PackageProblem {
  /** Where: a JSON path in course.json ("modules.0.lessons.2.file") or a file path. */
  at: string;
  message: string;
  /** For a lesson's SCORM, H5P or cmi5 package: its file at fault, as that kind's importer names it. */
  file?: string;
  /** …and the rule it breaks (the importer's rule: "missing_file", "missing_library", "move_on"…). */
  rule?: string;
}

export interface StagedFile {
  path: string;
  /** Recognised from the file's first bytes, not taken from the package's word. */
  mediaType: string;
  size: number;
}

export interface ValidatedPackage {
  course: CoursePackage;
  source: PackageSource;
  /** Each distinct file the course names, by package path. */
  files: Map<string, StagedFile>;
  /** The unpacked (and checked) package of each html5, scorm, h5p and cmi5 lesson, by its `package` path. */
  packages: Map<string, StagedLessonPackage>;
  totalBytes: number;
}

export interface PackageLimits {
  /** The tenant's largest upload; every file is checked against it. */
  maxFileBytes: number;
  /** The most files one lesson package (html5, scorm, h5p, cmi5) may hold. */
  maxHtml5Files: number;
}

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = { maxFileBytes: 2 * 1024 ** 3, maxHtml5Files: 5000 };

export function packageInvalid(problems: PackageProblem[], label: string): AppError {
  const first = problems[0];
  const summary =
    problems.length === 1 && first ? `${first.at}: ${first.message}` : `${problems.length} problems`;
  return new AppError(400, 'package_invalid', `The course package ${label} is not valid (${summary})`, {
    problems,
  });
}

/** Reads course.json and checks it against the schema; throws `package_invalid` with every schema problem. */
export async function readCourseJson(source: PackageSource): Promise<CoursePackage> {
  if ((await source.size(COURSE_JSON)) === null) {
    throw packageInvalid(
      [{ at: COURSE_JSON, message: 'missing: a course package has course.json at its top level' }],
      source.label,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse((await source.read(COURSE_JSON)).toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw packageInvalid(
      [{ at: COURSE_JSON, message: `not valid JSON (${err instanceof Error ? err.message : String(err)})` }],
      source.label,
    );
  }
  const parsed = CoursePackage.safeParse(raw);
  if (!parsed.success) {
    throw packageInvalid(
      parsed.error.issues.map((i) => ({
        at: i.path.length > 0 ? i.path.join('.') : COURSE_JSON,
        message: i.message,
      })),
      source.label,
    );
  }
  return parsed.data;
}

type Role = LibraryKind | 'cover';

interface FileUse {
  at: string;
  file: PackageFile;
  role: Role;
}

function fileUses(course: CoursePackage): FileUse[] {
  const uses: FileUse[] = [];
  if (course.cover) uses.push({ at: 'cover', file: course.cover, role: 'cover' });
  course.modules.forEach((mod, m) => {
    mod.lessons.forEach((lesson, l) => {
      const at = `modules.${m}.lessons.${l}`;
      switch (lesson.kind) {
        case 'video':
          uses.push({ at: `${at}.file`, file: lesson.file, role: 'video' });
          if (lesson.poster) uses.push({ at: `${at}.poster`, file: lesson.poster, role: 'cover' });
          lesson.renditions.forEach((r, i) =>
            uses.push({ at: `${at}.renditions.${i}.file`, file: r.file, role: 'video' }),
          );
          lesson.captions.forEach((c, i) =>
            uses.push({ at: `${at}.captions.${i}.file`, file: c.file, role: 'captions' }),
          );
          break;
        case 'audio':
          uses.push({ at: `${at}.file`, file: lesson.file, role: 'audio' });
          lesson.captions.forEach((c, i) =>
            uses.push({ at: `${at}.captions.${i}.file`, file: c.file, role: 'captions' }),
          );
          break;
        case 'pdf':
          uses.push({ at: `${at}.file`, file: lesson.file, role: 'pdf' });
          break;
        case 'epub':
          uses.push({ at: `${at}.file`, file: lesson.file, role: 'epub' });
          break;
        case 'html5':
        case 'scorm':
        case 'h5p':
        case 'cmi5':
        case 'markdown':
        case 'quiz':
        case 'link':
          break;
      }
    });
  });
  return uses;
}

async function checkFile(
  source: PackageSource,
  use: FileUse,
  limits: PackageLimits,
): Promise<StagedFile | PackageProblem> {
  const { path } = use.file;
  const size = await source.size(path);
  if (size === null) return { at: use.at, message: `"${path}" is not in the package` };
  if (size > limits.maxFileBytes)
    return {
      at: use.at,
      message: `"${path}" is ${size} bytes; this platform accepts files up to ${limits.maxFileBytes} bytes`,
    };
  const head = new Uint8Array(await source.head(path, SNIFF_BYTES));
  // A cover or poster is shown with <img>: only the passive raster formats, never SVG.
  const check = checkKind(use.role === 'cover' ? 'image' : use.role, head);
  if (!check.ok) return { at: use.at, message: `"${path}": ${check.reason}` };
  if (use.role === 'captions') {
    const vtt = checkWebVtt((await source.read(path)).toString('utf8'));
    if (!vtt.ok) return { at: use.at, message: `"${path}" line ${vtt.line}: ${vtt.reason}` };
  }
  return { path, mediaType: check.mediaType, size };
}

/**
 * Unpacks and checks a lesson's package once (lessons may share one: a cmi5 course's
 * AUs, an html5 activity opened at two pages), then what each lesson asks of it.
 */
async function checkLessonPackage(
  source: PackageSource,
  at: string,
  lesson: PackageLesson,
  packages: Map<string, StagedLessonPackage>,
  refused: Set<string>,
  limits: PackageLimits,
): Promise<PackageProblem[]> {
  if (lesson.kind !== 'html5' && lesson.kind !== 'scorm' && lesson.kind !== 'h5p' && lesson.kind !== 'cmi5')
    return [];
  const path = lesson.package;
  // Reported once, at the first lesson that uses it.
  if (path !== undefined && refused.has(path)) return [];
  const entry = lesson.kind === 'html5' ? lesson.entry : '';
  let staged = path === undefined ? undefined : packages.get(path);
  if (path !== undefined && staged && staged.kind !== lesson.kind)
    return [
      {
        at: `${at}.package`,
        message: `lessons of kinds "${staged.kind}" and "${lesson.kind}" cannot share the package "${path}"`,
      },
    ];
  if (path !== undefined && !staged) {
    const result = await stageLessonPackage(source, at, lesson.kind, path, entry, limits);
    if (Array.isArray(result)) {
      refused.add(path);
      return result;
    }
    packages.set(path, result);
    staged = result;
  } else if (lesson.kind === 'html5' && staged && !staged.files.some((f) => f.path === entry)) {
    // The same package opened at another page by a second lesson.
    return [{ at: `${at}.entry`, message: `"${path}" has no "${entry}"` }];
  }
  return lesson.kind === 'cmi5' ? checkCmi5Lesson(at, lesson.au, path, staged) : [];
}

/** Checks a whole package; throws `package_invalid` listing every problem, or returns what to store. */
export async function validatePackage(
  source: PackageSource,
  limits: PackageLimits = DEFAULT_PACKAGE_LIMITS,
): Promise<ValidatedPackage> {
  const course = await readCourseJson(source);
  const problems: PackageProblem[] = checkQuestions(course);
  const files = new Map<string, StagedFile>();
  for (const use of fileUses(course)) {
    const result = await checkFile(source, use, limits);
    if (isProblem(result)) problems.push(result);
    else {
      const seen = files.get(result.path);
      if (seen && seen.mediaType !== result.mediaType)
        problems.push({
          at: use.at,
          message: `"${result.path}" is used both as ${seen.mediaType} and ${result.mediaType}`,
        });
      else files.set(result.path, result);
    }
  }
  const packages = new Map<string, StagedLessonPackage>();
  const refused = new Set<string>();
  for (const [m, mod] of course.modules.entries()) {
    for (const [l, lesson] of mod.lessons.entries()) {
      const at = `modules.${m}.lessons.${l}`;
      problems.push(...(await checkLessonPackage(source, at, lesson, packages, refused, limits)));
    }
  }
  if (problems.length > 0) throw packageInvalid(problems, source.label);
  const totalBytes =
    [...files.values()].reduce((sum, f) => sum + f.size, 0) +
    [...packages.values()].reduce((sum, h) => sum + h.files.reduce((s, f) => s + f.size, 0), 0);
  return { course, source, files, packages, totalBytes };
}
