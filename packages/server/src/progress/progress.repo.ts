import { VERBS } from '@satchel/core';
import { SqliteAdapter, sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { CourseProgressTable, LessonProgressTable } from '../db/schema.js';

export type LessonProgressRow = Selectable<LessonProgressTable>;
export type CourseProgressRow = Selectable<CourseProgressTable>;

export interface UserCourse {
  userId: string;
  courseId: string;
}

export interface ManifestRow {
  id: string;
  course_id: string;
  manifest: string;
}

/** The columns of a statement that progress reads (not the whole statement: cheaper to fetch and parse). */
export interface PairStatementRow {
  user_id: string;
  course_id: string;
  id: string;
  verb_id: string;
  object_id: string;
  registration: string | null;
  timestamp: string;
  stored: string;
  result: string | null;
  authority_kind: string | null;
}

export interface ProgressWrite {
  pair: UserCourse;
  lessons: Insertable<LessonProgressTable>[];
  course: Insertable<CourseProgressTable>;
}

// Keeps each statement well under both engines' bound-parameter limits.
const ROWS_PER_INSERT = 500;

export class ProgressRepo {
  constructor(private readonly db: Db) {}

  async latestVersionIds(tenantId: string, courseIds: readonly string[]): Promise<Map<string, string>> {
    if (courseIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('course_versions')
      .select(['course_id', 'id', 'version'])
      .where('tenant_id', '=', tenantId)
      .where('course_id', 'in', [...courseIds])
      .execute();
    const latest = new Map<string, { id: string; version: number }>();
    for (const row of rows) {
      const seen = latest.get(row.course_id);
      if (!seen || row.version > seen.version)
        latest.set(row.course_id, { id: row.id, version: row.version });
    }
    return new Map([...latest].map(([courseId, v]) => [courseId, v.id]));
  }

  async manifest(tenantId: string, versionId: string): Promise<ManifestRow | undefined> {
    return this.db
      .selectFrom('course_versions')
      .select(['id', 'course_id', 'manifest'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', versionId)
      .executeTakeFirst();
  }

  /** The statements that still count (neither voided nor voiding) of each learner in each course. */
  async statementsOf(tenantId: string, pairs: readonly UserCourse[]): Promise<PairStatementRow[]> {
    if (pairs.length === 0) return [];
    const rows = await this.db
      .selectFrom('statements')
      .select([
        'user_id',
        'course_id',
        'id',
        'verb_id',
        'object_id',
        'registration',
        'timestamp',
        'stored',
        'result',
        'authority_kind',
      ])
      .where('tenant_id', '=', tenantId)
      .where('voided', '=', 0)
      .where('verb_id', '!=', VERBS.voided)
      // A row-value IN over VALUES, not an OR of pairs: SQLite without ANALYZE statistics
      // scans every statement of the tenant for the OR, but probes statements_user_course
      // once per pair for this (milliseconds against tens of them on a large record).
      .where(
        sql<boolean>`(${sql.ref('user_id')}, ${sql.ref('course_id')}) in (values ${sql.join(pairs.map((p) => sql`(${p.userId}, ${p.courseId})`))})`,
      )
      .execute();
    return rows.filter((r): r is PairStatementRow => r.user_id !== null && r.course_id !== null);
  }

  /**
   * Inside a transaction on SQLite, takes the write lock now (an UPDATE that matches nothing
   * still does), so a transaction that reads before it writes never has to upgrade its lock,
   * which fails at once when another process wrote meanwhile. Nothing on PostgreSQL.
   */
  async claimWriter(): Promise<void> {
    if (!(this.db.getExecutor().adapter instanceof SqliteAdapter)) return;
    await sql`update course_progress set status = status where 0 = 1`.execute(this.db);
  }

  /** `write` in a transaction of its own. */
  async save(tenantId: string, writes: readonly ProgressWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await this.transaction((tx) => tx.write(tenantId, writes));
  }

  /** Runs `work` in one transaction, with a repository bound to it. */
  async transaction<T>(work: (repo: ProgressRepo) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((tx) => work(new ProgressRepo(tx)));
  }

  /**
   * Writes the projections of several (learner, course) pairs, in the caller's transaction
   * (see `transaction`): upserts their course and lesson rows and removes lesson rows that
   * no longer apply (a voided statement, a lesson dropped from the course). Upserts, so two
   * recomputations racing on one pair never collide on a key.
   */
  async write(tenantId: string, writes: readonly ProgressWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const kept = writes.flatMap((w) => w.lessons);
    await this.db
      .deleteFrom('lesson_progress')
      .where('tenant_id', '=', tenantId)
      // Row values keep this one index lookup per pair on both engines (a long OR made
      // SQLite scan the tenant's rows).
      .where(
        sql<boolean>`(${sql.ref('user_id')}, ${sql.ref('course_id')}) in (values ${sql.join(
          writes.map((w) => sql`(${w.pair.userId}, ${w.pair.courseId})`),
        )})`,
      )
      .$if(kept.length > 0, (q) =>
        q.where(
          sql<boolean>`(${sql.ref('user_id')}, ${sql.ref('course_id')}, ${sql.ref('lesson_id')}) not in (values ${sql.join(
            kept.map((l) => sql`(${l.user_id}, ${l.course_id}, ${l.lesson_id})`),
          )})`,
        ),
      )
      .execute();
    for (let i = 0; i < kept.length; i += ROWS_PER_INSERT) {
      await this.db
        .insertInto('lesson_progress')
        .values(kept.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'user_id', 'course_id', 'lesson_id']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            progress: eb.ref('excluded.progress'),
            best_score: eb.ref('excluded.best_score'),
            passed: eb.ref('excluded.passed'),
            attempts: eb.ref('excluded.attempts'),
            completed_at: eb.ref('excluded.completed_at'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    const courses = writes.map((w) => w.course);
    for (let i = 0; i < courses.length; i += ROWS_PER_INSERT) {
      await this.db
        .insertInto('course_progress')
        .values(courses.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'user_id', 'course_id']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            percent: eb.ref('excluded.percent'),
            completed_lessons: eb.ref('excluded.completed_lessons'),
            required_lessons: eb.ref('excluded.required_lessons'),
            next_lesson_id: eb.ref('excluded.next_lesson_id'),
            last_activity_at: eb.ref('excluded.last_activity_at'),
            completed_at: eb.ref('excluded.completed_at'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  /** Learners with progress in the course. */
  async learnersOf(tenantId: string, courseId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('course_progress')
      .select('user_id')
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', courseId)
      .execute();
    return rows.map((r) => r.user_id);
  }

  async courseRows(tenantId: string, userId: string): Promise<CourseProgressRow[]> {
    return this.db
      .selectFrom('course_progress')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .execute();
  }

  async courseRow(
    tenantId: string,
    userId: string,
    courseId: string,
  ): Promise<CourseProgressRow | undefined> {
    return this.db
      .selectFrom('course_progress')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('course_id', '=', courseId)
      .executeTakeFirst();
  }

  async lessonRows(tenantId: string, userId: string, courseId: string): Promise<LessonProgressRow[]> {
    return this.db
      .selectFrom('lesson_progress')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('course_id', '=', courseId)
      .execute();
  }
}
