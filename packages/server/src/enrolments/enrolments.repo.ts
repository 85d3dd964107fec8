import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { CourseProgressTable, Database, EnrolmentsTable } from '../db/schema.js';

export type EnrolmentRow = Selectable<EnrolmentsTable>;
export type EnrolmentListRow = EnrolmentRow & {
  course_title: string | null;
  path_title: string | null;
  user_display_name: string | null;
  class_name: string | null;
};
export type CourseProgressRow = Pick<
  Selectable<CourseProgressTable>,
  'course_id' | 'status' | 'percent' | 'next_lesson_id' | 'last_activity_at'
>;

export interface EnrolmentTarget {
  courseId: string | null;
  pathId: string | null;
  userId: string | null;
  classId: string | null;
}

export interface EnrolmentListFilter {
  courseId?: string;
  pathId?: string;
  classId?: string;
  userId?: string;
  /** Limit to enrolments of classes this educator teaches and of those classes' learners. */
  educatorId?: string;
  limit: number;
  offset: number;
}

export class EnrolmentsRepo {
  constructor(private readonly db: Db) {}

  async insert(row: Insertable<EnrolmentsTable>): Promise<void> {
    await this.db.insertInto('enrolments').values(row).execute();
  }

  async byId(tenantId: string, id: string): Promise<EnrolmentRow | undefined> {
    return this.db
      .selectFrom('enrolments')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async tombstone(tenantId: string, id: string, now: string): Promise<void> {
    await this.db
      .updateTable('enrolments')
      .set((eb) => ({ deleted_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  /** The live enrolments with exactly this target and subject. */
  async matching(tenantId: string, t: EnrolmentTarget): Promise<EnrolmentRow[]> {
    const is =
      (col: 'course_id' | 'path_id' | 'user_id' | 'class_id', value: string | null) =>
      (eb: ExpressionBuilder<Database, 'enrolments'>) =>
        value === null ? eb(col, 'is', null) : eb(col, '=', value);
    const q = this.db
      .selectFrom('enrolments')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null);
    return q
      .where(is('course_id', t.courseId))
      .where(is('path_id', t.pathId))
      .where(is('user_id', t.userId))
      .where(is('class_id', t.classId))
      .orderBy('created_at')
      .execute();
  }

  /** Every live enrolment that applies to a user: their own, and those of the classes they learn in. */
  async forUser(tenantId: string, userId: string): Promise<EnrolmentRow[]> {
    return this.db
      .selectFrom('enrolments')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null)
      .where((eb) =>
        eb.or([eb('user_id', '=', userId), eb('class_id', 'in', this.learnerClasses(tenantId, userId))]),
      )
      .orderBy('created_at')
      .execute();
  }

  async list(tenantId: string, f: EnrolmentListFilter): Promise<{ rows: EnrolmentListRow[]; total: number }> {
    let q = this.db
      .selectFrom('enrolments')
      .where('enrolments.tenant_id', '=', tenantId)
      .where('enrolments.deleted_at', 'is', null);
    if (f.courseId) q = q.where('enrolments.course_id', '=', f.courseId);
    if (f.pathId) q = q.where('enrolments.path_id', '=', f.pathId);
    if (f.classId) q = q.where('enrolments.class_id', '=', f.classId);
    if (f.userId) q = q.where('enrolments.user_id', '=', f.userId);
    if (f.educatorId) {
      const taught = this.db
        .selectFrom('class_members')
        .select('class_id')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', f.educatorId)
        .where('role', '=', 'educator')
        .where('deleted_at', 'is', null);
      const theirLearners = this.db
        .selectFrom('class_members')
        .select('user_id')
        .where('tenant_id', '=', tenantId)
        .where('role', '=', 'learner')
        .where('deleted_at', 'is', null)
        .where('class_id', 'in', taught);
      q = q.where((eb) =>
        eb.or([eb('enrolments.class_id', 'in', taught), eb('enrolments.user_id', 'in', theirLearners)]),
      );
    }
    const [count, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      q
        .leftJoin('courses', (j) =>
          j
            .onRef('courses.id', '=', 'enrolments.course_id')
            .onRef('courses.tenant_id', '=', 'enrolments.tenant_id'),
        )
        .leftJoin('learning_paths', (j) =>
          j
            .onRef('learning_paths.id', '=', 'enrolments.path_id')
            .onRef('learning_paths.tenant_id', '=', 'enrolments.tenant_id'),
        )
        .leftJoin('users', (j) =>
          j
            .onRef('users.id', '=', 'enrolments.user_id')
            .onRef('users.tenant_id', '=', 'enrolments.tenant_id'),
        )
        .leftJoin('classes', (j) =>
          j
            .onRef('classes.id', '=', 'enrolments.class_id')
            .onRef('classes.tenant_id', '=', 'enrolments.tenant_id'),
        )
        .selectAll('enrolments')
        .select([
          'courses.title as course_title',
          'learning_paths.title as path_title',
          'users.display_name as user_display_name',
          'classes.name as class_name',
        ])
        .orderBy('enrolments.created_at', 'desc')
        .orderBy('enrolments.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
    ]);
    return { rows, total: Number(count?.n ?? 0) };
  }

  async teaches(tenantId: string, userId: string, classId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('class_members')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .where('role', '=', 'educator')
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  async classExists(tenantId: string, classId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('classes')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', classId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  async userExists(tenantId: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', userId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The learner's progress rows (written by the progress projection) for these courses, or all of them. */
  async progress(
    tenantId: string,
    userId: string,
    courseIds?: readonly string[],
  ): Promise<CourseProgressRow[]> {
    if (courseIds?.length === 0) return [];
    let q = this.db
      .selectFrom('course_progress')
      .select(['course_id', 'status', 'percent', 'next_lesson_id', 'last_activity_at'])
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId);
    if (courseIds) q = q.where('course_id', 'in', [...new Set(courseIds)]);
    return q.execute();
  }

  private learnerClasses(tenantId: string, userId: string) {
    return this.db
      .selectFrom('class_members')
      .select('class_id')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('role', '=', 'learner')
      .where('deleted_at', 'is', null);
  }
}
