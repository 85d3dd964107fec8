import {
  allLessons,
  courseProgress,
  type CourseProgressView,
  type LessonProgressView,
  type MyCourseProgressResponse,
  type MyProgressResponse,
} from '@satchel/core';
import { SqliteAdapter, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import type { CourseManifests } from './course-manifests.js';
import { projectProgress, recordedStatement, type RecordedStatement } from './progress.projection.js';
import { ProjectionQueue } from './projection-queue.js';
import {
  ProgressRepo,
  type CourseProgressRow,
  type LessonProgressRow,
  type ProgressWrite,
  type UserCourse,
} from './progress.repo.js';

/** What the LRS tells after storing statements, so progress follows the record. */
export interface ProjectionSink {
  /** These learners' progress in these courses may have changed; recompute it soon. */
  statementsStored(tenantId: string, pairs: readonly UserCourse[]): void;
  /**
   * Recomputes these pairs inside `tx`, the transaction that is storing their statements, so
   * progress commits with them. Resolves false when it did not (the engine does not allow it,
   * or the projection failed and was rolled back to a savepoint): the caller then calls
   * `statementsStored` after its commit, as for a sink without this method.
   */
  projectWithin?(tx: Db, tenantId: string, pairs: readonly UserCourse[]): Promise<boolean>;
}

// Pairs per round trip: one SELECT of their statements, then their upserts.
const PAIRS_PER_BATCH = 100;

export class ProgressService implements ProjectionSink {
  private readonly queue: ProjectionQueue;

  constructor(
    private readonly repo: ProgressRepo,
    private readonly manifests: CourseManifests,
    private readonly clock: Clock,
    onError: (err: unknown, tenantId: string) => void,
  ) {
    this.queue = new ProjectionQueue((tenantId, pairs) => this.recompute(tenantId, pairs), onError);
  }

  statementsStored(tenantId: string, pairs: readonly UserCourse[]): void {
    this.queue.enqueue(tenantId, pairs);
  }

  /**
   * On SQLite, projects inside the statements' transaction: one writer at a time, and every
   * commit is a synchronous=FULL fsync on the event loop's thread, so a projection of its own
   * costs another commit; inside, it costs none, and a crash can never leave stored statements
   * without their progress. On PostgreSQL it declines (false): concurrent transactions storing
   * statements of the same learner would each read a snapshot without the other's, so the
   * projection would need a lock per pair and several more round trips inside every batch; the
   * coalescing queue recomputes each pair once for many batches instead.
   *
   * A failing projection (a corrupt manifest, say) never fails the statements: it is rolled
   * back to a savepoint and left to the queue, which reports it.
   */
  async projectWithin(tx: Db, tenantId: string, pairs: readonly UserCourse[]): Promise<boolean> {
    if (!(tx.getExecutor().adapter instanceof SqliteAdapter)) return false;
    if (pairs.length === 0) return true;
    await sql`savepoint progress_projection`.execute(tx);
    try {
      await this.project(new ProgressRepo(tx), tenantId, pairs);
    } catch {
      await sql`rollback to savepoint progress_projection`.execute(tx);
      await sql`release savepoint progress_projection`.execute(tx);
      return false;
    }
    await sql`release savepoint progress_projection`.execute(tx);
    return true;
  }

  /**
   * A new version of the course was published: lessons may have been added or
   * removed, so every learner's progress in it is recomputed (soon, in the background).
   */
  async courseChanged(tenantId: string, courseId: string): Promise<void> {
    const learners = await this.repo.learnersOf(tenantId, courseId);
    this.queue.enqueue(
      tenantId,
      learners.map((userId) => ({ userId, courseId })),
    );
  }

  /** Resolves once the progress of every statement stored so far is projected. */
  flushed(): Promise<void> {
    return this.queue.flushed();
  }

  /**
   * Recomputes the lesson and course progress of each (learner, course) from all of
   * the learner's statements about the course, against its latest published version.
   * Idempotent: the same statements always give the same rows. Courses without a
   * published version are skipped (nothing to measure against).
   */
  async recompute(tenantId: string, pairs: readonly UserCourse[]): Promise<void> {
    // Reads and writes of a batch in one transaction (taking the write lock first on SQLite):
    // a batch of statements projected in its own transaction (projectWithin) meanwhile must
    // not be overwritten by rows computed from statements read before it committed.
    await this.project(this.repo, tenantId, pairs, true);
  }

  /**
   * Recomputes the pairs through `repo`, PAIRS_PER_BATCH at a time: in the caller's transaction,
   * or (`ownTransactions`) in one transaction per batch.
   */
  private async project(
    repo: ProgressRepo,
    tenantId: string,
    pairs: readonly UserCourse[],
    ownTransactions = false,
  ): Promise<void> {
    const unique = [...new Map(pairs.map((p) => [`${p.userId}/${p.courseId}`, p])).values()];
    for (let i = 0; i < unique.length; i += PAIRS_PER_BATCH) {
      const batch = unique.slice(i, i + PAIRS_PER_BATCH);
      if (!ownTransactions) await this.projectBatch(repo, tenantId, batch);
      else
        await repo.transaction(async (tx) => {
          await tx.claimWriter();
          await this.projectBatch(tx, tenantId, batch);
        });
    }
  }

  private async projectBatch(
    repo: ProgressRepo,
    tenantId: string,
    pairs: readonly UserCourse[],
  ): Promise<void> {
    const manifests = await this.manifests.latest(tenantId, [...new Set(pairs.map((p) => p.courseId))], repo);
    const measurable = pairs.filter((p) => manifests.has(p.courseId));
    const rows = await repo.statementsOf(tenantId, measurable);
    const byPair = new Map<string, RecordedStatement[]>();
    for (const row of rows) {
      const key = `${row.user_id}/${row.course_id}`;
      const statement = recordedStatement(row);
      const list = byPair.get(key);
      if (list) list.push(statement);
      else byPair.set(key, [statement]);
    }
    const now = this.clock.now().toISOString();
    const writes: ProgressWrite[] = measurable.map((pair) =>
      projectProgress(
        tenantId,
        pair,
        manifests.get(pair.courseId)!,
        byPair.get(`${pair.userId}/${pair.courseId}`) ?? [],
        now,
      ),
    );
    await repo.write(tenantId, writes);
  }

  /** Every course in which the learner has progress, most recent activity first. */
  async myProgress(tenantId: string, userId: string): Promise<MyProgressResponse> {
    await this.flushed();
    const rows = await this.repo.courseRows(tenantId, userId);
    rows.sort(
      (a, b) =>
        (b.last_activity_at ?? '').localeCompare(a.last_activity_at ?? '') ||
        a.course_id.localeCompare(b.course_id),
    );
    return { items: rows.map(courseView) };
  }

  /** The learner's progress in one course, with every lesson of its latest version in course order. */
  async myCourseProgress(
    tenantId: string,
    userId: string,
    courseId: string,
  ): Promise<MyCourseProgressResponse> {
    const manifest = (await this.manifests.latest(tenantId, [courseId])).get(courseId);
    if (!manifest)
      throw notFound('course_not_found', 'This course does not exist or is not published', { courseId });
    await this.flushed();
    const [row, lessonRows] = await Promise.all([
      this.repo.courseRow(tenantId, userId, courseId),
      this.repo.lessonRows(tenantId, userId, courseId),
    ]);
    const byLesson = new Map(lessonRows.map((l) => [l.lesson_id, l]));
    const lessons = allLessons(manifest).map((lesson) => {
      const stored = byLesson.get(lesson.id);
      return stored ? lessonView(stored) : notStartedLesson(lesson.id);
    });
    if (row) return { course: courseView(row), lessons };
    const empty = courseProgress(manifest, []);
    const first = allLessons(manifest).find((l) => l.required) ?? allLessons(manifest)[0];
    return {
      course: {
        courseId,
        status: 'not_started',
        percent: 0,
        completedLessons: 0,
        requiredLessons: empty.requiredLessons,
        nextLessonId: first?.id ?? null,
        lastActivityAt: null,
        completedAt: null,
      },
      lessons,
    };
  }
}

export function courseView(row: CourseProgressRow): CourseProgressView {
  return {
    courseId: row.course_id,
    status: row.status,
    percent: row.percent,
    completedLessons: row.completed_lessons,
    requiredLessons: row.required_lessons,
    nextLessonId: row.next_lesson_id,
    lastActivityAt: row.last_activity_at,
    completedAt: row.completed_at,
  };
}

function lessonView(row: LessonProgressRow): LessonProgressView {
  return {
    lessonId: row.lesson_id,
    status: row.status,
    progress: row.progress,
    bestScore: row.best_score,
    passed: row.passed === null ? null : row.passed === 1,
    attempts: row.attempts,
    completedAt: row.completed_at,
  };
}

function notStartedLesson(lessonId: string): LessonProgressView {
  return {
    lessonId,
    status: 'not_started',
    progress: 0,
    bestScore: null,
    passed: null,
    attempts: 0,
    completedAt: null,
  };
}
