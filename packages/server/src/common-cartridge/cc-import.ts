import { Readable } from 'node:stream';
import {
  QuizSettings,
  type BlobRef,
  type DraftContentInput,
  type DraftLessonInput,
  type CourseImportReport,
} from '@satchel/core';
import type { AppContext } from '../app/services.js';
import type { BlobStore, StagedFile } from '../content/blob-store.js';
import type { ZipLimits } from '../content/zip-safety.js';
import type { ZipSource } from '../content/zip-source.js';
import { CoursePackagesRepo } from '../course-packages/course-packages.repo.js';
import type { CourseService } from '../courses/courses.service.js';
import type { TenantService } from '../tenants/tenants.service.js';
import { openCartridge, type CartridgeFiles } from './cc-files.js';
import type { PlannedFile, PlannedLesson } from './cc-lessons.js';
import { planCourse, type CoursePlan } from './cc-plan.js';
import { CourseImportReportsRepo } from './common-cartridge.repo.js';

// Importing a Common Cartridge, all or nothing, in the course-package order:
//   1. read and check the zip's table of contents, the manifest and every file the
//      plan needs — nothing is written;
//   2. stage every file (temporary files, hashed; no database rows);
//   3. commit the staged files as the tenant's blobs, in one transaction;
//   4. create the course draft and its import report; if the report cannot be
//      written the draft is removed again.
// Blobs committed in step 3 are content-addressed and counted once: a retry reuses them.

export interface CartridgeImportServices {
  ctx: Pick<AppContext, 'handle' | 'clock'>;
  tenants: Pick<TenantService, 'limits'>;
  blobs: Pick<BlobStore, 'stageWithin' | 'commit' | 'discard'>;
  courses: Pick<CourseService, 'create'>;
}

export interface CartridgeImportResult {
  courseId: string;
  title: string;
  language: string;
  report: CourseImportReport;
}

const CARTRIDGE_LIMITS = { maxEntries: 50_000, maxTotalBytes: 64 * 1024 ** 3 };

type Staged = Map<PlannedFile, { file: StagedFile; mediaType: string }>;

async function stageAll(
  services: CartridgeImportServices,
  files: CartridgeFiles,
  plan: CoursePlan,
): Promise<Staged> {
  const staged: Staged = new Map();
  const byZipPath = new Map<string, { file: StagedFile; mediaType: string }>();
  const all: StagedFile[] = [];
  try {
    for (const lesson of plan.modules.flatMap((m) => m.lessons)) {
      for (const planned of plannedFiles(lesson)) {
        if (staged.has(planned)) continue;
        if ('zip' in planned) {
          let done = byZipPath.get(planned.zip);
          if (!done) {
            const file = await services.blobs.stageWithin(
              files.stream(planned.zip),
              files.size(planned.zip) ?? 0,
            );
            all.push(file);
            done = { file, mediaType: planned.mediaType };
            byZipPath.set(planned.zip, done);
          }
          staged.set(planned, { file: done.file, mediaType: planned.mediaType });
        } else {
          const file = await services.blobs.stageWithin(Readable.from([planned.bytes]), planned.bytes.length);
          all.push(file);
          staged.set(planned, { file, mediaType: planned.mediaType });
        }
      }
    }
  } catch (err) {
    await services.blobs.discard(all);
    throw err;
  }
  return staged;
}

function plannedFiles(lesson: PlannedLesson): PlannedFile[] {
  switch (lesson.kind) {
    case 'html5':
      return [...lesson.files.values()];
    case 'pdf':
    case 'epub':
    case 'video':
    case 'audio':
      return [lesson.file];
    case 'link':
    case 'quiz':
      return [];
  }
}

function lessonInput(lesson: PlannedLesson, ref: (f: PlannedFile) => BlobRef): DraftLessonInput {
  switch (lesson.kind) {
    case 'html5':
      return {
        kind: 'html5',
        title: lesson.title,
        entry: lesson.entry,
        files: Object.fromEntries([...lesson.files].map(([path, f]) => [path, ref(f)])),
      };
    case 'pdf':
    case 'epub':
      return { kind: lesson.kind, title: lesson.title, file: ref(lesson.file) };
    case 'video':
    case 'audio':
      return { kind: lesson.kind, title: lesson.title, file: ref(lesson.file) };
    case 'link':
      return { kind: 'link', title: lesson.title, url: lesson.url };
    case 'quiz':
      return {
        kind: 'quiz',
        title: lesson.title,
        quiz: QuizSettings.parse(lesson.quiz),
        questions: lesson.questions,
      };
  }
}

export interface CartridgeImportOptions {
  actorId: string | null;
  /** The uploaded file's name (for the course title when the cartridge has none, and the report). */
  sourceName: string;
}

/** Reads, checks, stores and creates the course draft a cartridge describes, with its report. */
export async function importCartridge(
  services: CartridgeImportServices,
  tenantId: string,
  source: ZipSource,
  options: CartridgeImportOptions,
): Promise<CartridgeImportResult> {
  const limits = await services.tenants.limits(tenantId);
  const zipLimits: ZipLimits = { ...CARTRIDGE_LIMITS, maxEntryBytes: limits.uploadLimitBytes };
  const files = await openCartridge(source, zipLimits);
  const fallbackTitle = options.sourceName.replace(/\.(imscc|zip)$/i, '').slice(0, 300) || 'Imported course';
  const plan = await planCourse(files, fallbackTitle);

  const staged = await stageAll(services, files, plan);
  const items = [...staged.values()];
  const refs = await services.blobs.commit(tenantId, items);
  const bySha = new Map(refs.map((r) => [r.sha256, r]));
  const ref = (f: PlannedFile): BlobRef => {
    const s = staged.get(f);
    const found = s ? bySha.get(s.file.sha256) : undefined;
    if (!s || !found) throw new Error('a planned file was not stored');
    return { ...found, mediaType: s.mediaType };
  };

  const report = plan.report;
  let language = plan.language;
  if (!language) {
    language = 'en';
    report.push({
      severity: 'changed',
      kind: 'course',
      title: plan.title,
      where: plan.title,
      file: 'imsmanifest.xml',
      reason: 'the cartridge names no language; English (en) was assumed — change it in the course editor',
    });
  }
  const content: DraftContentInput = {
    title: plan.title,
    description: plan.description,
    language,
    modules: plan.modules.map((m) => ({
      title: m.title,
      lessons: m.lessons.map((l) => lessonInput(l, ref)),
    })),
  };
  const lessons = plan.modules.flatMap((m) => m.lessons);
  const full: CourseImportReport = {
    format: 'common-cartridge',
    version: plan.manifest.version,
    generator: plan.manifest.generator,
    source: options.sourceName,
    importedAt: services.ctx.clock.now().toISOString(),
    summary: {
      modules: plan.modules.length,
      lessons: lessons.length,
      quizzes: lessons.filter((l) => l.kind === 'quiz').length,
      questions: lessons.reduce((n, l) => n + (l.kind === 'quiz' ? l.questions.length : 0), 0),
      files: new Set(refs.map((r) => r.sha256)).size,
      skipped: report.filter((r) => r.severity === 'skipped').length,
    },
    items: report,
  };
  const created = await services.courses.create(tenantId, options.actorId, content);
  try {
    await new CourseImportReportsRepo(services.ctx.handle.db).insert(
      tenantId,
      created.id,
      full,
      full.importedAt,
    );
  } catch (err) {
    await new CoursePackagesRepo(services.ctx.handle.db).deleteNeverPublished(tenantId, created.id);
    throw err;
  }
  return { courseId: created.id, title: created.title, language, report: full };
}
