import { lessonActivityId, uuidv7, VERBS } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import { engines } from '../test-support/engines.js';
import { client, createTenant, member, type Member } from '../test-support/courses-fixtures.js';
import { lessonOf, publishCourse, type PublishedCourse } from '../test-support/learning-fixtures.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

type Result = {
  attemptId: string;
  score: number;
  maxScore: number;
  scaled: number;
  passed: boolean;
  questions: {
    questionId: string;
    correct: boolean;
    score: number;
    maxScore: number;
    feedback: string | null;
  }[];
  attemptsUsed: number;
  attemptsRemaining: number | null;
};

const QUESTIONS = [
  {
    id: 'capital',
    type: 'single',
    prompt: 'Capital of Peru?',
    options: [
      { id: 'a', text: 'Lima' },
      { id: 'b', text: 'Cusco' },
    ],
    correct: 'a',
    feedback: { correct: 'Yes!', incorrect: 'It is Lima.' },
  },
  { id: 'sum', type: 'numeric', prompt: '2 + 2?', answer: 4, points: 2 },
  { id: 'sky', type: 'truefalse', prompt: 'The sky is green.', correct: false },
];

describe.each(await engines())('quiz attempts on %s', (engine) => {
  let server: TestServer;
  let tenant: TenantRef;
  let course: PublishedCourse;
  let ana: Member;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    tenant = await createTenant(server, 'quiz-a');
    course = await publishCourse(server.db.db, tenant.id, {
      quiz: lessonOf('quiz', { quiz: { passMark: 0.7, attemptLimit: 2 }, questions: QUESTIONS }),
      video: lessonOf('video'),
    });
    ana = await member(server, tenant, 'ana', ['learner']);
  });
  afterAll(async () => {
    await server.services.progress.flushed();
    await server.close();
  });

  const url = (c: PublishedCourse, lesson = c.lessons.quiz!) =>
    `/api/t/quiz-a/courses/${c.courseId}/lessons/${lesson}/attempts`;
  const attempt = (responses: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    attemptId: uuidv7(),
    versionId: course.versionId,
    responses,
    startedAt: '2026-05-01T10:00:00.000Z',
    submittedAt: '2026-05-01T10:03:30.250Z',
    ...extra,
  });

  it('grades on the server and records answered, passed and completed statements', async () => {
    const body = attempt({ capital: 'a', sum: 4, sky: true });
    const res = await client(server, ana.cookie).post(url(course), body);
    expect(res.status).toBe(200);
    const result = res.json as Result;
    expect(result).toMatchObject({
      attemptId: body.attemptId,
      score: 3,
      maxScore: 4,
      scaled: 0.75,
      passed: true,
      attemptsUsed: 1,
      attemptsRemaining: 1,
    });
    expect(result.questions).toEqual([
      { questionId: 'capital', correct: true, score: 1, maxScore: 1, feedback: 'Yes!' },
      { questionId: 'sum', correct: true, score: 2, maxScore: 2, feedback: null },
      { questionId: 'sky', correct: false, score: 0, maxScore: 1, feedback: null },
    ]);
    const statements = await server.db.db
      .selectFrom('statements')
      .select(['verb_id', 'object_id', 'registration', 'user_id', 'course_id', 'statement'])
      .where('registration', '=', body.attemptId)
      .execute();
    const byText = (x: string, y: string): number => x.localeCompare(y);
    expect(statements.map((s) => s.verb_id).sort(byText)).toEqual(
      [VERBS.answered, VERBS.answered, VERBS.answered, VERBS.completed, VERBS.passed].sort(byText),
    );
    expect(statements.every((s) => s.user_id === ana.userId && s.course_id === course.courseId)).toBe(true);
    const passed = JSON.parse(statements.find((s) => s.verb_id === VERBS.passed)!.statement) as Record<
      string,
      unknown
    >;
    expect(passed).toMatchObject({
      object: { id: lessonActivityId(course.lessons.quiz!) },
      result: {
        score: { scaled: 0.75, raw: 3, min: 0, max: 4 },
        success: true,
        completion: true,
        duration: 'PT210.25S',
      },
      authority: { account: { homePage: 'https://satchel.invalid/system' } },
      timestamp: '2026-05-01T10:03:30.250Z',
    });
    const answered = statements
      .filter((s) => s.verb_id === VERBS.answered)
      .map((s) => JSON.parse(s.statement) as { result: { response: string; success: boolean } });
    expect(answered.map((a) => a.result.response).sort()).toEqual(['4', 'a', 'true']);
    await server.services.progress.flushed();
    const progress = await server.db.db
      .selectFrom('lesson_progress')
      .selectAll()
      .where('user_id', '=', ana.userId)
      .where('lesson_id', '=', course.lessons.quiz!)
      .executeTakeFirst();
    expect(progress).toMatchObject({ status: 'completed', best_score: 0.75, passed: 1, attempts: 1 });
  });

  it('returns the stored result when an attempt id is submitted again, never counting a second attempt', async () => {
    const learner = await member(server, tenant, 'rui', ['learner']);
    const http = client(server, learner.cookie);
    const body = attempt({ capital: 'b' });
    const first = (await http.post(url(course), body)).json as Result;
    expect(first).toMatchObject({ passed: false, score: 0, attemptsUsed: 1 });
    const again = await http.post(url(course), { ...body, responses: { capital: 'a', sum: 4, sky: false } });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first);
    const count = await server.db.db
      .selectFrom('quiz_attempts')
      .select('id')
      .where('user_id', '=', learner.userId)
      .execute();
    expect(count).toHaveLength(1);
  });

  it('enforces the attempt limit with 409 attempt_limit_reached', async () => {
    const learner = await member(server, tenant, 'lia', ['learner']);
    const http = client(server, learner.cookie);
    expect((await http.post(url(course), attempt({}))).status).toBe(200);
    expect(((await http.post(url(course), attempt({}))).json as Result).attemptsRemaining).toBe(0);
    const third = await http.post(url(course), attempt({ capital: 'a' }));
    expect(third.status).toBe(409);
    expect(third.json).toMatchObject({
      error: { code: 'attempt_limit_reached', details: { attemptLimit: 2, attemptsUsed: 2 } },
    });
    const list = await http.get(url(course));
    expect(list.json).toMatchObject({ attemptsUsed: 2, attemptLimit: 2, attemptsRemaining: 0 });
    expect((list.json as { items: unknown[] }).items).toHaveLength(2);
  });

  it('does not let a learner take over another learner’s attempt', async () => {
    const body = attempt({ capital: 'a', sum: 4, sky: false });
    await client(server, ana.cookie).post(url(course), body);
    const eve = await member(server, tenant, 'eve', ['learner']);
    const res = await client(server, eve.cookie).post(url(course), body);
    expect(res.status).toBe(409);
    expect((res.json as { error: { code: string } }).error.code).toBe('attempt_id_taken');
    expect((await client(server, eve.cookie).get(url(course))).json).toMatchObject({
      items: [],
      attemptsUsed: 0,
    });
    expect((await client(server).post(url(course), attempt({}))).status).toBe(401);
  });

  it('grades against the version the learner took and refuses what is not a quiz of that course', async () => {
    const learner = await member(server, tenant, 'noa', ['learner']);
    const http = client(server, learner.cookie);
    const v2 = await publishCourse(
      server.db.db,
      tenant.id,
      { quiz: { ...course.manifest.modules[0]!.lessons[0]!, questions: [QUESTIONS[0]] } },
      { courseId: course.courseId },
    );
    const old = await http.post(url(course), attempt({ capital: 'a', sum: 4, sky: false }));
    expect(old.json).toMatchObject({ maxScore: 4, score: 4 });
    const current = await http.post(url(course), attempt({ capital: 'a' }, { versionId: v2.versionId }));
    expect(current.json).toMatchObject({ maxScore: 1, score: 1 });
    expect((await http.post(url(course, course.lessons.video), attempt({}))).status).toBe(400);
    expect((await http.post(url(course, uuidv7()), attempt({}))).status).toBe(404);
    expect((await http.post(url(course), attempt({}, { versionId: uuidv7() }))).status).toBe(404);
    const invalid = await http.post(url(course), { ...attempt({}), attemptId: 'nope' });
    expect(invalid.status).toBe(400);
  });
});
