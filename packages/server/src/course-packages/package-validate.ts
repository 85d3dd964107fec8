import type { LibraryKind } from '@satchel/core';
import { mediaTypeForPath } from '../content/media-types.js';
import { SNIFF_BYTES, checkKind } from '../content/sniff.js';
import { checkWebVtt } from '../content/webvtt.js';
import { AppError } from '../http/errors.js';
import { COURSE_JSON, CoursePackage, type PackageFile } from './course-package.schema.js';
import { checkQuestions } from './package-questions.js';
import type { PackageSource } from './package-source.js';
import { bufferSource } from '../content/zip-source.js';
import { UnsafeZipError } from '../content/zip-safety.js';
import { openPackageZip } from './package-zip.js';

// Everything about a package that can be checked without the database: the
// schema, that every file it names exists, is what its lesson needs and fits the
// limits, and that html5 packages hold their entry page. All problems are
// reported at once, so an author fixes a package in one pass.

export interface PackageProblem {
  /** Where: a JSON path in course.json ("modules.0.lessons.2.file") or a file path. */
  at: string;
  message: string;
}

export interface StagedFile {
  path: string;
  /** Recognised from the file's first bytes, not taken from the package's word. */
  mediaType: string;
  size: number;
}

export interface StagedHtml5 {
  files: { path: string; mediaType: string; size: number; read(): Promise<Uint8Array> }[];
}

export interface ValidatedPackage {
  course: CoursePackage;
  source: PackageSource;
  /** Each distinct file the course names, by package path. */
  files: Map<string, StagedFile>;
  /** The unpacked files of each html5 lesson, by the lesson's `package` path. */
  html5: Map<string, StagedHtml5>;
  totalBytes: number;
}

export interface PackageLimits {
  /** The tenant's largest upload; every file is checked against it. */
  maxFileBytes: number;
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

/** The single top-level folder of a package zip that holds `entry`, for zips made by compressing the folder. */
function html5Prefix(names: readonly string[], entry: string): string {
  if (names.includes(entry)) return '';
  const tops = new Set(names.map((n) => n.split('/')[0]));
  const only = tops.size === 1 ? [...tops][0] : undefined;
  return only && names.includes(`${only}/${entry}`) ? `${only}/` : '';
}

async function stageHtml5(
  source: PackageSource,
  at: string,
  packagePath: string,
  entry: string,
  limits: PackageLimits,
): Promise<StagedHtml5 | PackageProblem> {
  let files: StagedHtml5['files'];
  if (packagePath.endsWith('/')) {
    const paths = await source.list(packagePath);
    files = await Promise.all(
      paths.map(async (full) => {
        const size = (await source.size(full)) ?? 0;
        return {
          path: full.slice(packagePath.length),
          mediaType: mediaTypeForPath(full),
          size,
          read: async () => new Uint8Array(await source.read(full)),
        };
      }),
    );
  } else {
    const size = await source.size(packagePath);
    if (size === null) return { at: `${at}.package`, message: `"${packagePath}" is not in the package` };
    if (size > limits.maxFileBytes)
      return { at: `${at}.package`, message: `"${packagePath}" is larger than this platform accepts` };
    let zip;
    try {
      zip = await openPackageZip(bufferSource(new Uint8Array(await source.read(packagePath))));
    } catch (err) {
      if (err instanceof UnsafeZipError)
        return { at: `${at}.package`, message: `"${packagePath}": ${err.message}` };
      throw err;
    }
    const prefix = html5Prefix([...zip.entries.keys()], entry);
    files = [...zip.entries]
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, size]) => ({
        path: name.slice(prefix.length),
        mediaType: mediaTypeForPath(name),
        size,
        read: () => zip.read(name),
      }));
  }
  if (files.length === 0) return { at: `${at}.package`, message: `"${packagePath}" holds no files` };
  if (files.length > limits.maxHtml5Files)
    return { at: `${at}.package`, message: `"${packagePath}" holds more than ${limits.maxHtml5Files} files` };
  if (!files.some((f) => f.path === entry))
    return { at: `${at}.entry`, message: `"${packagePath}" has no "${entry}" (the page the lesson opens)` };
  const large = files.find((f) => f.size > limits.maxFileBytes);
  if (large)
    return {
      at: `${at}.package`,
      message: `"${large.path}" in "${packagePath}" is larger than this platform accepts`,
    };
  return { files };
}

const isProblem = (v: object): v is PackageProblem => 'message' in v;

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
  const html5 = new Map<string, StagedHtml5>();
  for (const [m, mod] of course.modules.entries()) {
    for (const [l, lesson] of mod.lessons.entries()) {
      if (lesson.kind !== 'html5') continue;
      const at = `modules.${m}.lessons.${l}`;
      const seen = html5.get(lesson.package);
      if (seen) {
        // The same package opened at another page by a second lesson.
        if (!seen.files.some((f) => f.path === lesson.entry))
          problems.push({ at: `${at}.entry`, message: `"${lesson.package}" has no "${lesson.entry}"` });
        continue;
      }
      const staged = await stageHtml5(source, at, lesson.package, lesson.entry, limits);
      if (isProblem(staged)) problems.push(staged);
      else html5.set(lesson.package, staged);
    }
  }
  if (problems.length > 0) throw packageInvalid(problems, source.label);
  const totalBytes =
    [...files.values()].reduce((sum, f) => sum + f.size, 0) +
    [...html5.values()].reduce((sum, h) => sum + h.files.reduce((s, f) => s + f.size, 0), 0);
  return { course, source, files, html5, totalBytes };
}
