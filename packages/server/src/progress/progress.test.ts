import { uuidv7 } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import { engines } from '../test-support/engines.js';
import { client, createTenant, member } from '../test-support/courses-fixtures.js';
import {
  lessonOf,
  playerStatement,
  publishCourse,
  type PublishedCourse,
} from '../test-support/learning-fixtures.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

const CREDENTIAL = { kind: 'credential', key: 'test', name: 'Test' } as const;

describe.each(await engines())('progress projections on %s', (engine) => {
  let server: TestServer;
  let tenant: TenantRef;
  let course: PublishedCourse;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    tenant = await createTenant(server, 'progress-a');
    course = await publishCourse(server.db.db, tenant.id, {
      video: lessonOf('video'),
      pdf: lessonOf('pdf'),
      quiz: lessonOf('quiz'),
      extra: lessonOf('markdown', { required: false }),
    });
  });
  afterAll(async () => {
    await server.services.progress.flushed();
    await server.close();
  });

  async function learner(name: string): Promise<string> {
    return (await member(server, tenant, `${name}-${uuidv7().slice(-6)}`, ['learner'])).userId;
  }

  async function rows(userId: string) {
    await server.services.progress.flushed();
    const db = server.db.db;
    const courseRow = await db
      .selectFrom('course_progress')
      .selectAll()
      .where('user_id', '=', userId)
      .where('course_id', '=', course.courseId)
      .executeTakeFirst();
    const lessons = await db
      .selectFrom('lesson_progress')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('lesson_id')
      .execute();
    return { courseRow, lessons };
  }

  it('counts a video as complete once 90% has been watched', async () => {
    const userId = await learner('vid');
    await server.services.lrs.store(
      tenant.id,
      [
        playerStatement(userId, course, {
          verb: 'progressed',
          lessonId: course.lessons.video!,
          progress: 0.5,
        }),
      ],
      CREDENTIAL,
    );
    let r = await rows(userId);
    expect(r.lessons).toMatchObject([
      { lesson_id: course.lessons.video, status: 'in_progress', progress: 0.5 },
    ]);
    expect(r.courseRow).toMatchObject({
      status: 'in_progress',
      percent: 0,
      required_lessons: 3,
      next_lesson_id: course.lessons.video,
    });
    await server.services.lrs.store(
      tenant.id,
      [
        playerStatement(userId, course, {
          verb: 'progressed',
          lessonId: course.lessons.video!,
          progress: 0.9,
          at: '2026-02-01T10:05:00.000Z',
        }),
      ],
      CREDENTIAL,
    );
    r = await rows(userId);
    expect(r.lessons[0]).toMatchObject({
      status: 'completed',
      progress: 1,
      completed_at: '2026-02-01T10:05:00.000Z',
    });
    expect(r.courseRow).toMatchObject({
      percent: 33,
      completed_lessons: 1,
      next_lesson_id: course.lessons.pdf,
      last_activity_at: '2026-02-01T10:05:00.000Z',
    });
  });

  it('completes the course when every required lesson is complete, optional ones aside', async () => {
    const userId = await learner('all');
    await server.services.lrs.store(
      tenant.id,
      [
        playerStatement(userId, course, { verb: 'completed', lessonId: course.lessons.video! }),
        playerStatement(userId, course, { verb: 'launched', lessonId: course.lessons.pdf! }),
        playerStatement(userId, course, {
          verb: 'passed',
          lessonId: course.lessons.quiz!,
          result: { score: { scaled: 0.8 }, success: true },
          at: '2026-02-03T00:00:00.000Z',
        }),
      ],
      CREDENTIAL,
    );
    const r = await rows(userId);
    expect(r.courseRow).toMatchObject({
      status: 'completed',
      percent: 100,
      completed_lessons: 3,
      next_lesson_id: null,
      completed_at: '2026-02-03T00:00:00.000Z',
    });
    expect(r.lessons.find((l) => l.lesson_id === course.lessons.quiz)).toMatchObject({
      status: 'completed',
      best_score: 0.8,
      passed: 1,
    });
  });

  it('gives the same rows whatever the order statements arrive in, and however often', async () => {
    const make = (userId: string, ids: string[]) => [
      playerStatement(userId, course, {
        id: ids[0],
        verb: 'progressed',
        lessonId: course.lessons.video!,
        progress: 0.4,
        at: '2026-02-01T10:00:00.000Z',
      }),
      playerStatement(userId, course, {
        id: ids[1],
        verb: 'progressed',
        lessonId: course.lessons.video!,
        progress: 0.95,
        at: '2026-02-01T10:10:00.000Z',
      }),
      playerStatement(userId, course, {
        id: ids[2],
        verb: 'launched',
        lessonId: course.lessons.pdf!,
        at: '2026-02-01T09:00:00.000Z',
      }),
      playerStatement(userId, course, {
        id: ids[3],
        verb: 'launched',
        lessonId: course.lessons.extra!,
        at: '2026-02-01T11:00:00.000Z',
      }),
    ];
    const first = await learner('inorder');
    const second = await learner('shuffled');
    await server.services.lrs.store(
      tenant.id,
      make(first, [uuidv7(), uuidv7(), uuidv7(), uuidv7()]),
      CREDENTIAL,
    );
    const ids = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const statements = make(second, ids);
    for (const index of [3, 1, 1, 0, 2, 3])
      await server.services.lrs.store(tenant.id, [statements[index]], CREDENTIAL);
    await server.services.lrs.store(tenant.id, statements, CREDENTIAL);
    const strip = ({ lessons, courseRow }: Awaited<ReturnType<typeof rows>>) => ({
      course: { ...courseRow, user_id: undefined, updated_at: undefined },
      lessons: lessons.map((l) => ({ ...l, user_id: undefined, updated_at: undefined })),
    });
    expect(strip(await rows(second))).toEqual(strip(await rows(first)));
    expect((await rows(second)).courseRow).toMatchObject({
      status: 'in_progress',
      completed_lessons: 2,
      percent: 66,
    });
  });

  it('undoes progress when its statement is voided', async () => {
    const userId = await learner('void');
    const done = playerStatement(userId, course, { verb: 'completed', lessonId: course.lessons.video! });
    await server.services.lrs.store(tenant.id, [done], CREDENTIAL);
    expect((await rows(userId)).courseRow?.completed_lessons).toBe(1);
    const voider = {
      ...playerStatement(userId, course, { verb: 'voided', lessonId: course.lessons.video! }),
      object: { objectType: 'StatementRef', id: done.id },
    };
    await server.services.lrs.store(tenant.id, [voider], CREDENTIAL);
    const r = await rows(userId);
    expect(r.courseRow).toMatchObject({ status: 'not_started', completed_lessons: 0 });
    expect(r.lessons).toEqual([]);
  });

  it('ignores a quiz pass a learner asserts from their own device (only graded attempts count)', async () => {
    const userId = await learner('cheat');
    await server.services.lrs.store(
      tenant.id,
      [
        playerStatement(userId, course, {
          verb: 'passed',
          lessonId: course.lessons.quiz!,
          result: { success: true, score: { scaled: 1 } },
        }),
      ],
      { kind: 'learner', userId },
    );
    const quiz = (await rows(userId)).lessons.find((l) => l.lesson_id === course.lessons.quiz);
    expect(quiz?.status).not.toBe('completed');
  });

  it('ties statements to a course by the course-version extension alone', async () => {
    const userId = await learner('ext');
    const s = playerStatement(userId, course, { verb: 'launched', lessonId: course.lessons.pdf! });
    (s.context as { contextActivities?: unknown }).contextActivities = undefined;
    await server.services.lrs.store(tenant.id, [JSON.parse(JSON.stringify(s))], CREDENTIAL);
    expect((await rows(userId)).courseRow).toMatchObject({ completed_lessons: 1 });
  });

  it('links only actors that are users of this tenant', async () => {
    const stranger = uuidv7();
    const s = playerStatement(stranger, course, { verb: 'launched', lessonId: course.lessons.pdf! });
    await server.services.lrs.store(tenant.id, [s], CREDENTIAL);
    const row = await server.db.db
      .selectFrom('statements')
      .select(['user_id', 'course_id'])
      .where('id', '=', String(s.id))
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ user_id: null, course_id: course.courseId });
    expect((await rows(stranger)).courseRow).toBeUndefined();
  });

  it('measures progress against a newly published version once told the course changed', async () => {
    const own = await publishCourse(server.db.db, tenant.id, { a: lessonOf('pdf'), b: lessonOf('pdf') });
    const userId = await learner('republish');
    await server.services.lrs.store(
      tenant.id,
      [playerStatement(userId, own, { verb: 'launched', lessonId: own.lessons.a! })],
      CREDENTIAL,
    );
    await server.services.progress.flushed();
    const percent = async () =>
      (
        await server.db.db
          .selectFrom('course_progress')
          .select('percent')
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow()
      ).percent;
    expect(await percent()).toBe(50);
    await publishCourse(
      server.db.db,
      tenant.id,
      { a: own.manifest.modules[0]!.lessons[0]! },
      { courseId: own.courseId },
    );
    await server.services.progress.courseChanged(tenant.id, own.courseId);
    await server.services.progress.flushed();
    expect(await percent()).toBe(100);
  });

  it('serves my progress: every started course, and one course lesson by lesson', async () => {
    const me = await member(server, tenant, `me-${uuidv7().slice(-6)}`, ['learner']);
    await server.services.lrs.store(
      tenant.id,
      [playerStatement(me.userId, course, { verb: 'launched', lessonId: course.lessons.pdf! })],
      CREDENTIAL,
    );
    const http = client(server, me.cookie);
    const list = await http.get('/api/t/progress-a/me/progress');
    expect(list.status).toBe(200);
    expect(list.json).toEqual({
      items: [
        {
          courseId: course.courseId,
          status: 'in_progress',
          percent: 33,
          completedLessons: 1,
          requiredLessons: 3,
          nextLessonId: course.lessons.video,
          lastActivityAt: '2026-02-01T10:00:00.000Z',
          completedAt: null,
        },
      ],
    });
    const one = await http.get(`/api/t/progress-a/me/progress/${course.courseId}`);
    const body = one.json as { lessons: { lessonId: string; status: string }[] };
    expect(body.lessons.map((l) => l.lessonId)).toEqual([
      course.lessons.video,
      course.lessons.pdf,
      course.lessons.quiz,
      course.lessons.extra,
    ]);
    expect(body.lessons.map((l) => l.status)).toEqual([
      'not_started',
      'completed',
      'not_started',
      'not_started',
    ]);
    const other = await publishCourse(server.db.db, tenant.id, { only: lessonOf('pdf') });
    expect((await http.get(`/api/t/progress-a/me/progress/${other.courseId}`)).json).toMatchObject({
      course: { status: 'not_started', percent: 0, requiredLessons: 1, nextLessonId: other.lessons.only },
    });
    expect((await http.get(`/api/t/progress-a/me/progress/${uuidv7()}`)).status).toBe(404);
    expect((await client(server).get('/api/t/progress-a/me/progress')).status).toBe(401);
  });
});
