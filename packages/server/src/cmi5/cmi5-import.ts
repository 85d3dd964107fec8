import {
  checkCourseStructure,
  pickLangString,
  type BlobRef,
  type Cmi5AuStructure,
  type Cmi5BlockStructure,
  type Cmi5Check,
  type Cmi5CourseStructure,
  type Cmi5Problem,
  type DraftContentInput,
  type DraftLessonInput,
} from '@satchel/core';
import type { BlobStore } from '../content/blob-store.js';
import { importPackageFiles } from '../content/html5-package.js';
import { DEFAULT_ZIP_LIMITS, listZipEntries, readEntry, type ZipLimits } from '../content/zip-safety.js';
import type { ZipSource } from '../content/zip-source.js';
import { invalid, type AppError } from '../http/errors.js';
import { Cmi5XmlError, parseCmi5Xml } from './cmi5-xml.js';

// A cmi5 course (cmi5 §14): a zip with cmi5.xml at its root and the AUs' files, or a bare
// cmi5.xml whose AUs all live at absolute URLs. Checked whole before anything is kept;
// it becomes a course draft with one cmi5 lesson per AU: top-level blocks become
// modules, deeper blocks prefix their titles to the lessons' titles.

export const MAX_CMI5_XML_BYTES = 5 * 1024 * 1024;
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/;

export function cmi5Refusal(problems: readonly Cmi5Problem[]): AppError {
  const first = problems[0];
  return invalid(
    'invalid_cmi5',
    first ? `cmi5.xml ${first.path}: ${first.message}` : 'cmi5.xml is not valid',
    {
      file: 'cmi5.xml',
      path: first?.path ?? null,
      rule: first?.rule ?? null,
      problems: problems.slice(0, 50),
    },
  );
}

/** cmi5.xml parsed and checked by the cmi5 rules: its structure, or every problem found. */
export function checkCmi5Xml(xml: string): Cmi5Check {
  let root;
  try {
    root = parseCmi5Xml(xml);
  } catch (err) {
    if (err instanceof Cmi5XmlError)
      return {
        ok: false,
        problems: [{ path: err.line ? `line ${err.line}` : 'cmi5.xml', rule: 'root', message: err.message }],
      };
    throw err;
  }
  return checkCourseStructure(root);
}

function structureOf(xml: string): Cmi5CourseStructure {
  const checked = checkCmi5Xml(xml);
  if (!checked.ok) throw cmi5Refusal(checked.problems);
  return checked.structure;
}

/** Every AU of a structure, in document order. */
export function aus(items: Cmi5CourseStructure['children']): Cmi5AuStructure[] {
  return items.flatMap((i) => (i.type === 'au' ? [i] : aus(i.children)));
}

export const isAbsolute = (url: string): boolean => /^https?:\/\//i.test(url);
/** The package file an AU url names (its query and fragment left off). */
export const packagePath = (url: string): string => decodeURI(url.split(/[?#]/)[0] ?? '');

/** The course draft for a checked structure. */
export function draftOf(structure: Cmi5CourseStructure, files: Record<string, BlobRef>): DraftContentInput {
  const first = structure.course.title.find((t) => t.lang !== '')?.lang ?? 'en';
  const language = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(first.toLowerCase().split('-')[0] ?? '')
    ? first.split('-')[0]!.toLowerCase()
    : 'en';
  const text = (values: Parameters<typeof pickLangString>[0]) => pickLangString(values, first).trim();
  const title = (text(structure.course.title) || 'cmi5 course').slice(0, 300);
  const lesson = (au: Cmi5AuStructure, blockIds: string[], prefix: string): DraftLessonInput => {
    const description = text(au.description).slice(0, 4000);
    return {
      kind: 'cmi5',
      title: `${prefix}${text(au.title) || au.id}`.slice(0, 300),
      ...(description ? { description } : {}),
      required: au.moveOn !== 'NotApplicable',
      outcomeIds: [],
      au: {
        publisherId: au.id,
        coursePublisherId: structure.course.id,
        blockIds,
        url: au.url,
        launchMethod: au.launchMethod,
        moveOn: au.moveOn,
        ...(au.masteryScore !== undefined ? { masteryScore: au.masteryScore } : {}),
        ...(au.launchParameters ? { launchParameters: au.launchParameters } : {}),
        ...(au.entitlementKey ? { entitlementKey: au.entitlementKey } : {}),
        ...(au.activityType ? { activityType: au.activityType } : {}),
      },
      files: isAbsolute(au.url) ? {} : files,
    };
  };
  const flatten = (block: Cmi5BlockStructure, ids: string[], prefix: string): DraftLessonInput[] =>
    block.children.flatMap((c) =>
      c.type === 'au' ? [lesson(c, ids, prefix)] : flatten(c, [...ids, c.id], `${prefix}${text(c.title)}: `),
    );
  const modules: NonNullable<DraftContentInput['modules']> = [];
  let loose: DraftLessonInput[] = [];
  const flushLoose = () => {
    if (loose.length > 0) modules.push({ title, lessons: loose });
    loose = [];
  };
  for (const item of structure.children) {
    if (item.type === 'au') loose.push(lesson(item, [], ''));
    else {
      flushLoose();
      modules.push({
        title: (text(item.title) || title).slice(0, 300),
        lessons: flatten(item, [item.id], ''),
      });
    }
  }
  flushLoose();
  return { title, description: text(structure.course.description).slice(0, 10_000), language, modules };
}

/** A bare cmi5.xml: every AU must be at an absolute URL, there being no package. */
export function importCmi5Xml(xml: string): DraftContentInput {
  const structure = structureOf(xml);
  const relative = aus(structure.children).filter((au) => !isAbsolute(au.url));
  if (relative.length > 0) {
    throw cmi5Refusal(
      relative.map((au) => ({
        path: `au ${au.id}/url`,
        rule: 'url' as const,
        message: `"${au.url}" is relative, but a bare cmi5.xml has no package to hold it`,
      })),
    );
  }
  return draftOf(structure, {});
}

/** A cmi5 zip: cmi5.xml at the root, every relative AU url naming a file of the zip. */
export async function importCmi5Zip(
  blobs: BlobStore,
  tenantId: string,
  source: ZipSource,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<DraftContentInput> {
  const entries = (await listZipEntries(source, limits)).filter((e) => !e.isDirectory && !JUNK.test(e.path));
  const manifest = entries.find((e) => e.path === 'cmi5.xml');
  if (!manifest)
    throw cmi5Refusal([
      { path: 'cmi5.xml', rule: 'missing', message: 'a cmi5 package has cmi5.xml at its root' },
    ]);
  const xml = Buffer.from(await readEntry(source, manifest, MAX_CMI5_XML_BYTES)).toString('utf8');
  const structure = structureOf(xml);
  const paths = new Set(entries.map((e) => e.path));
  const missing = aus(structure.children).filter(
    (au) => !isAbsolute(au.url) && !paths.has(packagePath(au.url)),
  );
  if (missing.length > 0) {
    throw cmi5Refusal(
      missing.map((au) => ({
        path: `au ${au.id}/url`,
        rule: 'url' as const,
        message: `"${au.url}" names a file that is not in the package`,
      })),
    );
  }
  const files = await importPackageFiles(
    blobs,
    tenantId,
    source,
    entries.map((zip) => ({ path: zip.path, zip })),
    limits,
  );
  return draftOf(structure, files);
}
