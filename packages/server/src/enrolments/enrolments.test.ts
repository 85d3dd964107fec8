import type {
  CoursePage,
  Enrolment,
  EnrolmentListResponse,
  MyCoursesResponse,
  SelfEnrolResponse,
} from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import {
  addClass,
  addClassMember,
  client,
  createTenant,
  draft,
  member,
  publishedCourse,
  setCourseProgress,
  type Member,
} from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

describe.each(await engines())('enrolments on %s', (engine) => {
  let server: TestServer;
  let n = 0;
  beforeAll(async () => {
    server = await startTestServer({ engine });
  });
  afterAll(async () => server.close());

  interface Platform {
    tenant: TenantRef;
    admin: Member;
    learner: Member;
    api: (m: Member) => ReturnType<typeof client>;
    url: (path: string) => string;
  }

  async function platform(): Promise<Platform> {
    const tenant = await createTenant(server, `enrol-${++n}`);
    return {
      tenant,
      admin: await member(server, tenant, 'admin', ['admin']),
      learner: await member(server, tenant, 'learner', ['learner']),
      api: (m) => client(server, m.cookie),
      url: (path) => `/api/t/${tenant.slug}${path}`,
    };
  }

  const page = async (p: Platform, m: Member, courseId: string) =>
    (await p.api(m).get(p.url(`/courses/${courseId}`))).json as CoursePage;

  it('lets a learner enrol in and leave a course that accepts self-enrolment', async () => {
    const p = await platform();
    const { courseId } = await publishedCourse(server, p.tenant.id, draft('Self'), {
      enrolmentPolicy: 'self',
    });
    const res = await p.api(p.learner).post(p.url(`/courses/${courseId}/enrol`));
    expect(res.status).toBe(201);
    const body = res.json as SelfEnrolResponse;
    expect(body.enrolment).toMatchObject({ courseId, userId: p.learner.userId, source: 'self' });
    expect(body.state).toMatchObject({ enrolled: true, through: ['self'], canUnenrol: true, canStart: true });
    const twice = await p.api(p.learner).post(p.url(`/courses/${courseId}/enrol`));
    expect((twice.json as SelfEnrolResponse).enrolment.id).toBe(body.enrolment.id);

    expect((await p.api(p.learner).del(p.url(`/courses/${courseId}/enrol`))).status).toBe(204);
    expect((await page(p, p.learner, courseId)).enrolment.enrolled).toBe(false);
    const again = await p.api(p.learner).del(p.url(`/courses/${courseId}/enrol`));
    expect(again.status).toBe(404);
    expect(again.json).toMatchObject({ error: { code: 'enrolment_not_found' } });
  });

  it('keeps assigned-only courses for assignment, and assigned learners cannot leave them', async () => {
    const p = await platform();
    const { courseId } = await publishedCourse(server, p.tenant.id, draft('Assigned'), {
      enrolmentPolicy: 'assigned',
    });
    const self = await p.api(p.learner).post(p.url(`/courses/${courseId}/enrol`));
    expect(self.status).toBe(403);
    expect(self.json).toMatchObject({ error: { code: 'enrolment_assigned_only' } });
    expect((await page(p, p.learner, courseId)).enrolment).toMatchObject({
      enrolled: false,
      canEnrol: false,
      canStart: false,
    });

    const assigned = await p.api(p.admin).post(p.url('/enrolments'), { courseId, userId: p.learner.userId });
    expect(assigned.status).toBe(201);
    expect(assigned.json).toMatchObject({ source: 'assigned', assignedBy: p.admin.userId });
    expect((await page(p, p.learner, courseId)).enrolment).toMatchObject({
      enrolled: true,
      through: ['user'],
      canStart: true,
      canUnenrol: false,
    });
    const leave = await p.api(p.learner).del(p.url(`/courses/${courseId}/enrol`));
    expect(leave.status).toBe(409);
    expect(leave.json).toMatchObject({ error: { code: 'enrolment_assigned' } });
  });

  it('refuses self-enrolment until the prerequisites are complete', async () => {
    const p = await platform();
    const first = await publishedCourse(server, p.tenant.id, draft('Step one'));
    const { courseId } = await publishedCourse(
      server,
      p.tenant.id,
      draft('Step two', { prerequisiteCourseIds: [first.courseId] }),
    );
    const refused = await p.api(p.learner).post(p.url(`/courses/${courseId}/enrol`));
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({
      error: {
        code: 'prerequisites_incomplete',
        details: { missing: [{ courseId: first.courseId, title: 'Step one' }] },
      },
    });
    await setCourseProgress(server.db.db, p.tenant.id, p.learner.userId, first.courseId, {
      status: 'in_progress',
      percent: 50,
    });
    expect((await p.api(p.learner).post(p.url(`/courses/${courseId}/enrol`))).status).toBe(409);
    await setCourseProgress(server.db.db, p.tenant.id, p.learner.userId, first.courseId, {
      status: 'completed',
      percent: 100,
    });
    expect((await p.api(p.learner).post(p.url(`/courses/${courseId}/enrol`))).status).toBe(201);
  });

  it('applies a class enrolment to the class’s learners, including those who join later', async () => {
    const p = await platform();
    const { courseId } = await publishedCourse(server, p.tenant.id, draft('Class course'), {
      enrolmentPolicy: 'assigned',
    });
    const classId = await addClass(server.db.db, p.tenant.id, 'Class 4B');
    await addClassMember(server.db.db, p.tenant.id, classId, p.learner.userId, 'learner');
    expect((await p.api(p.admin).post(p.url('/enrolments'), { courseId, classId })).status).toBe(201);
    const late = await member(server, p.tenant, 'latecomer', ['learner']);
    const outsider = await member(server, p.tenant, 'outsider', ['learner']);
    await addClassMember(server.db.db, p.tenant.id, classId, late.userId, 'learner');

    for (const m of [p.learner, late]) {
      expect((await page(p, m, courseId)).enrolment).toMatchObject({ enrolled: true, through: ['class'] });
      expect(
        ((await p.api(m).get(p.url('/me/courses'))).json as MyCoursesResponse).items.map((i) => i.courseId),
      ).toEqual([courseId]);
    }
    expect((await page(p, outsider, courseId)).enrolment.enrolled).toBe(false);
    expect(((await p.api(outsider).get(p.url('/me/courses'))).json as MyCoursesResponse).items).toEqual([]);
  });

  it('lets educators assign only to the classes they teach', async () => {
    const p = await platform();
    const teacher = await member(server, p.tenant, 'teacher', ['educator']);
    const { courseId } = await publishedCourse(server, p.tenant.id, draft('Teach'), {
      enrolmentPolicy: 'assigned',
    });
    const mine = await addClass(server.db.db, p.tenant.id, 'Mine');
    const theirs = await addClass(server.db.db, p.tenant.id, 'Theirs');
    await addClassMember(server.db.db, p.tenant.id, mine, teacher.userId, 'educator');
    await addClassMember(server.db.db, p.tenant.id, mine, p.learner.userId, 'learner');

    const ok = await p.api(teacher).post(p.url('/enrolments'), { courseId, classId: mine });
    expect(ok.status).toBe(201);
    expect((await p.api(teacher).post(p.url('/enrolments'), { courseId, classId: theirs })).status).toBe(403);
    expect(
      (await p.api(teacher).post(p.url('/enrolments'), { courseId, userId: p.learner.userId })).status,
    ).toBe(403);
    const adminOnTheirs = (await p.api(p.admin).post(p.url('/enrolments'), { courseId, classId: theirs }))
      .json as Enrolment;

    const seen = (await p.api(teacher).get(p.url(`/enrolments?courseId=${courseId}`)))
      .json as EnrolmentListResponse;
    expect(seen.items.map((e) => e.classId)).toEqual([mine]);
    expect(seen.items[0]).toMatchObject({ className: 'Mine', courseTitle: 'Teach' });
    expect((await p.api(teacher).get(p.url(`/enrolments?classId=${theirs}`))).status).toBe(403);
    expect((await p.api(teacher).del(p.url(`/enrolments/${adminOnTheirs.id}`))).status).toBe(403);
    expect((await p.api(teacher).del(p.url(`/enrolments/${(ok.json as Enrolment).id}`))).status).toBe(204);
    expect(
      ((await p.api(p.admin).get(p.url(`/enrolments?courseId=${courseId}`))).json as EnrolmentListResponse)
        .total,
    ).toBe(1);
    expect((await p.api(p.learner).post(p.url('/enrolments'), { courseId, classId: mine })).status).toBe(403);
    expect((await p.api(p.learner).get(p.url('/enrolments'))).status).toBe(403);
  });

  it('validates assignments and keeps each platform’s enrolments apart', async () => {
    const a = await platform();
    const b = await platform();
    const { courseId } = await publishedCourse(server, a.tenant.id, draft('A only'), {
      enrolmentPolicy: 'assigned',
    });
    const bad = await a
      .api(a.admin)
      .post(a.url('/enrolments'), { courseId, userId: a.learner.userId, classId: a.learner.userId });
    expect(bad.status).toBe(400);
    const enrolment = (
      await a.api(a.admin).post(a.url('/enrolments'), { courseId, userId: a.learner.userId })
    ).json as Enrolment;

    expect(
      (await b.api(b.admin).post(b.url('/enrolments'), { courseId, userId: b.learner.userId })).status,
    ).toBe(404);
    const crossUser = await a.api(a.admin).post(a.url('/enrolments'), { courseId, userId: b.learner.userId });
    expect(crossUser.json).toMatchObject({ error: { code: 'user_not_found' } });
    const foreignDelete = await b.api(b.admin).del(b.url(`/enrolments/${enrolment.id}`));
    expect(foreignDelete.status).toBe(404);
    expect(((await b.api(b.admin).get(b.url('/enrolments'))).json as EnrolmentListResponse).total).toBe(0);
    expect((await b.api(b.learner).post(b.url(`/courses/${courseId}/enrol`))).status).toBe(404);
  });

  it('builds the learner home page from enrolments and progress, most recent first', async () => {
    const p = await platform();
    const cover = (
      await publishedCourse(server, p.tenant.id, draft('Not started'), { enrolmentPolicy: 'self' })
    ).courseId;
    const recent = (await publishedCourse(server, p.tenant.id, draft('Recent'))).courseId;
    const older = (await publishedCourse(server, p.tenant.id, draft('Older'))).courseId;
    const withdrawn = (await publishedCourse(server, p.tenant.id, draft('Withdrawn'))).courseId;
    await p.api(p.learner).post(p.url(`/courses/${cover}/enrol`));
    // Open courses started without enrolling appear through their progress.
    await setCourseProgress(server.db.db, p.tenant.id, p.learner.userId, recent, {
      status: 'in_progress',
      percent: 40,
      nextLessonId: 'lesson-2',
      lastActivityAt: '2026-03-02T10:00:00.000Z',
    });
    await setCourseProgress(server.db.db, p.tenant.id, p.learner.userId, older, {
      status: 'completed',
      percent: 100,
      lastActivityAt: '2026-03-01T10:00:00.000Z',
    });
    await setCourseProgress(server.db.db, p.tenant.id, p.learner.userId, withdrawn, {
      status: 'in_progress',
      percent: 10,
      lastActivityAt: '2026-03-03T10:00:00.000Z',
    });
    await server.services.courses.archive(p.tenant.id, withdrawn);

    const home = (await p.api(p.learner).get(p.url('/me/courses'))).json as MyCoursesResponse;
    expect(home.items).toEqual([
      {
        courseId: recent,
        title: 'Recent',
        language: 'en',
        coverUrl: null,
        percent: 40,
        status: 'in_progress',
        lastActivityAt: '2026-03-02T10:00:00.000Z',
        nextLessonId: 'lesson-2',
      },
      {
        courseId: older,
        title: 'Older',
        language: 'en',
        coverUrl: null,
        percent: 100,
        status: 'completed',
        lastActivityAt: '2026-03-01T10:00:00.000Z',
        nextLessonId: null,
      },
      {
        courseId: cover,
        title: 'Not started',
        language: 'en',
        coverUrl: null,
        percent: 0,
        status: 'not_started',
        lastActivityAt: null,
        nextLessonId: null,
      },
    ]);
    expect((await client(server).get(p.url('/me/courses'))).status).toBe(401);
  });

  it('enrols on the first start of an open course only', async () => {
    const p = await platform();
    const open = (await publishedCourse(server, p.tenant.id, draft('Open'))).courseId;
    const assigned = (
      await publishedCourse(server, p.tenant.id, draft('Assigned'), { enrolmentPolicy: 'assigned' })
    ).courseId;
    const svc = server.services.enrolments;
    expect(await svc.canLearn(p.tenant.id, p.learner.userId, open)).toBe(true);
    expect(await svc.canLearn(p.tenant.id, p.learner.userId, assigned)).toBe(false);
    expect(await svc.startLearning(p.tenant.id, p.learner.userId, assigned)).toBe(false);
    expect(await svc.startLearning(p.tenant.id, p.learner.userId, open)).toBe(true);
    expect((await svc.coursesOf(p.tenant.id, p.learner.userId)).get(open)).toEqual(['self']);
  });
});
