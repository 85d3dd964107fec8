import {
  blobUrl,
  uuidv7,
  type AssignEnrolmentRequest,
  type CourseEnrolmentState,
  type CourseProgressSummary,
  type Enrolment,
  type EnrolmentListQuery,
  type EnrolmentListResponse,
  type EnrolmentPolicy,
  type MyCourse,
  type MyCoursesResponse,
  type SelfEnrolResponse,
} from '@satchel/core';
import type { CatalogRepo } from '../catalog/catalog.repo.js';
import { courseNotFound, type CourseService } from '../courses/courses.service.js';
import type { Actor, TenantRef } from '../http/context.js';
import { hasRole } from '../http/context.js';
import { AppError, conflict, forbidden, notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import { parseJson } from '../platform/json.js';
import type { PathsRepo } from '../paths/paths.repo.js';
import type { EnrolmentRow, EnrolmentsRepo } from './enrolments.repo.js';

export type Through = CourseEnrolmentState['through'][number];

export interface EnrolInput {
  courseId?: string;
  pathId?: string;
  userId?: string;
  classId?: string;
  source: 'self' | 'assigned';
  assignedBy?: string | null;
}

export interface Prerequisite {
  courseId: string;
  title: string;
  complete: boolean;
}

/** Who takes which course: self-enrolment, assignment to users and classes, and the learner's own list. */
export class EnrolmentService {
  constructor(
    private readonly repo: EnrolmentsRepo,
    private readonly paths: PathsRepo,
    private readonly catalog: CatalogRepo,
    private readonly courses: CourseService,
    private readonly clock: Clock,
  ) {}

  /** Records an enrolment without access checks (scripts, imports); an identical live one is returned instead. */
  async enrol(tenantId: string, input: EnrolInput): Promise<Enrolment> {
    const target = {
      courseId: input.courseId ?? null,
      pathId: input.pathId ?? null,
      userId: input.userId ?? null,
      classId: input.classId ?? null,
    };
    if (
      (target.courseId === null) === (target.pathId === null) ||
      (target.userId === null) === (target.classId === null)
    ) {
      throw new AppError(
        400,
        'enrolment_invalid',
        'An enrolment names one course or path and one user or class',
      );
    }
    const existing =
      (await this.repo.matching(tenantId, target)).find((e) => e.source === input.source) ?? undefined;
    if (existing) return toEnrolment(existing);
    const now = this.clock.now().toISOString();
    const id = uuidv7();
    await this.repo.insert({
      id,
      tenant_id: tenantId,
      course_id: target.courseId,
      path_id: target.pathId,
      user_id: target.userId,
      class_id: target.classId,
      source: input.source,
      assigned_by: input.assignedBy ?? null,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    });
    return toEnrolment((await this.repo.byId(tenantId, id))!);
  }

  /** A learner enrols in a course that accepts it, once its prerequisites are complete. */
  async selfEnrol(tenantId: string, userId: string, courseId: string): Promise<SelfEnrolResponse> {
    const course = await this.courses.latestManifest(tenantId, courseId);
    if (!course) throw courseNotFound(courseId);
    const current = (await this.repo.forUser(tenantId, userId)).filter((e) => e.course_id === courseId);
    const already = current.find((e) => e.user_id === userId && e.source === 'self') ?? current[0];
    const prerequisites = await this.prerequisites(tenantId, userId, course.manifest.prerequisiteCourseIds);
    const complete = prerequisites.every((p) => p.complete);
    if (already)
      return {
        enrolment: toEnrolment(already),
        state: await this.state(tenantId, userId, courseId, course.enrolmentPolicy, complete),
      };
    if (course.enrolmentPolicy === 'assigned') {
      throw new AppError(
        403,
        'enrolment_assigned_only',
        'This course is assigned by an educator or an administrator',
        { courseId },
      );
    }
    if (!complete) {
      throw conflict('prerequisites_incomplete', 'Complete the prerequisite courses first', {
        missing: prerequisites
          .filter((p) => !p.complete)
          .map((p) => ({ courseId: p.courseId, title: p.title })),
      });
    }
    const enrolment = await this.enrol(tenantId, { courseId, userId, source: 'self' });
    return {
      enrolment,
      state: await this.state(tenantId, userId, courseId, course.enrolmentPolicy, complete),
    };
  }

  /** Leaves a course the learner enrolled in themselves; assigned enrolments stay. */
  async unenrolSelf(tenantId: string, userId: string, courseId: string): Promise<void> {
    const mine = (await this.repo.forUser(tenantId, userId)).filter((e) => e.course_id === courseId);
    const own = mine.filter((e) => e.user_id === userId && e.source === 'self');
    if (own.length === 0) {
      if (mine.length > 0)
        throw conflict('enrolment_assigned', 'This course was assigned to you; ask who assigned it', {
          courseId,
        });
      throw notFound('enrolment_not_found', 'You are not enrolled in this course', { courseId });
    }
    const now = this.clock.now().toISOString();
    for (const e of own) await this.repo.tombstone(tenantId, e.id, now);
  }

  /** Admins assign to anyone; educators only to the classes they teach. */
  async assign(tenantId: string, actor: Actor, req: AssignEnrolmentRequest): Promise<Enrolment> {
    const isAdmin = hasRole(actor, 'admin');
    if (!isAdmin && (!req.classId || !(await this.repo.teaches(tenantId, actor.userId, req.classId)))) {
      throw forbidden('Educators can assign courses only to the classes they teach');
    }
    if (req.courseId) await this.courses.editableRow(tenantId, req.courseId);
    if (req.pathId && !(await this.paths.byId(tenantId, req.pathId)))
      throw notFound('path_not_found', 'There is no such learning path');
    if (req.userId && !(await this.repo.userExists(tenantId, req.userId)))
      throw notFound('user_not_found', 'There is no such user');
    if (req.classId && !(await this.repo.classExists(tenantId, req.classId)))
      throw notFound('class_not_found', 'There is no such class');
    return this.enrol(tenantId, { ...req, source: 'assigned', assignedBy: actor.userId });
  }

  async list(tenantId: string, actor: Actor, query: EnrolmentListQuery): Promise<EnrolmentListResponse> {
    const isAdmin = hasRole(actor, 'admin');
    if (!isAdmin && query.classId && !(await this.repo.teaches(tenantId, actor.userId, query.classId))) {
      throw forbidden('You can see the enrolments of the classes you teach');
    }
    const { rows, total } = await this.repo.list(tenantId, {
      ...(query.courseId ? { courseId: query.courseId } : {}),
      ...(query.pathId ? { pathId: query.pathId } : {}),
      ...(query.classId ? { classId: query.classId } : {}),
      ...(query.userId ? { userId: query.userId } : {}),
      ...(isAdmin ? {} : { educatorId: actor.userId }),
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return {
      items: rows.map((r) => ({
        ...toEnrolment(r),
        courseTitle: r.course_title,
        pathTitle: r.path_title,
        userDisplayName: r.user_display_name,
        className: r.class_name,
      })),
      total,
    };
  }

  async remove(tenantId: string, actor: Actor, enrolmentId: string): Promise<void> {
    const row = await this.repo.byId(tenantId, enrolmentId);
    if (!row) throw notFound('enrolment_not_found', 'There is no such enrolment', { enrolmentId });
    if (
      !hasRole(actor, 'admin') &&
      !(row.class_id && (await this.repo.teaches(tenantId, actor.userId, row.class_id)))
    ) {
      throw forbidden('Educators can remove only the enrolments of classes they teach');
    }
    await this.repo.tombstone(tenantId, enrolmentId, this.clock.now().toISOString());
  }

  /** For each course the user is enrolled in, every way they are (paths expanded to their courses). */
  async coursesOf(tenantId: string, userId: string): Promise<Map<string, Through[]>> {
    const rows = await this.repo.forUser(tenantId, userId);
    const out = new Map<string, Set<Through>>();
    const add = (courseId: string, how: Through) => {
      const set = out.get(courseId) ?? new Set<Through>();
      set.add(how);
      out.set(courseId, set);
    };
    for (const row of rows) {
      if (row.course_id) add(row.course_id, throughOf(row, userId));
    }
    const pathIds = rows.flatMap((r) => (r.path_id ? [r.path_id] : []));
    for (const path of await this.paths.byIds(tenantId, pathIds)) {
      for (const courseId of parseJson<string[]>(path.course_ids, 'learning_paths.course_ids'))
        add(courseId, 'path');
    }
    return new Map([...out].map(([courseId, set]) => [courseId, [...set]]));
  }

  async state(
    tenantId: string,
    userId: string,
    courseId: string,
    policy: EnrolmentPolicy,
    prerequisitesComplete: boolean,
  ): Promise<CourseEnrolmentState> {
    const through = (await this.coursesOf(tenantId, userId)).get(courseId) ?? [];
    const enrolled = through.length > 0;
    return {
      enrolled,
      through,
      canEnrol: !enrolled && policy !== 'assigned' && prerequisitesComplete,
      canUnenrol: through.includes('self'),
      canStart: enrolled || (policy === 'open' && prerequisitesComplete),
    };
  }

  /** Whether the user may learn in a course now: enrolled, or the course is open to all. */
  async canLearn(tenantId: string, userId: string, courseId: string): Promise<boolean> {
    const course = await this.courses.latestManifest(tenantId, courseId);
    if (!course) return false;
    if (course.enrolmentPolicy === 'open') return true;
    return (await this.coursesOf(tenantId, userId)).has(courseId);
  }

  /** The first start of an open course enrols the learner; returns whether they may learn in it. */
  async startLearning(tenantId: string, userId: string, courseId: string): Promise<boolean> {
    const course = await this.courses.latestManifest(tenantId, courseId);
    if (!course) return false;
    if ((await this.coursesOf(tenantId, userId)).has(courseId)) return true;
    if (course.enrolmentPolicy !== 'open') return false;
    await this.enrol(tenantId, { courseId, userId, source: 'self' });
    return true;
  }

  /** The prerequisite courses, in order, with their titles and whether the user completed them. */
  async prerequisites(
    tenantId: string,
    userId: string,
    courseIds: readonly string[],
  ): Promise<Prerequisite[]> {
    if (courseIds.length === 0) return [];
    const [entries, titles, progress] = await Promise.all([
      this.catalog.entries(tenantId, courseIds),
      this.courses.titles(tenantId, courseIds),
      this.repo.progress(tenantId, userId, courseIds),
    ]);
    const published = new Map(entries.map((e) => [e.course_id, e.title]));
    const done = new Set(progress.filter((p) => p.status === 'completed').map((p) => p.course_id));
    return courseIds.map((id) => ({
      courseId: id,
      title: published.get(id) ?? titles.get(id) ?? id,
      complete: done.has(id),
    }));
  }

  /** The learning paths the user is enrolled in, directly or through a class. */
  async pathIdsOf(tenantId: string, userId: string): Promise<Set<string>> {
    return new Set(
      (await this.repo.forUser(tenantId, userId)).flatMap((r) => (r.path_id ? [r.path_id] : [])),
    );
  }

  async progressByCourse(
    tenantId: string,
    userId: string,
    courseIds: readonly string[],
  ): Promise<Map<string, CourseProgressSummary>> {
    const rows = await this.repo.progress(tenantId, userId, courseIds);
    return new Map(
      rows.map((r) => [
        r.course_id,
        {
          status: r.status,
          percent: r.percent,
          nextLessonId: r.next_lesson_id,
          lastActivityAt: r.last_activity_at,
        },
      ]),
    );
  }

  async progress(tenantId: string, userId: string, courseId: string): Promise<CourseProgressSummary | null> {
    return (await this.progressByCourse(tenantId, userId, [courseId])).get(courseId) ?? null;
  }

  /** The learner's home page: published courses they are enrolled in or have started. */
  async myCourses(tenant: TenantRef, userId: string): Promise<MyCoursesResponse> {
    const [enrolled, progress] = await Promise.all([
      this.coursesOf(tenant.id, userId),
      this.repo.progress(tenant.id, userId),
    ]);
    const entries = await this.catalog.entries(tenant.id, [
      ...enrolled.keys(),
      ...progress.map((p) => p.course_id),
    ]);
    const byCourse = new Map(progress.map((p) => [p.course_id, p]));
    const items: MyCourse[] = entries.map((e) => {
      const p = byCourse.get(e.course_id);
      return {
        courseId: e.course_id,
        title: e.title,
        language: e.language,
        coverUrl: e.cover_sha256 ? blobUrl(tenant.slug, e.cover_sha256) : null,
        percent: p?.percent ?? 0,
        status: p?.status ?? 'not_started',
        lastActivityAt: p?.last_activity_at ?? null,
        nextLessonId: p?.next_lesson_id ?? null,
      };
    });
    items.sort(
      (a, b) =>
        (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? '') || a.title.localeCompare(b.title),
    );
    return { items };
  }
}

function throughOf(row: EnrolmentRow, userId: string): Through {
  if (row.user_id !== userId) return 'class';
  return row.source === 'self' ? 'self' : 'user';
}

function toEnrolment(row: EnrolmentRow): Enrolment {
  return {
    id: row.id,
    courseId: row.course_id,
    pathId: row.path_id,
    userId: row.user_id,
    classId: row.class_id,
    source: row.source,
    assignedBy: row.assigned_by,
    createdAt: row.created_at,
  };
}
