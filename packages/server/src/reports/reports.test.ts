import { parseCsv, uuidv7 } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import { engines } from '../test-support/engines.js';
import {
  addClass,
  addClassMember,
  client,
  createTenant,
  member,
  type Member,
} from '../test-support/courses-fixtures.js';
import {
  enrolClass,
  enrolUser,
  lessonOf,
  playerStatement,
  publishCourse,
  type PublishedCourse,
} from '../test-support/learning-fixtures.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

const CREDENTIAL = { kind: 'credential', key: 'test', name: 'Test' } as const;

describe.each(await engines())('learning reports on %s', (engine) => {
  let server: TestServer;
  let tenant: TenantRef;
  let course: PublishedCourse;
  let admin: Member;
  let teacher: Member;
  let otherTeacher: Member;
  let classId: string;
  const learners: Member[] = [];

  beforeAll(async () => {
    server = await startTestServer({ engine });
    tenant = await createTenant(server, 'reports-a');
    const db = server.db.db;
    course = await publishCourse(
      db,
      tenant.id,
      { pdf: lessonOf('pdf'), quiz: lessonOf('quiz') },
      { title: '=HYPERLINK("http://evil")' },
    );
    admin = await member(server, tenant, 'admin', ['admin']);
    teacher = await member(server, tenant, 'teacher', ['educator']);
    otherTeacher = await member(server, tenant, 'other-teacher', ['educator']);
    classId = await addClass(db, tenant.id, 'Grade 5, "B"');
    await addClassMember(db, tenant.id, classId, teacher.userId, 'educator');
    for (const name of ['amal', 'bilal', 'chidi']) {
      const m = await member(server, tenant, name, ['learner']);
      learners.push(m);
      await addClassMember(db, tenant.id, classId, m.userId, 'learner');
    }
    const outsider = await member(server, tenant, 'dana', ['learner']);
    await enrolClass(db, tenant.id, course.courseId, classId);
    await enrolUser(db, tenant.id, course.courseId, learners[0]!.userId); // also through the class: counted once
    const lrs = server.services.lrs;
    const [amal, bilal] = learners;
    await lrs.store(
      tenant.id,
      [
        playerStatement(amal!.userId, course, { verb: 'launched', lessonId: course.lessons.pdf! }),
        playerStatement(amal!.userId, course, {
          verb: 'passed',
          lessonId: course.lessons.quiz!,
          result: { success: true, score: { scaled: 0.9 } },
        }),
        playerStatement(bilal!.userId, course, {
          verb: 'failed',
          lessonId: course.lessons.quiz!,
          result: { success: false, score: { scaled: 0.3 } },
        }),
        // Not enrolled, outside the class: started an open course.
        playerStatement(outsider.userId, course, { verb: 'launched', lessonId: course.lessons.pdf! }),
      ],
      CREDENTIAL,
    );
    // Another tenant with its own learner in a course of the same shape: never in tenant A's reports.
    const tenantB = await createTenant(server, 'reports-b');
    const courseB = await publishCourse(db, tenantB.id, { pdf: lessonOf('pdf') });
    const learnerB = await member(server, tenantB, 'zed', ['learner']);
    await lrs.store(
      tenantB.id,
      [playerStatement(learnerB.userId, courseB, { verb: 'launched', lessonId: courseB.lessons.pdf! })],
      CREDENTIAL,
    );
  });
  afterAll(async () => {
    await server.services.progress.flushed();
    await server.close();
  });

  it('summarises each course for an admin: enrolled, started, completed, rate and average best score', async () => {
    const res = await client(server, admin.cookie).get('/api/t/reports-a/reports/courses');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      items: [
        {
          courseId: course.courseId,
          title: course.manifest.title,
          enrolled: 3,
          started: 3,
          completed: 1,
          completionRate: 0.25,
          averageBestScore: 0.6,
        },
      ],
    });
  });

  it('limits an educator to the learners of their classes', async () => {
    const mine = await client(server, teacher.cookie).get(
      `/api/t/reports-a/reports/courses/${course.courseId}`,
    );
    const rows = (
      mine.json as { items: { username: string; status: string; enrolled: boolean; score: number | null }[] }
    ).items;
    expect(rows.map((r) => r.username)).toEqual(['amal', 'bilal', 'chidi']);
    expect(rows.map((r) => r.status)).toEqual(['completed', 'in_progress', 'not_started']);
    expect(rows.every((r) => r.enrolled)).toBe(true);
    const noClasses = await client(server, otherTeacher.cookie).get('/api/t/reports-a/reports/courses');
    expect((noClasses.json as { items: { enrolled: number }[] }).items.every((i) => i.enrolled === 0)).toBe(
      true,
    );
    const all = await client(server, admin.cookie).get(`/api/t/reports-a/reports/courses/${course.courseId}`);
    expect((all.json as { items: { username: string; enrolled: boolean }[] }).items).toContainEqual(
      expect.objectContaining({ username: 'dana', enrolled: false }),
    );
  });

  it('shows a class as learners × courses to its educator, and to nobody else but admins', async () => {
    const res = await client(server, teacher.cookie).get(`/api/t/reports-a/reports/classes/${classId}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      class: { classId, name: 'Grade 5, "B"' },
      courses: [{ courseId: course.courseId }],
      learners: [
        { username: 'amal', cells: [{ status: 'completed', percent: 100, score: 0.9 }] },
        { username: 'bilal', cells: [{ status: 'in_progress', percent: 0, score: 0.3 }] },
        { username: 'chidi', cells: [{ status: 'not_started', percent: 0, score: null }] },
      ],
    });
    expect(
      (await client(server, otherTeacher.cookie).get(`/api/t/reports-a/reports/classes/${classId}`)).status,
    ).toBe(403);
    expect(
      (await client(server, admin.cookie).get(`/api/t/reports-a/reports/classes/${classId}`)).status,
    ).toBe(200);
    expect(
      (await client(server, learners[0]!.cookie).get(`/api/t/reports-a/reports/classes/${classId}`)).status,
    ).toBe(403);
    expect(
      (await client(server, admin.cookie).get(`/api/t/reports-a/reports/classes/${uuidv7()}`)).status,
    ).toBe(404);
  });

  it('exports CSV with a header row, a file name, proper quoting and formulas defused', async () => {
    const res = await client(server, admin.cookie).get('/api/t/reports-a/reports/courses?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="courses-report-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const { rows, errors } = parseCsv(res.text);
    expect(errors).toEqual([]);
    expect(rows[0]).toEqual([
      'course_id',
      'title',
      'enrolled',
      'started',
      'completed',
      'completion_rate_percent',
      'average_best_score_percent',
    ]);
    expect(rows[1]).toEqual([course.courseId, `'=HYPERLINK("http://evil")`, '3', '3', '1', '25', '60']);

    const klass = await client(server, teacher.cookie).get(
      `/api/t/reports-a/reports/classes/${classId}?format=csv`,
    );
    expect(klass.headers.get('content-disposition')).toContain('filename="class-grade-5-b-');
    const parsed = parseCsv(klass.text).rows;
    expect(parsed[0]).toEqual([
      'user_id',
      'username',
      'display_name',
      'course_id',
      'course_title',
      'status',
      'percent',
      'score_percent',
      'completed_at',
    ]);
    expect(parsed).toHaveLength(4);
    expect(parsed[1]!.slice(1, 3)).toEqual(['amal', 'User amal']);

    const one = await client(server, admin.cookie).get(
      `/api/t/reports-a/reports/courses/${course.courseId}?format=csv`,
    );
    expect(parseCsv(one.text).rows).toHaveLength(5);
  });

  it('keeps reports to their own tenant and refuses learners', async () => {
    const res = await client(server, admin.cookie).get('/api/t/reports-a/reports/courses');
    expect(JSON.stringify(res.json)).not.toContain('zed');
    const adminB = await member(
      server,
      { id: (await server.services.tenants.bySlug('reports-b'))!.id, slug: 'reports-b' },
      'admin-b',
      ['admin'],
    );
    const fromB = await client(server, adminB.cookie).get(
      `/api/t/reports-b/reports/courses/${course.courseId}`,
    );
    expect(fromB.status).toBe(404);
    expect((await client(server, adminB.cookie).get(`/api/t/reports-a/reports/courses`)).status).toBe(401);
    expect((await client(server, learners[0]!.cookie).get('/api/t/reports-a/reports/courses')).status).toBe(
      403,
    );
  });
});
