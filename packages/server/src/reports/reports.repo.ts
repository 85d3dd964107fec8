import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';

// Report queries. A course's learners are everyone enrolled in it (directly, or
// through a class they learn in) plus everyone who has started it (open courses
// need no enrolment). Every subquery is filtered by tenant: a report never
// reaches another tenant's rows.

export interface LearnerScope {
  /** Only these courses (all when absent). */
  courseIds?: readonly string[];
  /** Only learners of these classes (everyone when absent): an educator's view. */
  classIds?: readonly string[];
}

export interface LearnerCourseRecord {
  course_id: string;
  user_id: string;
  username: string;
  display_name: string;
  enrolled: number;
  status: 'not_started' | 'in_progress' | 'completed' | null;
  percent: number | null;
  completed_lessons: number | null;
  required_lessons: number | null;
  last_activity_at: string | null;
  completed_at: string | null;
  score: number | null;
}

export interface CourseAggregate {
  course_id: string;
  enrolled: number;
  started: number;
  completed: number;
  learners: number;
  average_score: number | null;
}

export interface NamedRow {
  id: string;
  name: string;
}

export interface ClassLearner {
  user_id: string;
  username: string;
  display_name: string;
}

function inList(values: readonly string[]): RawBuilder<unknown> {
  return sql`(${sql.join(values.map((v) => sql`${v}`))})`;
}

/** (course_id, user_id, enrolled) of every learner of every course in scope, with their progress and score. */
function learnerRecords(tenantId: string, scope: LearnerScope): RawBuilder<LearnerCourseRecord> {
  const courseFilter = scope.courseIds ? sql`and pop.course_id in ${inList(scope.courseIds)}` : sql``;
  const classFilter = scope.classIds
    ? sql`and pop.user_id in (select cm.user_id from class_members cm where cm.tenant_id = ${tenantId}
        and cm.class_id in ${inList(scope.classIds)} and cm.role = 'learner' and cm.deleted_at is null)`
    : sql``;
  return sql<LearnerCourseRecord>`
    with enrolled as (
      select e.course_id, e.user_id from enrolments e
      where e.tenant_id = ${tenantId} and e.deleted_at is null and e.course_id is not null and e.user_id is not null
      union
      select e.course_id, cm.user_id from enrolments e
      join class_members cm on cm.tenant_id = e.tenant_id and cm.class_id = e.class_id
      where e.tenant_id = ${tenantId} and e.deleted_at is null and e.course_id is not null
        and cm.role = 'learner' and cm.deleted_at is null
    ),
    pop as (
      select course_id, user_id from enrolled
      union
      select course_id, user_id from course_progress where tenant_id = ${tenantId} and status <> 'not_started'
    ),
    scores as (
      select course_id, user_id, avg(best_score) as score from lesson_progress
      where tenant_id = ${tenantId} and best_score is not null
      group by course_id, user_id
    )
    select pop.course_id, pop.user_id, u.username, u.display_name,
      case when en.user_id is null then 0 else 1 end as enrolled,
      cp.status, cp.percent, cp.completed_lessons, cp.required_lessons, cp.last_activity_at, cp.completed_at,
      s.score
    from pop
    join courses c on c.tenant_id = ${tenantId} and c.id = pop.course_id and c.deleted_at is null
    join users u on u.tenant_id = ${tenantId} and u.id = pop.user_id and u.deleted_at is null
    left join enrolled en on en.course_id = pop.course_id and en.user_id = pop.user_id
    left join course_progress cp on cp.tenant_id = ${tenantId} and cp.user_id = pop.user_id and cp.course_id = pop.course_id
    left join scores s on s.course_id = pop.course_id and s.user_id = pop.user_id
    where 1 = 1 ${courseFilter} ${classFilter}`;
}

export class ReportsRepo {
  constructor(private readonly db: Db) {}

  async learners(tenantId: string, scope: LearnerScope): Promise<LearnerCourseRecord[]> {
    const { rows } = await learnerRecords(tenantId, scope).execute(this.db);
    return rows.map((r) => ({
      ...r,
      enrolled: Number(r.enrolled),
      score: r.score === null ? null : Number(r.score),
    }));
  }

  /** Per course: enrolled, started, completed, learners (enrolled ∪ started) and the mean learner score. */
  async courseAggregates(tenantId: string, scope: LearnerScope): Promise<CourseAggregate[]> {
    const { rows } = await sql<CourseAggregate>`
      select r.course_id,
        sum(r.enrolled) as enrolled,
        sum(case when r.status in ('in_progress', 'completed') then 1 else 0 end) as started,
        sum(case when r.status = 'completed' then 1 else 0 end) as completed,
        count(*) as learners,
        avg(r.score) as average_score
      from (${learnerRecords(tenantId, scope)}) r
      group by r.course_id`.execute(this.db);
    return rows.map((r) => ({
      course_id: r.course_id,
      enrolled: Number(r.enrolled),
      started: Number(r.started),
      completed: Number(r.completed),
      learners: Number(r.learners),
      average_score: r.average_score === null ? null : Number(r.average_score),
    }));
  }

  /** Courses with at least one published version, by title. */
  async publishedCourses(tenantId: string): Promise<NamedRow[]> {
    return this.db
      .selectFrom('courses')
      .select(['id', 'title as name'])
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('course_versions')
            .select('course_versions.id')
            .whereRef('course_versions.course_id', '=', 'courses.id'),
        ),
      )
      .orderBy('title')
      .orderBy('id')
      .execute();
  }

  async courseTitles(tenantId: string, courseIds: readonly string[]): Promise<NamedRow[]> {
    if (courseIds.length === 0) return [];
    return this.db
      .selectFrom('courses')
      .select(['id', 'title as name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...courseIds])
      .where('deleted_at', 'is', null)
      .orderBy('title')
      .orderBy('id')
      .execute();
  }

  async classById(tenantId: string, classId: string): Promise<NamedRow | undefined> {
    return this.db
      .selectFrom('classes')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', classId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  /** The classes a user teaches. */
  async educatorClassIds(tenantId: string, userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('class_members')
      .innerJoin('classes', (join) =>
        join.onRef('classes.id', '=', 'class_members.class_id').on('classes.deleted_at', 'is', null),
      )
      .select('class_members.class_id')
      .where('class_members.tenant_id', '=', tenantId)
      .where('class_members.user_id', '=', userId)
      .where('class_members.role', '=', 'educator')
      .where('class_members.deleted_at', 'is', null)
      .execute();
    return rows.map((r) => r.class_id);
  }

  async classLearners(tenantId: string, classId: string): Promise<ClassLearner[]> {
    return this.db
      .selectFrom('class_members')
      .innerJoin('users', 'users.id', 'class_members.user_id')
      .select(['users.id as user_id', 'users.username', 'users.display_name'])
      .where('class_members.tenant_id', '=', tenantId)
      .where('class_members.class_id', '=', classId)
      .where('class_members.role', '=', 'learner')
      .where('class_members.deleted_at', 'is', null)
      .where('users.tenant_id', '=', tenantId)
      .where('users.deleted_at', 'is', null)
      .orderBy('users.display_name')
      .orderBy('users.id')
      .execute();
  }

  /** Courses assigned to the class as a whole. */
  async classCourseIds(tenantId: string, classId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('enrolments')
      .select('course_id')
      .distinct()
      .where('tenant_id', '=', tenantId)
      .where('class_id', '=', classId)
      .where('deleted_at', 'is', null)
      .where('course_id', 'is not', null)
      .execute();
    return rows.flatMap((r) => (r.course_id === null ? [] : [r.course_id]));
  }
}
