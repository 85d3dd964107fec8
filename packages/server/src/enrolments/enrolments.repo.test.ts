import { uuidv7 } from '@satchel/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../platform/clock.js';
import { TenantsRepo } from '../tenants/tenants.repo.js';
import { TenantService } from '../tenants/tenants.service.js';
import { addClass, addClassMember, addUser, setCourseProgress } from '../test-support/courses-fixtures.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { EnrolmentsRepo, type EnrolmentTarget } from './enrolments.repo.js';

const NOW = '2026-02-01T00:00:00.000Z';

describe.each(await engines())('EnrolmentsRepo on %s', (engine) => {
  let db: TestDb;
  let tenantId: string;
  let repo: EnrolmentsRepo;

  beforeEach(async () => {
    db = await openTestDb(engine);
    tenantId = (
      await new TenantService(new TenantsRepo(db.db), systemClock).create({ slug: 'enr', name: 'Enr' })
    ).id;
    repo = new EnrolmentsRepo(db.db);
  });
  afterEach(async () => db.cleanup());

  async function enrol(
    t: Partial<EnrolmentTarget>,
    source: 'self' | 'assigned' = 'assigned',
    createdAt = NOW,
  ): Promise<string> {
    const id = uuidv7();
    await repo.insert({
      id,
      tenant_id: tenantId,
      course_id: t.courseId ?? null,
      path_id: t.pathId ?? null,
      user_id: t.userId ?? null,
      class_id: t.classId ?? null,
      source,
      assigned_by: null,
      created_at: createdAt,
      updated_at: createdAt,
      version: 1,
      deleted_at: null,
    });
    return id;
  }

  it('finds a user’s own enrolments and those of classes they learn in, not those they teach', async () => {
    const learner = await addUser(db.db, tenantId, 'learner', ['learner']);
    const teacher = await addUser(db.db, tenantId, 'teacher', ['educator']);
    const classId = await addClass(db.db, tenantId, '5A');
    await addClassMember(db.db, tenantId, classId, learner, 'learner');
    await addClassMember(db.db, tenantId, classId, teacher, 'educator');
    const course = uuidv7();
    const own = await enrol({ courseId: course, userId: learner }, 'self', '2026-02-01T00:00:00.000Z');
    const viaClass = await enrol({ courseId: uuidv7(), classId }, 'assigned', '2026-02-02T00:00:00.000Z');
    const removed = await enrol({ courseId: uuidv7(), userId: learner });
    await repo.tombstone(tenantId, removed, NOW);

    expect((await repo.forUser(tenantId, learner)).map((e) => e.id)).toEqual([own, viaClass]);
    expect(await repo.forUser(tenantId, teacher)).toEqual([]);
    expect(await repo.teaches(tenantId, teacher, classId)).toBe(true);
    expect(await repo.teaches(tenantId, learner, classId)).toBe(false);
  });

  it('matches an enrolment exactly, nulls included', async () => {
    const user = uuidv7();
    const course = uuidv7();
    const id = await enrol({ courseId: course, userId: user });
    const target = { courseId: course, pathId: null, userId: user, classId: null };
    expect((await repo.matching(tenantId, target)).map((e) => e.id)).toEqual([id]);
    expect(await repo.matching(tenantId, { ...target, userId: null, classId: user })).toEqual([]);
  });

  it('limits an educator’s list to their classes and those classes’ learners, with names', async () => {
    const teacher = await addUser(db.db, tenantId, 'teacher', ['educator']);
    const learner = await addUser(db.db, tenantId, 'pupil', ['learner']);
    const stranger = await addUser(db.db, tenantId, 'stranger', ['learner']);
    const taught = await addClass(db.db, tenantId, 'Taught');
    const other = await addClass(db.db, tenantId, 'Other');
    await addClassMember(db.db, tenantId, taught, teacher, 'educator');
    await addClassMember(db.db, tenantId, taught, learner, 'learner');
    const course = uuidv7();
    const a = await enrol({ courseId: course, classId: taught });
    const b = await enrol({ courseId: course, userId: learner });
    await enrol({ courseId: course, classId: other });
    await enrol({ courseId: course, userId: stranger });

    const scoped = await repo.list(tenantId, { educatorId: teacher, limit: 50, offset: 0 });
    expect(scoped.total).toBe(2);
    expect(scoped.rows.map((r) => r.id).sort()).toEqual([a, b].sort());
    expect(scoped.rows.find((r) => r.id === a)?.class_name).toBe('Taught');
    expect(scoped.rows.find((r) => r.id === b)?.user_display_name).toBe('User pupil');
    expect((await repo.list(tenantId, { courseId: course, limit: 2, offset: 0 })).total).toBe(4);
    expect((await repo.list(tenantId, { userId: stranger, limit: 50, offset: 0 })).total).toBe(1);
  });

  it('reads course progress rows for chosen courses or all', async () => {
    const user = uuidv7();
    const [c1, c2] = [uuidv7(), uuidv7()];
    await setCourseProgress(db.db, tenantId, user, c1, { status: 'completed', percent: 100 });
    await setCourseProgress(db.db, tenantId, user, c2, {
      status: 'in_progress',
      percent: 30,
      nextLessonId: 'l2',
    });
    expect(await repo.progress(tenantId, user, [c2])).toEqual([
      { course_id: c2, status: 'in_progress', percent: 30, next_lesson_id: 'l2', last_activity_at: null },
    ]);
    expect(await repo.progress(tenantId, user)).toHaveLength(2);
    expect(await repo.progress(tenantId, user, [])).toEqual([]);
  });
});
