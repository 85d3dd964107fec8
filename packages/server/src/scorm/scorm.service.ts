import {
  allLessons,
  lessonOutcome,
  uuidv7,
  type BlobRef,
  type DraftContentInput,
  type Lesson,
  type ScormCommitRequest,
  type ScormCommitResponse,
  type ScormImportQuery,
  type ScormImportResponse,
  type ScormItemOutcome,
  type ScormLaunchResponse,
  type ScormLessonOutcome,
  type ScormSnapshot,
  type ScormStoredState,
} from '@satchel/core';
import type { BlobStore } from '../content/blob-store.js';
import type { ZipSource } from '../content/zip-source.js';
import type { CourseService } from '../courses/courses.service.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import type { LrsService } from '../lrs/lrs.service.js';
import type { Clock } from '../platform/clock.js';
import type { CourseManifests } from '../progress/course-manifests.js';
import { importScormPackage, SCORM_ZIP_LIMITS } from './scorm-package.js';
import { commitStatements } from './scorm-statements.js';
import type { ScormAttemptRow, ScormItemStateRow, ScormRepo } from './scorm.repo.js';

export type ScormLesson = Extract<Lesson, { kind: 'scorm' }>;

export interface ScormTarget {
  tenantId: string;
  userId: string;
  courseId: string;
  lessonId: string;
}

const NOTHING: ScormLessonOutcome = { completed: false, success: 'unknown', scaled: null, progress: 0 };

function snapshotOf(row: ScormItemStateRow): ScormSnapshot {
  return {
    completion: row.completion as ScormSnapshot['completion'],
    success: row.success as ScormSnapshot['success'],
    scoreScaled: row.score_scaled,
    scoreRaw: row.score_raw,
    scoreMin: row.score_min,
    scoreMax: row.score_max,
    location: row.location,
    suspendData: row.suspend_data,
    exit: row.exit,
    sessionSeconds: row.session_seconds,
    progressMeasure: row.progress_measure,
  };
}

const storedOf = (row: ScormItemStateRow): ScormStoredState => ({
  ...snapshotOf(row),
  totalSeconds: row.previous_seconds + row.session_seconds,
});

const outcomeOfAttempt = (row: ScormAttemptRow | undefined): ScormLessonOutcome =>
  row
    ? {
        completed: row.completed === 1,
        success: row.success as ScormLessonOutcome['success'],
        scaled: row.scaled,
        progress: row.progress,
      }
    : NOTHING;

/**
 * SCORM packages as lessons: importing a zip into a course draft, the learner's state
 * for resuming, and commits relayed by the player, stored per attempt and item and
 * turned into xAPI statements through the LRS (so progress, My learning and reports
 * see SCORM lessons like any other).
 */
export class ScormService {
  constructor(
    private readonly repo: ScormRepo,
    private readonly manifests: CourseManifests,
    private readonly courses: CourseService,
    private readonly lrs: LrsService,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
  ) {}

  /** Stores the package's files, then adds one `scorm` lesson to a new course or to a draft. */
  async importZip(
    tenantId: string,
    actorId: string | null,
    source: ZipSource,
    query: ScormImportQuery,
    limits = SCORM_ZIP_LIMITS,
  ): Promise<ScormImportResponse> {
    // Checked before any file is stored: a refusal for an unknown course keeps nothing.
    const draft = query.courseId ? await this.courses.get(tenantId, query.courseId) : null;
    if (draft?.archived) throw conflict('course_archived', 'This course is archived', { courseId: draft.id });
    const pkg = await importScormPackage(this.blobs, tenantId, source, limits);
    const title = (query.title ?? pkg.info.title).slice(0, 300) || 'SCORM package';
    const lesson = {
      id: uuidv7(),
      title,
      kind: 'scorm' as const,
      required: true,
      outcomeIds: [],
      scorm: pkg.info,
      files: pkg.files,
    };
    let courseId: string;
    if (draft) {
      // Blobs may be left unreferenced if the draft changed meanwhile; no row is half-written.
      const modules = draft.content.modules.map((m) => ({ ...m, lessons: [...m.lessons] }));
      const last = modules.at(-1);
      if (last && last.lessons.length < 500) last.lessons.push(lesson);
      else modules.push({ id: uuidv7(), title, lessons: [lesson] });
      const content: DraftContentInput = { ...draft.content, modules };
      await this.courses.updateDraft(tenantId, draft.id, { expectedVersion: draft.version, content });
      courseId = draft.id;
    } else {
      const content: DraftContentInput = {
        title,
        language: query.language ?? 'en',
        modules: [{ title, lessons: [lesson] }],
      };
      courseId = (await this.courses.create(tenantId, actorId, content)).id;
    }
    return {
      courseId,
      lessonId: lesson.id,
      version: pkg.info.version,
      title,
      launchable: pkg.info.items.filter((i) => i.href !== null).length,
      files: Object.keys(pkg.files).length,
    };
  }

  /** A SCORM lesson of a published version of the course, or 404. */
  async lesson(
    tenantId: string,
    courseId: string | null,
    versionId: string,
    lessonId: string,
  ): Promise<ScormLesson> {
    const manifest = await this.manifests.version(tenantId, versionId);
    if (!manifest || (courseId !== null && manifest.courseId !== courseId)) {
      throw notFound('course_version_not_found', 'This course version does not exist', { versionId });
    }
    const lesson = allLessons(manifest).find((l) => l.id === lessonId);
    if (!lesson)
      throw notFound('lesson_not_found', 'This lesson is not in this course version', { lessonId });
    if (lesson.kind !== 'scorm')
      throw invalid('not_a_scorm_lesson', 'This lesson is not a SCORM package', {
        lessonId,
        kind: lesson.kind,
      });
    return lesson;
  }

  /** A file of a published SCORM lesson (for the sandboxed player frame). */
  async file(
    tenantId: string,
    versionId: string,
    lessonId: string,
    path: string,
  ): Promise<{ lesson: ScormLesson; path: string; ref: BlobRef }> {
    const lesson = await this.lesson(tenantId, null, versionId, lessonId);
    const ref = Object.hasOwn(lesson.files, path) ? lesson.files[path] : undefined;
    if (!ref) throw notFound('package_file_not_found', 'The package has no such file', { path });
    const owned = await this.blobs.stat(tenantId, ref.sha256);
    if (!owned) throw notFound('blob_not_found', 'This platform has no such file', { path });
    return { lesson, path, ref: owned };
  }

  /** Where the learner stands in their latest attempt, to resume it. */
  async launch(target: ScormTarget, versionId: string, learnerName: string): Promise<ScormLaunchResponse> {
    await this.lesson(target.tenantId, target.courseId, versionId, target.lessonId);
    const attempt = await this.repo.latestAttempt(
      target.tenantId,
      target.userId,
      target.courseId,
      target.lessonId,
    );
    const rows = attempt ? await this.repo.itemStates(target.tenantId, attempt.id) : [];
    return {
      attemptId: attempt?.id ?? null,
      lastItemId: attempt?.last_item_id ?? null,
      states: Object.fromEntries(rows.map((r) => [r.item_id, storedOf(r)])),
      learner: { id: target.userId, name: learnerName },
    };
  }

  /**
   * One commit of one item. A commit already stored (same session, same or lower
   * sequence), or one from an older session arriving late, changes nothing.
   */
  async commit(target: ScormTarget, request: ScormCommitRequest): Promise<ScormCommitResponse> {
    const lesson = await this.lesson(target.tenantId, target.courseId, request.versionId, target.lessonId);
    const item = lesson.scorm.items.find((i) => i.id === request.itemId && i.href !== null);
    if (!item) {
      throw notFound('scorm_item_not_found', 'This package has no such launchable item', {
        itemId: request.itemId,
      });
    }
    const at = new Date(request.at).toISOString();
    const { tenantId } = target;
    let attempt = await this.repo.attempt(tenantId, request.attemptId);
    if (
      attempt &&
      (attempt.user_id !== target.userId ||
        attempt.course_id !== target.courseId ||
        attempt.lesson_id !== target.lessonId)
    ) {
      throw conflict('attempt_id_taken', 'This attempt id belongs to another attempt; start a new attempt', {
        attemptId: request.attemptId,
      });
    }
    if (!attempt) {
      const row = {
        id: request.attemptId,
        tenant_id: tenantId,
        user_id: target.userId,
        course_id: target.courseId,
        lesson_id: target.lessonId,
        version_id: request.versionId,
        last_item_id: item.id,
        completed: 0,
        success: 'unknown',
        scaled: null,
        progress: 0,
        started_at: at,
        updated_at: at,
        version: 1,
      };
      await this.repo.insertAttempt(row);
      attempt = (await this.repo.attempt(tenantId, request.attemptId)) ?? row;
    }
    const rows = await this.repo.itemStates(tenantId, attempt.id);
    const current = rows.find((r) => r.item_id === item.id);
    const lessonBefore = outcomeOfAttempt(attempt);
    const stale =
      current !== undefined &&
      (current.session_id === request.sessionId ? request.seq <= current.seq : at < current.updated_at);
    if (stale) return { applied: false, lesson: lessonBefore };

    const newSession = current === undefined || current.session_id !== request.sessionId;
    const previousSeconds = current
      ? current.previous_seconds + (newSession ? current.session_seconds : 0)
      : 0;
    const after = request.snapshot;
    const states = new Map<string, ScormItemOutcome>(rows.map((r) => [r.item_id, snapshotOf(r)]));
    states.set(item.id, after);
    const lessonAfter = lessonOutcome(lesson.scorm, states);
    // Once complete or decided, an attempt stays so: a later session cannot un-complete it.
    const kept: ScormLessonOutcome = {
      completed: lessonBefore.completed || lessonAfter.completed,
      success: lessonAfter.success === 'unknown' ? lessonBefore.success : lessonAfter.success,
      scaled: lessonAfter.scaled ?? lessonBefore.scaled,
      progress: Math.max(lessonBefore.progress, lessonAfter.progress),
    };

    const statements = commitStatements({
      tenantId,
      userId: target.userId,
      courseId: target.courseId,
      versionId: request.versionId,
      lessonId: lesson.id,
      lessonTitle: lesson.title,
      attemptId: attempt.id,
      itemId: item.id,
      itemTitle: item.title,
      sessionId: request.sessionId,
      event: request.event,
      at,
      before: current ? snapshotOf(current) : null,
      after,
      totalSeconds: previousSeconds + after.sessionSeconds,
      lessonBefore,
      lessonAfter: kept,
    });
    // Statement ids derive from the commit, so storing them first is safe to repeat.
    if (statements.length > 0) await this.lrs.store(tenantId, statements, { kind: 'system' });

    const now = this.clock.now().toISOString();
    await this.repo.transaction(async (tx) => {
      await tx.putItemState({
        tenant_id: tenantId,
        attempt_id: attempt.id,
        item_id: item.id,
        user_id: target.userId,
        completion: after.completion,
        success: after.success,
        score_scaled: after.scoreScaled,
        score_raw: after.scoreRaw,
        score_min: after.scoreMin,
        score_max: after.scoreMax,
        progress_measure: after.progressMeasure,
        location: after.location,
        suspend_data: after.suspendData,
        exit: after.exit,
        previous_seconds: previousSeconds,
        session_seconds: after.sessionSeconds,
        session_id: request.sessionId,
        seq: request.seq,
        updated_at: at > now ? now : at,
        touched_at: now,
      });
      await tx.updateAttempt(tenantId, attempt.id, {
        last_item_id: item.id,
        completed: kept.completed ? 1 : 0,
        success: kept.success,
        scaled: kept.scaled,
        progress: kept.progress,
        updated_at: now,
      });
    });
    return { applied: true, lesson: kept };
  }
}
