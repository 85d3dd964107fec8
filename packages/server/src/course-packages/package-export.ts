import { access } from 'node:fs/promises';
import { pickLanguage, type BlobRef, type CourseManifest, type Lesson } from '@satchel/core';
import type { BlobStore } from '../content/blob-store.js';
import type { CourseService } from '../courses/courses.service.js';
import type { CategoryService } from '../curriculum/categories.service.js';
import type { CurriculumService } from '../curriculum/curriculum.service.js';
import { AppError, notFound } from '../http/errors.js';
import {
  COURSE_JSON,
  FORMAT_2_KINDS,
  isSafePackagePath,
  PACKAGE_FORMAT,
  type CoursePackageInput,
  type PackageFile,
} from './course-package.schema.js';
import { writeZip, type ZipItem } from './package-zip-writer.js';

// Exports a published course version as a course package zip: the same format
// `satchel course import` reads, so export → import gives the same course
// (with new ids) on any Satchel platform that has the same curriculum codes and
// category names.

export interface ExportServices {
  courses: Pick<CourseService, 'versions' | 'versionManifest' | 'summary' | 'titles'>;
  curriculum: Pick<CurriculumService, 'itemsByIds' | 'listFrameworks'>;
  categories: Pick<CategoryService, 'list'>;
  blobs: Pick<BlobStore, 'filePath'>;
}

export interface ExportResult {
  path: string;
  courseId: string;
  versionId: string;
  version: number;
  files: number;
  bytes: number;
}

const EXTENSIONS: Record<string, string> = {
  'video/webm': 'webm',
  'video/mp4': 'mp4',
  'video/ogg': 'ogv',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/wav': 'wav',
  'audio/webm': 'weba',
  'text/vtt': 'vtt',
  'application/pdf': 'pdf',
  'application/epub+zip': 'epub',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/** Media are already compressed; deflating them again costs time and saves nothing. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|xhtml\+xml|javascript)|image\/svg\+xml)/;

/** ASCII words of a title for a file name; titles in other scripts give "" and the position alone names the file. */
function slug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');
}

/** Gives each distinct blob one path in the package; a blob used twice is written once. */
class PathPlan {
  readonly bySha = new Map<string, { path: string; ref: BlobRef }>();
  private readonly taken = new Set<string>();

  file(ref: BlobRef, base: string, suffix = ''): PackageFile {
    const known = this.bySha.get(ref.sha256);
    if (known) return { path: known.path, mediaType: ref.mediaType };
    const ext = EXTENSIONS[ref.mediaType] ?? 'bin';
    let path = `media/${base}${suffix}.${ext}`;
    for (let n = 2; this.taken.has(path); n++) path = `media/${base}${suffix}-${n}.${ext}`;
    this.taken.add(path);
    this.bySha.set(ref.sha256, { path, ref });
    return { path, mediaType: ref.mediaType };
  }
}

/**
 * Gives each distinct lesson package (html5, scorm, h5p, cmi5) one folder,
 * `<kind>/<lesson>/`; lessons with the same files share it, as the AUs of one cmi5
 * course do, so it is written once.
 */
class FolderPlan {
  readonly items: ZipItem[] = [];
  private readonly byContent = new Map<string, string>();

  constructor(private readonly blobPath: (sha: string) => string) {}

  folder(kind: string, base: string, title: string, files: Record<string, BlobRef>): string {
    const entries = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = `${kind}\n${entries.map(([path, ref]) => `${path}\t${ref.sha256}`).join('\n')}`;
    const known = this.byContent.get(key);
    if (known) return known;
    const folder = `${kind}/${base}/`;
    for (const [inner, ref] of entries) {
      if (!isSafePackagePath(inner))
        throw new AppError(
          500,
          'export_failed',
          `The ${kind} lesson "${title}" holds an unsafe path "${inner}"`,
        );
      this.items.push({
        path: folder + inner,
        file: this.blobPath(ref.sha256),
        compress: COMPRESSIBLE.test(ref.mediaType),
      });
    }
    this.byContent.set(key, folder);
    return folder;
  }
}

interface Lookups {
  codes: Map<string, string>;
  frameworkCode: string | undefined;
  categoryName: string | undefined;
  prerequisiteTitles: string[];
}

async function lookups(
  services: ExportServices,
  tenantId: string,
  manifest: CourseManifest,
): Promise<Lookups> {
  const lessonOutcomes = manifest.modules.flatMap((m) => m.lessons.flatMap((l) => l.outcomeIds));
  const ids = [
    ...manifest.tags.gradeIds,
    ...manifest.tags.subjectIds,
    ...manifest.tags.outcomeIds,
    ...lessonOutcomes,
  ];
  const items = await services.curriculum.itemsByIds(tenantId, ids);
  const frameworks = new Set(items.map((i) => i.frameworkId));
  const frameworkCode =
    frameworks.size === 1
      ? (await services.curriculum.listFrameworks(tenantId)).find((f) => frameworks.has(f.id))?.code
      : undefined;
  const category = manifest.categoryId
    ? (await services.categories.list(tenantId)).find((c) => c.id === manifest.categoryId)
    : undefined;
  const titles = await services.courses.titles(tenantId, manifest.prerequisiteCourseIds);
  return {
    codes: new Map(items.map((i) => [i.id, i.code])),
    frameworkCode,
    categoryName: category ? pickLanguage(category.name, manifest.language) : undefined,
    prerequisiteTitles: manifest.prerequisiteCourseIds.map((id) => titles.get(id) ?? id),
  };
}

function lessonOf(
  lesson: Lesson,
  base: string,
  plan: PathPlan,
  codes: Map<string, string>,
  folders: FolderPlan,
) {
  const common = {
    title: lesson.title,
    ...(lesson.description !== undefined ? { description: lesson.description } : {}),
    required: lesson.required,
    ...(lesson.durationMinutes !== undefined ? { durationMinutes: lesson.durationMinutes } : {}),
    ...(lesson.attribution ? { attribution: lesson.attribution } : {}),
    outcomes: lesson.outcomeIds.flatMap((id) => (codes.has(id) ? [codes.get(id)!] : [])),
  };
  const captions = (list: { lang: string; label: string; file: BlobRef }[]) =>
    list.map((c) => ({ lang: c.lang, label: c.label, file: plan.file(c.file, base, `.${c.lang}`) }));
  switch (lesson.kind) {
    case 'video':
      return {
        kind: 'video' as const,
        ...common,
        file: plan.file(lesson.file, base),
        captions: captions(lesson.captions),
        renditions: lesson.renditions.map((r) => ({
          height: r.height,
          file: plan.file(r.file, base, `.${r.height}p`),
        })),
        ...(lesson.poster ? { poster: plan.file(lesson.poster, base, '.poster') } : {}),
      };
    case 'audio':
      return {
        kind: 'audio' as const,
        ...common,
        file: plan.file(lesson.file, base),
        captions: captions(lesson.captions),
      };
    case 'pdf':
    case 'epub':
      return { kind: lesson.kind, ...common, file: plan.file(lesson.file, base) };
    case 'markdown':
      return { kind: 'markdown' as const, ...common, body: lesson.body };
    case 'html5': {
      const folder = folders.folder('html5', base, lesson.title, lesson.files);
      return { kind: 'html5' as const, ...common, package: folder, entry: lesson.entry };
    }
    case 'quiz':
      return { kind: 'quiz' as const, ...common, quiz: lesson.quiz, questions: lesson.questions };
    case 'link':
      return { kind: 'link' as const, ...common, url: lesson.url };
    case 'scorm':
    case 'h5p':
      // The manifest (imsmanifest.xml, h5p.json) travels in the folder; an import reads it again.
      return {
        kind: lesson.kind,
        ...common,
        package: folders.folder(lesson.kind, base, lesson.title, lesson.files),
      };
    case 'cmi5':
      return {
        kind: 'cmi5' as const,
        ...common,
        au: lesson.au,
        // An AU at an absolute URL came without files (a bare cmi5.xml): there is no package to write.
        ...(Object.keys(lesson.files).length > 0
          ? { package: folders.folder('cmi5', base, lesson.title, lesson.files) }
          : {}),
      };
  }
}

/** course.json for a manifest, and the files to put next to it. */
export async function packageOf(
  services: ExportServices,
  tenantId: string,
  manifest: CourseManifest,
  enrolmentPolicy: CoursePackageInput['enrolmentPolicy'],
) {
  const found = await lookups(services, tenantId, manifest);
  const plan = new PathPlan();
  const blobPath = (sha: string): string => services.blobs.filePath(sha);
  const folders = new FolderPlan(blobPath);
  // The lowest version that holds the course, so that platforms not yet reading
  // version 2 still import courses without scorm, h5p or cmi5 lessons.
  const kinds = new Set(manifest.modules.flatMap((m) => m.lessons.map((l) => l.kind)));
  const formatVersion = FORMAT_2_KINDS.some((k) => kinds.has(k)) ? 2 : 1;
  const codesOf = (ids: readonly string[]): string[] =>
    ids.flatMap((id) => (found.codes.has(id) ? [found.codes.get(id)!] : []));
  const course: CoursePackageInput = {
    format: PACKAGE_FORMAT,
    formatVersion,
    title: manifest.title,
    description: manifest.description,
    language: manifest.language,
    ...(manifest.coverImage ? { cover: plan.file(manifest.coverImage, 'cover') } : {}),
    ...(found.categoryName ? { category: found.categoryName } : {}),
    tags: {
      ...(found.frameworkCode ? { framework: found.frameworkCode } : {}),
      grades: codesOf(manifest.tags.gradeIds),
      subjects: codesOf(manifest.tags.subjectIds),
      outcomes: codesOf(manifest.tags.outcomeIds),
    },
    audiences: manifest.audiences,
    enrolmentPolicy,
    ...(manifest.variantGroupId ? { variantGroup: manifest.variantGroupId } : {}),
    prerequisites: found.prerequisiteTitles,
    modules: manifest.modules.map((m, mi) => ({
      title: m.title,
      lessons: m.lessons.map((l, li) => {
        const words = slug(l.title);
        return lessonOf(l, `${mi + 1}-${li + 1}${words ? `-${words}` : ''}`, plan, found.codes, folders);
      }),
    })),
  };
  const media: ZipItem[] = [...plan.bySha.values()].map(({ path, ref }) => ({
    path,
    file: blobPath(ref.sha256),
    compress: COMPRESSIBLE.test(ref.mediaType),
  }));
  return { course, files: [...media, ...folders.items] };
}

/** Writes a published version of a course (the latest, or `version`) to `out` as a package zip. */
export async function exportCoursePackage(
  services: ExportServices,
  tenantId: string,
  courseId: string,
  options: { out: string; version?: number },
): Promise<ExportResult> {
  const summary = await services.courses.summary(tenantId, courseId);
  const versions = (await services.courses.versions(tenantId, courseId)).items;
  const chosen =
    options.version === undefined ? versions[0] : versions.find((v) => v.version === options.version);
  if (!chosen) {
    throw options.version === undefined
      ? notFound('course_not_published', 'This course has no published version to export; publish it first', {
          courseId,
        })
      : notFound('course_version_not_found', `This course has no version ${options.version}`, {
          courseId,
          versions: versions.map((v) => v.version),
        });
  }
  const manifest = await services.courses.versionManifest(tenantId, chosen.versionId);
  const { course, files } = await packageOf(services, tenantId, manifest, summary.enrolmentPolicy);
  for (const item of files) {
    if (
      'file' in item &&
      !(await access(item.file).then(
        () => true,
        () => false,
      ))
    ) {
      throw new AppError(
        500,
        'blob_missing',
        `A file of this course is missing from the blob store (${item.file})`,
        { path: item.path },
      );
    }
  }
  const json = new TextEncoder().encode(`${JSON.stringify(course, null, 2)}\n`);
  const bytes = await writeZip(
    options.out,
    [{ path: COURSE_JSON, bytes: json, compress: true }, ...files],
    new Date(manifest.publishedAt),
  );
  return {
    path: options.out,
    courseId,
    versionId: manifest.versionId,
    version: manifest.version,
    files: files.length,
    bytes,
  };
}
