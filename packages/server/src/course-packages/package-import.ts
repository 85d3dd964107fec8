import { Readable } from 'node:stream';
import { uuidv7, type BlobRef, type CourseContent, type Lesson, type ScormPackageInfo } from '@satchel/core';
import type { AppContext } from '../app/services.js';
import type { BlobStore, StagedFile as StagedBlob } from '../content/blob-store.js';
import type { CourseService } from '../courses/courses.service.js';
import type { TenantService } from '../tenants/tenants.service.js';
import type { CoursePackage, PackageFile, PackageLesson } from './course-package.schema.js';
import { CoursePackagesRepo } from './course-packages.repo.js';
import { resolveReferences, type ResolvedReferences, type ResolvePorts } from './package-resolve.js';
import type { PackageSource } from './package-source.js';
import { DEFAULT_PACKAGE_LIMITS, validatePackage, type ValidatedPackage } from './package-validate.js';

// Importing a course package, in an order that leaves nothing behind when it fails:
//   1. validate the package and resolve its names in the tenant — nothing is written;
//   2. stage every file (temporary files, hashed; no database rows);
//   3. commit the staged files as the tenant's blobs, all in one transaction;
//   4. create the course, then publish it (one transaction); if publishing fails,
//      the just-created draft is removed again.
// A failure in steps 1-2 leaves no trace. After step 3 the blobs stay recorded:
// content-addressed and counted once, they are what a retry reuses.

export interface ImportServices extends ResolvePorts {
  ctx: Pick<AppContext, 'handle'>;
  tenants: Pick<TenantService, 'limits'>;
  blobs: Pick<BlobStore, 'stage' | 'commit' | 'discard'>;
  courses: Pick<CourseService, 'create' | 'publish' | 'list' | 'titles'>;
}

export interface ImportOptions {
  actorId: string | null;
  /** Publish version 1 at once (else the course stays a draft for an author to review). */
  publish: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportResult {
  courseId: string;
  title: string;
  language: string;
  published: { versionId: string; version: number } | null;
  lessons: number;
  files: number;
  bytes: number;
}

interface Staged {
  files: Map<string, StagedBlob>;
  packages: Map<string, { path: string; file: StagedBlob; mediaType: string }[]>;
}

/** The stored files of a lesson package (and, for SCORM, its manifest as read), by `package` path. */
export interface StoredPackage {
  files: Record<string, BlobRef>;
  scorm?: ScormPackageInfo;
}

async function stageAll(
  services: ImportServices,
  tenantId: string,
  pkg: ValidatedPackage,
  onProgress?: ImportOptions['onProgress'],
): Promise<Staged> {
  const total = pkg.files.size + [...pkg.packages.values()].reduce((n, h) => n + h.files.length, 0);
  let done = 0;
  const tick = (): void => onProgress?.(++done, total);
  const staged: Staged = { files: new Map(), packages: new Map() };
  const all: StagedBlob[] = [];
  try {
    for (const file of pkg.files.values()) {
      const stream = await pkg.source.stream(file.path);
      try {
        const blob = await services.blobs.stage(tenantId, stream, { declaredBytes: file.size });
        all.push(blob);
        staged.files.set(file.path, blob);
      } finally {
        stream.destroy();
      }
      tick();
    }
    for (const [packagePath, lessonPackage] of pkg.packages) {
      const files: { path: string; file: StagedBlob; mediaType: string }[] = [];
      for (const inner of lessonPackage.files) {
        const blob = await services.blobs.stage(tenantId, Readable.from([await inner.read()]), {
          declaredBytes: inner.size,
        });
        all.push(blob);
        files.push({ path: inner.path, file: blob, mediaType: inner.mediaType });
        tick();
      }
      staged.packages.set(packagePath, files);
    }
  } catch (err) {
    await services.blobs.discard(all);
    throw err;
  }
  return staged;
}

/** Commits every staged file as the tenant's blobs (one transaction) and returns their refs by package path. */
async function commitAll(services: ImportServices, tenantId: string, pkg: ValidatedPackage, staged: Staged) {
  const items = [
    ...[...staged.files].map(([path, file]) => ({ file, mediaType: pkg.files.get(path)!.mediaType })),
    ...[...staged.packages.values()].flat().map(({ file, mediaType }) => ({ file, mediaType })),
  ];
  const refs = await services.blobs.commit(tenantId, items);
  const bySha = new Map(refs.map((r) => [r.sha256, r]));
  const fileRefs = new Map(
    [...staged.files].map(([path, file]): [string, BlobRef] => [path, bySha.get(file.sha256)!]),
  );
  const packageRefs = new Map(
    [...staged.packages].map(([packagePath, files]): [string, StoredPackage] => [
      packagePath,
      {
        files: Object.fromEntries(files.map((f) => [f.path, bySha.get(f.file.sha256)!])),
        scorm: pkg.packages.get(packagePath)?.scorm,
      },
    ]),
  );
  return { fileRefs, packageRefs };
}

/** The CourseContent of a package, with fresh ids: an imported course is a new course. */
export function contentOf(
  course: CoursePackage,
  refs: ResolvedReferences,
  fileRefs: ReadonlyMap<string, BlobRef>,
  packageRefs: ReadonlyMap<string, StoredPackage>,
): CourseContent {
  const blob = (f: PackageFile): BlobRef => {
    const ref = fileRefs.get(f.path);
    if (!ref) throw new Error(`no blob was stored for ${f.path}`);
    return ref;
  };
  const stored = (path: string): StoredPackage => {
    const found = packageRefs.get(path);
    if (!found) throw new Error(`no package was stored for ${path}`);
    return found;
  };
  const lesson = (l: PackageLesson): Lesson => {
    const base = {
      id: uuidv7(),
      title: l.title,
      description: l.description,
      required: l.required,
      outcomeIds: l.outcomes.map((code) => refs.outcomeIds.get(code)!),
      durationMinutes: l.durationMinutes,
      attribution: l.attribution,
    };
    switch (l.kind) {
      case 'video':
        return {
          ...base,
          kind: 'video',
          file: blob(l.file),
          captions: l.captions.map((c) => ({ lang: c.lang, label: c.label, file: blob(c.file) })),
          renditions: l.renditions.map((r) => ({ height: r.height, file: blob(r.file) })),
          poster: l.poster ? blob(l.poster) : undefined,
        };
      case 'audio':
        return {
          ...base,
          kind: 'audio',
          file: blob(l.file),
          captions: l.captions.map((c) => ({ lang: c.lang, label: c.label, file: blob(c.file) })),
        };
      case 'pdf':
        return { ...base, kind: 'pdf', file: blob(l.file) };
      case 'epub':
        return { ...base, kind: 'epub', file: blob(l.file) };
      case 'markdown':
        return { ...base, kind: 'markdown', body: l.body };
      case 'html5':
        return { ...base, kind: 'html5', entry: l.entry, files: stored(l.package).files };
      case 'scorm': {
        const { files, scorm } = stored(l.package);
        if (!scorm) throw new Error(`the manifest of ${l.package} was not read`);
        return { ...base, kind: 'scorm', scorm, files };
      }
      case 'h5p':
        return { ...base, kind: 'h5p', files: stored(l.package).files };
      case 'cmi5':
        return { ...base, kind: 'cmi5', au: l.au, files: l.package ? stored(l.package).files : {} };
      case 'quiz':
        return { ...base, kind: 'quiz', quiz: l.quiz, questions: l.questions };
      case 'link':
        return { ...base, kind: 'link', url: l.url };
    }
  };
  return {
    title: course.title,
    description: course.description,
    language: course.language,
    categoryId: refs.categoryId,
    tags: refs.tags,
    audiences: course.audiences,
    coverImage: course.cover ? blob(course.cover) : null,
    prerequisiteCourseIds: refs.prerequisiteCourseIds,
    modules: course.modules.map((m) => ({ id: uuidv7(), title: m.title, lessons: m.lessons.map(lesson) })),
  };
}

/** Validates, stores and creates (and by default publishes) the course a package describes. */
export async function importCoursePackage(
  services: ImportServices,
  tenantId: string,
  source: PackageSource,
  options: ImportOptions,
): Promise<ImportResult> {
  const limits = await services.tenants.limits(tenantId);
  const pkg = await validatePackage(source, {
    ...DEFAULT_PACKAGE_LIMITS,
    maxFileBytes: limits.uploadLimitBytes,
  });
  const refs = await resolveReferences(services, tenantId, pkg.course, source.label);
  const staged = await stageAll(services, tenantId, pkg, options.onProgress);
  const { fileRefs, packageRefs } = await commitAll(services, tenantId, pkg, staged);
  const content = contentOf(pkg.course, refs, fileRefs, packageRefs);
  const created = await services.courses.create(tenantId, options.actorId, content, {
    enrolmentPolicy: pkg.course.enrolmentPolicy,
    ...(refs.variantGroupId ? { variantGroupId: refs.variantGroupId } : {}),
  });
  let published: ImportResult['published'] = null;
  if (options.publish) {
    try {
      const manifest = await services.courses.publish(tenantId, created.id, options.actorId);
      published = { versionId: manifest.versionId, version: manifest.version };
    } catch (err) {
      await new CoursePackagesRepo(services.ctx.handle.db).deleteNeverPublished(tenantId, created.id);
      throw err;
    }
  }
  return {
    courseId: created.id,
    title: content.title,
    language: content.language,
    published,
    lessons: content.modules.reduce((n, m) => n + m.lessons.length, 0),
    files: fileRefs.size + [...packageRefs.values()].reduce((n, p) => n + Object.keys(p.files).length, 0),
    bytes: pkg.totalBytes,
  };
}
