import type { Cmi5Au, Cmi5CourseStructure, ScormPackageInfo } from '@satchel/core';
import {
  aus,
  checkCmi5Xml,
  isAbsolute,
  MAX_CMI5_XML_BYTES,
  packagePath as auFile,
} from '../cmi5/cmi5-import.js';
import { mediaTypeForPath } from '../content/media-types.js';
import { UnsafeZipError } from '../content/zip-safety.js';
import { bufferSource } from '../content/zip-source.js';
import { checkH5pPackage, H5pPackageError, jsonReader, MAX_H5P_JSON_BYTES } from '../h5p/h5p-package.js';
import { ScormPackageError } from '../scorm/scorm-manifest.js';
import { checkPlannedManifest, planScormPackage } from '../scorm/scorm-package.js';
import type { PackageLimits, PackageProblem } from './package-validate.js';
import { openPackageZip } from './package-zip.js';

// The packages lessons carry inside a course package (html5 activities, SCORM
// packages, H5P content, cmi5 courses): a zip file or a folder, unpacked and checked
// by the same rules as the lesson kind's own importer (scorm/, h5p/, cmi5/), so a
// course package can bring in nothing those importers would refuse. A refusal names
// where in course.json, which file of the lesson's package, and which rule.

export type LessonPackageKind = 'html5' | 'scorm' | 'h5p' | 'cmi5';

export interface PackageEntry {
  /** The file's path inside the lesson's package. */
  path: string;
  mediaType: string;
  size: number;
  read(): Promise<Uint8Array>;
}

export interface StagedLessonPackage {
  kind: LessonPackageKind;
  files: PackageEntry[];
  /** scorm: the edition and table of contents, read from imsmanifest.xml as the SCORM importer reads it. */
  scorm?: ScormPackageInfo;
  /** cmi5: the checked cmi5.xml, where each lesson's AU must be. */
  cmi5?: Cmi5CourseStructure;
}

/** What a source of package files offers (package-source.ts). */
interface Files {
  size(path: string): Promise<number | null>;
  read(path: string): Promise<Buffer>;
  list(folder: string): Promise<string[]>;
}

/** Archivers' litter, left out as the SCORM, H5P and cmi5 importers leave it out. */
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/;

export const isProblem = (v: object): v is PackageProblem => 'message' in v;

/** A refusal by the lesson kind's own rules: the file of its package and the rule, as its importer names them. */
function refusal(
  at: string,
  packagePath: string,
  file: string,
  rule: string,
  message: string,
): PackageProblem {
  const where = packagePath.endsWith('/') ? `${packagePath}${file}` : `${packagePath} › ${file}`;
  return { at, file, rule, message: `${where}: ${message}` };
}

/** Every file of a package folder or zip file, by its path inside the package. */
async function listFiles(
  source: Files,
  at: string,
  packagePath: string,
  limits: PackageLimits,
): Promise<PackageEntry[] | PackageProblem> {
  if (packagePath.endsWith('/')) {
    const paths = await source.list(packagePath);
    return Promise.all(
      paths.map(async (full) => ({
        path: full.slice(packagePath.length),
        mediaType: mediaTypeForPath(full),
        size: (await source.size(full)) ?? 0,
        read: async () => new Uint8Array(await source.read(full)),
      })),
    );
  }
  const size = await source.size(packagePath);
  if (size === null) return { at, message: `"${packagePath}" is not in the package` };
  if (size > limits.maxFileBytes)
    return { at, message: `"${packagePath}" is larger than this platform accepts` };
  let zip;
  try {
    zip = await openPackageZip(bufferSource(new Uint8Array(await source.read(packagePath))));
  } catch (err) {
    if (err instanceof UnsafeZipError) return { at, message: `"${packagePath}": ${err.message}` };
    throw err;
  }
  return [...zip.entries].map(([name, entrySize]) => ({
    path: name,
    mediaType: mediaTypeForPath(name),
    size: entrySize,
    read: () => zip.read(name),
  }));
}

/** The single top-level folder of an html5 zip that holds `entry`, for zips made by compressing the folder. */
function html5Prefix(names: readonly string[], entry: string): string {
  if (names.includes(entry)) return '';
  const tops = new Set(names.map((n) => n.split('/')[0]));
  const only = tops.size === 1 ? [...tops][0] : undefined;
  return only && names.includes(`${only}/${entry}`) ? `${only}/` : '';
}

async function scormPackage(at: string, packagePath: string, listed: PackageEntry[]) {
  try {
    const plan = planScormPackage(listed.map((f) => ({ ...f, isDirectory: false })));
    const scorm = await checkPlannedManifest(plan, (manifest) => manifest.read());
    const files = plan.files.map(({ path, zip }) => ({
      path,
      mediaType: zip.mediaType,
      size: zip.size,
      read: () => zip.read(),
    }));
    return { kind: 'scorm' as const, files, scorm };
  } catch (err) {
    if (err instanceof ScormPackageError) return refusal(at, packagePath, err.file, err.rule, err.message);
    throw err;
  }
}

async function h5pPackage(at: string, packagePath: string, files: PackageEntry[]) {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const readJson = jsonReader(async (path) => {
    const file = byPath.get(path);
    if (!file) return null;
    if (file.size > MAX_H5P_JSON_BYTES)
      throw new H5pPackageError(path, 'invalid_json', `is larger than ${MAX_H5P_JSON_BYTES} bytes`);
    return file.read();
  });
  try {
    await checkH5pPackage(new Set(byPath.keys()), readJson);
    return { kind: 'h5p' as const, files };
  } catch (err) {
    if (err instanceof H5pPackageError) return refusal(at, packagePath, err.file, err.rule, err.message);
    throw err;
  }
}

async function cmi5Package(at: string, packagePath: string, files: PackageEntry[]) {
  const xml = files.find((f) => f.path === 'cmi5.xml');
  if (!xml)
    return [refusal(at, packagePath, 'cmi5.xml', 'missing', 'a cmi5 package has cmi5.xml at its root')];
  if (xml.size > MAX_CMI5_XML_BYTES)
    return [refusal(at, packagePath, 'cmi5.xml', 'root', `is larger than ${MAX_CMI5_XML_BYTES} bytes`)];
  const checked = checkCmi5Xml(Buffer.from(await xml.read()).toString('utf8'));
  if (!checked.ok)
    return checked.problems
      .slice(0, 50)
      .map((p) => refusal(at, packagePath, 'cmi5.xml', p.rule, `${p.path}: ${p.message}`));
  return { kind: 'cmi5' as const, files, cmi5: checked.structure };
}

/**
 * Unpacks and checks the package of a lesson of `kind` at `packagePath`. `at` is the
 * lesson's place in course.json; `entry` is the page an html5 lesson opens.
 */
export async function stageLessonPackage(
  source: Files,
  at: string,
  kind: LessonPackageKind,
  packagePath: string,
  entry: string,
  limits: PackageLimits,
): Promise<StagedLessonPackage | PackageProblem[]> {
  const where = `${at}.package`;
  const listed = await listFiles(source, where, packagePath, limits);
  if (isProblem(listed)) return [listed];
  let files = listed.filter((f) => kind === 'html5' || !JUNK.test(f.path));
  if (kind === 'html5' && !packagePath.endsWith('/')) {
    const prefix = html5Prefix(
      files.map((f) => f.path),
      entry,
    );
    files = files
      .filter((f) => f.path.startsWith(prefix))
      .map((f) => ({ ...f, path: f.path.slice(prefix.length) }));
  }
  if (files.length === 0) return [{ at: where, message: `"${packagePath}" holds no files` }];
  if (files.length > limits.maxHtml5Files)
    return [{ at: where, message: `"${packagePath}" holds more than ${limits.maxHtml5Files} files` }];
  if (kind === 'html5' && !files.some((f) => f.path === entry))
    return [{ at: `${at}.entry`, message: `"${packagePath}" has no "${entry}" (the page the lesson opens)` }];
  const large = files.find((f) => f.size > limits.maxFileBytes);
  if (large)
    return [
      { at: where, message: `"${large.path}" in "${packagePath}" is larger than this platform accepts` },
    ];
  switch (kind) {
    case 'html5':
      return { kind, files };
    case 'scorm': {
      const staged = await scormPackage(where, packagePath, files);
      return isProblem(staged) ? [staged] : staged;
    }
    case 'h5p': {
      const staged = await h5pPackage(where, packagePath, files);
      return isProblem(staged) ? [staged] : staged;
    }
    case 'cmi5':
      return cmi5Package(where, packagePath, files);
  }
}

/**
 * A cmi5 lesson's AU against its package, as the cmi5 importer checks AUs: it is an AU
 * of the package's cmi5.xml, and a relative url names a file of the package. Without a
 * package the AU must live at an absolute URL.
 */
export function checkCmi5Lesson(
  at: string,
  au: Cmi5Au,
  packagePath: string | undefined,
  staged: StagedLessonPackage | undefined,
): PackageProblem[] {
  if (packagePath === undefined) {
    return isAbsolute(au.url)
      ? []
      : [
          {
            at: `${at}.au.url`,
            rule: 'url',
            message: `"${au.url}" is relative, but the lesson names no "package" to hold it`,
          },
        ];
  }
  if (!staged?.cmi5) return [];
  const problems: PackageProblem[] = [];
  const declared = aus(staged.cmi5.children).find((a) => a.id === au.publisherId);
  if (!declared)
    problems.push(
      refusal(`${at}.au.publisherId`, packagePath, 'cmi5.xml', 'missing', `has no AU "${au.publisherId}"`),
    );
  if (au.coursePublisherId !== staged.cmi5.course.id)
    problems.push(
      refusal(
        `${at}.au.coursePublisherId`,
        packagePath,
        'cmi5.xml',
        'course',
        `is the course "${staged.cmi5.course.id}", not "${au.coursePublisherId}"`,
      ),
    );
  if (!isAbsolute(au.url)) {
    let file: string;
    try {
      file = auFile(au.url);
    } catch {
      file = au.url;
    }
    if (!staged.files.some((f) => f.path === file))
      problems.push({
        at: `${at}.au.url`,
        file,
        rule: 'url',
        message: `"${au.url}" names a file that is not in "${packagePath}"`,
      });
  }
  return problems;
}
