import type {
  ClassProgressCell,
  ClassReportResponse,
  CourseReportResponse,
  CoursesReportResponse,
  LearnerCourseRow,
} from '@satchel/core';
import { hasRole, type Actor } from '../http/context.js';
import { forbidden, notFound } from '../http/errors.js';
import type { LearnerCourseRecord, LearnerScope, ReportsRepo } from './reports.repo.js';

const byText = (a: string, b: string): number => a.localeCompare(b, 'en') || (a < b ? -1 : a > b ? 1 : 0);

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * Learning reports for admins (the whole tenant) and educators (the learners of
 * the classes they teach, and nobody else).
 */
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepo,
    /** Reports read projections: wait for statements just stored to be projected. */
    private readonly progress: { flushed(): Promise<void> },
  ) {}

  async courses(actor: Actor): Promise<CoursesReportResponse> {
    const scope = await this.scope(actor);
    if (scope === 'nobody') return { items: [] };
    await this.progress.flushed();
    const [courses, aggregates] = await Promise.all([
      this.repo.publishedCourses(actor.tenantId),
      this.repo.courseAggregates(actor.tenantId, scope),
    ]);
    const byCourse = new Map(aggregates.map((a) => [a.course_id, a]));
    const items = courses.map((c) => {
      const a = byCourse.get(c.id);
      return {
        courseId: c.id,
        title: c.name,
        enrolled: a?.enrolled ?? 0,
        started: a?.started ?? 0,
        completed: a?.completed ?? 0,
        completionRate: a && a.learners > 0 ? round4(a.completed / a.learners) : 0,
        averageBestScore: a === undefined || a.average_score === null ? null : round4(a.average_score),
      };
    });
    items.sort((x, y) => byText(x.title, y.title) || byText(x.courseId, y.courseId));
    return { items };
  }

  async course(actor: Actor, courseId: string): Promise<CourseReportResponse> {
    const [course] = await this.repo.courseTitles(actor.tenantId, [courseId]);
    if (!course) throw notFound('course_not_found', 'This course does not exist', { courseId });
    const scope = await this.scope(actor);
    await this.progress.flushed();
    const records =
      scope === 'nobody' ? [] : await this.repo.learners(actor.tenantId, { ...scope, courseIds: [courseId] });
    const items = records.map(learnerRow);
    items.sort((x, y) => byText(x.displayName, y.displayName) || byText(x.userId, y.userId));
    return { course: { courseId: course.id, title: course.name }, items };
  }

  async class(actor: Actor, classId: string): Promise<ClassReportResponse> {
    const klass = await this.repo.classById(actor.tenantId, classId);
    if (!klass) throw notFound('class_not_found', 'This class does not exist', { classId });
    if (!hasRole(actor, 'admin')) {
      const taught = await this.repo.educatorClassIds(actor.tenantId, actor.userId);
      if (!taught.includes(classId))
        throw forbidden('Only the educators of this class and admins can see its progress');
    }
    await this.progress.flushed();
    const [learners, assigned, records] = await Promise.all([
      this.repo.classLearners(actor.tenantId, classId),
      this.repo.classCourseIds(actor.tenantId, classId),
      this.repo.learners(actor.tenantId, { classIds: [classId] }),
    ]);
    const started = records
      .filter((r) => r.status === 'in_progress' || r.status === 'completed')
      .map((r) => r.course_id);
    const courses = await this.repo.courseTitles(actor.tenantId, [...new Set([...assigned, ...started])]);
    courses.sort((x, y) => byText(x.name, y.name) || byText(x.id, y.id));
    const cellOf = new Map(records.map((r) => [`${r.user_id}/${r.course_id}`, r]));
    learners.sort((x, y) => byText(x.display_name, y.display_name) || byText(x.user_id, y.user_id));
    return {
      class: { classId: klass.id, name: klass.name },
      courses: courses.map((c) => ({ courseId: c.id, title: c.name })),
      learners: learners.map((l) => ({
        userId: l.user_id,
        username: l.username,
        displayName: l.display_name,
        cells: courses.map((c) => cell(c.id, cellOf.get(`${l.user_id}/${c.id}`))),
      })),
    };
  }

  /** Whom the actor may report on: everyone (admins), their classes' learners (educators) or nobody. */
  private async scope(actor: Actor): Promise<LearnerScope | 'nobody'> {
    if (hasRole(actor, 'admin')) return {};
    const classIds = await this.repo.educatorClassIds(actor.tenantId, actor.userId);
    return classIds.length === 0 ? 'nobody' : { classIds };
  }
}

function learnerRow(r: LearnerCourseRecord): LearnerCourseRow {
  return {
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    enrolled: r.enrolled === 1,
    status: r.status ?? 'not_started',
    percent: r.percent ?? 0,
    completedLessons: r.completed_lessons ?? 0,
    requiredLessons: r.required_lessons ?? 0,
    score: r.score === null ? null : round4(r.score),
    lastActivityAt: r.last_activity_at,
    completedAt: r.completed_at,
  };
}

function cell(courseId: string, r: LearnerCourseRecord | undefined): ClassProgressCell {
  return {
    courseId,
    status: r?.status ?? 'not_started',
    percent: r?.percent ?? 0,
    score: r === undefined || r.score === null ? null : round4(r.score),
    completedAt: r?.completed_at ?? null,
  };
}
