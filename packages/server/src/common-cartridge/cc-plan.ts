import type { CourseImportReportItem } from '@satchel/core';
import { AppError } from '../http/errors.js';
import type { CartridgeFiles } from './cc-files.js';
import {
  planAssessment,
  planWebContent,
  planWebLink,
  reportUnsupported,
  type LessonContext,
  type PlannedLesson,
} from './cc-lessons.js';
import {
  MANIFEST,
  readManifest,
  resourceKind,
  type CcItem,
  type CcManifest,
  type CcResource,
} from './cc-manifest.js';
import { cartridgeError, child, deepText, parseXml } from './cc-xml.js';

// The whole cartridge → a course plan: the organisation's top-level items become
// modules (items outside any module share one), nested items are flattened into
// their module in order with their section titles, and everything that cannot
// come across is a line in the report.

export interface PlannedModule {
  title: string;
  lessons: PlannedLesson[];
}

export interface CoursePlan {
  manifest: CcManifest;
  title: string;
  description: string;
  language: string | null;
  modules: PlannedModule[];
  report: CourseImportReportItem[];
}

const MANIFEST_MAX_BYTES = 16 * 1024 * 1024;
const MAX_MODULES = 200;
const MAX_LESSONS = 500;
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

async function planLesson(
  ctx: LessonContext,
  resource: CcResource,
  title: string,
): Promise<PlannedLesson | null> {
  try {
    switch (resourceKind(resource.type)) {
      case 'webcontent':
        return await planWebContent(ctx, resource, title);
      case 'weblink':
        return await planWebLink(ctx, resource, title);
      case 'assessment':
        return await planAssessment(ctx, resource, title);
      case 'discussion':
        await reportUnsupported(ctx, resource, 'discussion', title);
        return null;
      case 'lti':
        await reportUnsupported(ctx, resource, 'lti', title);
        return null;
      case 'question-bank':
      case 'associated':
      case 'other':
        ctx.report.push({
          severity: 'skipped',
          kind: 'resource',
          title: title || resource.id,
          where: ctx.where,
          file: resource.href,
          reason: `resources of type "${resource.type || '(none)'}" have no Satchel lesson kind`,
        });
        return null;
    }
  } catch (err) {
    // A damaged file inside the cartridge costs its lesson, not the whole import.
    if (!(err instanceof AppError) || err.code !== 'cartridge_invalid') throw err;
    ctx.report.push({
      severity: 'skipped',
      kind: 'resource',
      title: title || resource.id,
      where: ctx.where,
      file: resource.href,
      reason: err.message,
    });
    return null;
  }
}

/** Canvas keeps the course's own title in course_settings/course_settings.xml. */
async function canvasTitle(files: CartridgeFiles): Promise<string | null> {
  const file = 'course_settings/course_settings.xml';
  if (!files.names.has(file)) return null;
  try {
    return (
      deepText(child(parseXml(await files.read(file, MANIFEST_MAX_BYTES), file), 'title')).trim() || null
    );
  } catch {
    return null;
  }
}

export async function planCourse(files: CartridgeFiles, fallbackTitle: string): Promise<CoursePlan> {
  const size = files.size(MANIFEST) ?? 0;
  if (size > MANIFEST_MAX_BYTES) {
    throw cartridgeError(
      MANIFEST,
      'file_too_large',
      `${MANIFEST} is larger than ${MANIFEST_MAX_BYTES} bytes`,
    );
  }
  const raw = (await files.read(MANIFEST, MANIFEST_MAX_BYTES)).toString('utf8');
  const manifest = readManifest(raw, parseXml(raw, MANIFEST));
  const title = clip(manifest.title ?? (await canvasTitle(files)) ?? fallbackTitle, 300);
  const report: CourseImportReportItem[] = [];
  const placed = new Set<string>();
  const modules: PlannedModule[] = [];

  const lessonsOf = async (
    items: readonly CcItem[],
    trail: string[],
    into: PlannedLesson[],
  ): Promise<void> => {
    for (const item of items) {
      const names = item.title ? [...trail, item.title] : trail;
      if (item.ref) {
        placed.add(item.ref);
        const where = names.join(' › ') || title;
        const resource = manifest.resources.get(item.ref);
        if (!resource) {
          report.push({
            severity: 'skipped',
            kind: 'resource',
            title: item.title,
            where,
            file: MANIFEST,
            reason: `the organisation points to "${item.ref}", which the manifest does not define`,
          });
        } else {
          const lessonTitle = clip(names.slice(1).join(' › ') || item.title, 300);
          const lesson = await planLesson(
            { files, resources: manifest.resources, report, where },
            resource,
            lessonTitle,
          );
          if (lesson) into.push(lesson);
        }
      }
      await lessonsOf(item.children, names, into);
    }
  };

  let loose: PlannedModule | null = null;
  for (const item of manifest.items) {
    if (item.children.length === 0 && item.ref) {
      // Items outside any module gather in one module named after the course.
      if (!loose) {
        loose = { title, lessons: [] };
        modules.push(loose);
      }
      await lessonsOf([{ ...item, children: [] }], [], loose.lessons);
      continue;
    }
    const module: PlannedModule = {
      title: clip(item.title || `Module ${modules.length + 1}`, 300),
      lessons: [],
    };
    await lessonsOf([item], [], module.lessons);
    modules.push(module);
  }

  if (manifest.items.length === 0) {
    // No organisation (a resource-only or thin cartridge): the resources, in manifest order.
    const module: PlannedModule = { title, lessons: [] };
    const leaves: CcItem[] = [...manifest.resources.values()]
      .filter((r) => ['webcontent', 'weblink', 'assessment'].includes(resourceKind(r.type)))
      .filter((r) => resourceKind(r.type) !== 'webcontent' || /\.x?html?$/i.test(r.href ?? ''))
      .map((r) => ({ title: '', ref: r.id, children: [] }));
    await lessonsOf(leaves, [], module.lessons);
    for (const lesson of module.lessons) if (lesson.title === '') lesson.title = clip(lesson.kind, 300);
    modules.push(module);
  }

  reportUnplaced(manifest, placed, report);
  const kept = modules.filter((m) => {
    if (m.lessons.length > 0) return true;
    report.push({
      severity: 'skipped',
      kind: 'module',
      title: m.title,
      where: m.title,
      file: null,
      reason: 'nothing in this module could be imported',
    });
    return false;
  });
  if (kept.length > MAX_MODULES) {
    report.push({
      severity: 'skipped',
      kind: 'module',
      title: `${kept.length - MAX_MODULES} modules`,
      where: title,
      file: null,
      reason: `a course holds at most ${MAX_MODULES} modules`,
    });
  }
  const final = kept.slice(0, MAX_MODULES).map((m) => {
    if (m.lessons.length > MAX_LESSONS) {
      report.push({
        severity: 'skipped',
        kind: 'module',
        title: m.title,
        where: m.title,
        file: null,
        reason: `a module holds at most ${MAX_LESSONS} lessons; the rest were left out`,
      });
    }
    return {
      ...m,
      lessons: m.lessons.slice(0, MAX_LESSONS).map((l) => ({ ...l, title: l.title || 'Untitled' })),
    };
  });
  if (final.length === 0) {
    throw cartridgeError(
      MANIFEST,
      'nothing_to_import',
      'Nothing in this cartridge can be imported into a Satchel course',
      { report },
    );
  }
  return {
    manifest,
    title,
    description: clip(manifest.description ?? '', 10_000),
    language: manifest.language,
    modules: final,
    report,
  };
}

/** Activities no module points to are reported rather than quietly left behind. */
function reportUnplaced(
  manifest: CcManifest,
  placed: ReadonlySet<string>,
  report: CourseImportReportItem[],
): void {
  if (manifest.items.length === 0) return;
  for (const resource of manifest.resources.values()) {
    if (placed.has(resource.id)) continue;
    const kind = resourceKind(resource.type);
    const reportKind =
      kind === 'assessment' || kind === 'question-bank'
        ? 'quiz'
        : kind === 'discussion'
          ? 'discussion'
          : kind === 'lti'
            ? 'lti'
            : kind === 'weblink'
              ? 'link'
              : null;
    if (!reportKind) continue;
    report.push({
      severity: 'skipped',
      kind: reportKind,
      title: resource.id,
      where: '(not in any module)',
      file: resource.href,
      reason:
        kind === 'question-bank'
          ? 'question banks are not imported: Satchel quizzes hold their own questions'
          : 'it is not in the course structure (no module points to it)',
    });
  }
}
