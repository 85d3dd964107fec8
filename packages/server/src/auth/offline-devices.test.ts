import { uuidv7 } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { engines } from '../test-support/engines.js';
import {
  addMember,
  client,
  platform,
  signedIn,
  type Client,
  type Platform,
} from '../test-support/identity.js';
import {
  lessonOf,
  playerStatement,
  publishCourse,
  type PublishedCourse,
} from '../test-support/learning-fixtures.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

const DAY = 86_400_000;
const HEADER = 'x-satchel-device-token';

describe.each(await engines())('device tokens of the offline app on %s', (engine) => {
  let server: TestServer;
  let clock: ManualClock;
  let school: Platform;
  let other: Platform;
  let course: PublishedCourse;

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-03-01T08:00:00.000Z'));
    server = await startTestServer({ engine, clock, config: { sessionDays: 14 } });
    school = await platform(server, 'device-school');
    other = await platform(server, 'device-other');
    course = await publishCourse(server.db.db, school.id, {
      quiz: lessonOf('quiz', {
        quiz: { passMark: 0.5 },
        questions: [{ id: 'q1', type: 'truefalse', prompt: 'True?', correct: true }],
      }),
      video: lessonOf('video'),
    });
  });
  afterAll(async () => {
    await server.services.progress.flushed();
    await server.close();
  });

  const device = async (c: Client, slug = school.slug) => {
    const res = await c.post(`/api/t/${slug}/auth/devices`, { label: 'Shared phone' });
    expect(res.status).toBe(201);
    return (res.body as { token: string; device: { id: string } }).token;
  };
  const withToken = (token: string) => ({ [HEADER]: token });
  const statementsOf = async (userId: string) =>
    (
      await server.db.db
        .selectFrom('statements')
        .select('id')
        .where('tenant_id', '=', school.id)
        .where('user_id', '=', userId)
        .execute()
    ).map((r) => r.id);
  const at = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();

  it('re-opens a session weeks later, after the session cookie expired', async () => {
    await addMember(server, school, 'wanderer', ['learner']);
    const c = await signedIn(server, school.slug, 'wanderer');
    const token = await device(c);
    expect(token).toMatch(/^satd_/);

    clock.advance(40 * DAY);
    expect((await c.get(`/api/t/${school.slug}/me`)).status).toBe(401);
    const fresh = client(server);
    const opened = await fresh.call(
      'POST',
      `/api/t/${school.slug}/auth/devices/session`,
      {},
      withToken(token),
    );
    expect(opened.status).toBe(200);
    expect((opened.body as { user: { username: string } }).user.username).toBe('wanderer');
    expect((await fresh.get(`/api/t/${school.slug}/me`)).status).toBe(200);
  });

  it('refuses an unknown token, and a token of another tenant', async () => {
    await addMember(server, other, 'elsewhere', ['learner']);
    const token = await device(await signedIn(server, other.slug, 'elsewhere'), other.slug);
    const c = client(server);
    const wrongTenant = await c.call(
      'POST',
      `/api/t/${school.slug}/auth/devices/session`,
      {},
      withToken(token),
    );
    expect([wrongTenant.status, wrongTenant.code]).toEqual([401, 'device_token_invalid']);
    const made = await c.call(
      'POST',
      `/api/t/${school.slug}/auth/devices/session`,
      {},
      withToken('satd_nope'),
    );
    expect(made.code).toBe('device_token_invalid');
    const none = await c.call('POST', `/api/t/${school.slug}/device/statements`, [{}]);
    expect(none.status).toBe(401);
  });

  it('stores queued statements sent with the token, once each however often they come', async () => {
    const id = await addMember(server, school, 'queuer', ['learner']);
    const token = await device(await signedIn(server, school.slug, 'queuer'));
    const batch = [1, 2, 3].map((n) =>
      playerStatement(id, course, {
        verb: 'progressed',
        lessonId: course.lessons.video!,
        progress: n / 4,
        at: at(n),
      }),
    );
    const c = client(server);
    for (let round = 0; round < 2; round += 1) {
      const res = await c.call('POST', `/api/t/${school.slug}/device/statements`, batch, withToken(token));
      expect(res.status).toBe(200);
      expect((res.body as { stored: string[] }).stored).toHaveLength(3);
    }
    expect((await statementsOf(id)).sort()).toEqual(batch.map((s) => s.id as string).sort());
  });

  it('will not store statements about someone else with a learner’s token', async () => {
    await addMember(server, school, 'honest', ['learner']);
    const victim = await addMember(server, school, 'victim', ['learner']);
    const token = await device(await signedIn(server, school.slug, 'honest'));
    const forged = playerStatement(victim, course, {
      verb: 'completed',
      lessonId: course.lessons.video!,
      at: at(0),
    });
    const res = await client(server).call(
      'POST',
      `/api/t/${school.slug}/device/statements`,
      [forged],
      withToken(token),
    );
    expect(res.status).toBe(403);
    expect(await statementsOf(victim)).toEqual([]);
  });

  it('signs out a disabled learner but keeps what they did while still allowed', async () => {
    const id = await addMember(server, school, 'leaver', ['learner']);
    const token = await device(await signedIn(server, school.slug, 'leaver'));
    const before = playerStatement(id, course, {
      verb: 'completed',
      lessonId: course.lessons.video!,
      at: at(-60_000),
    });
    clock.advance(1000);
    await server.services.users.disable(school.id, id);
    clock.advance(1000);
    const after = playerStatement(id, course, {
      verb: 'launched',
      lessonId: course.lessons.video!,
      at: at(0),
    });

    const c = client(server);
    const opened = await c.call('POST', `/api/t/${school.slug}/auth/devices/session`, {}, withToken(token));
    expect([opened.status, opened.code]).toEqual([401, 'device_revoked']);

    const res = await c.call(
      'POST',
      `/api/t/${school.slug}/device/statements`,
      [before, after],
      withToken(token),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ stored: [before.id], refused: [{ id: after.id, code: 'access_revoked' }] });
    expect(await statementsOf(id)).toEqual([before.id]);

    // Editing the disabled account later does not move the cut-off forward.
    clock.advance(DAY);
    await server.services.users.update(school.id, id, { displayName: 'Renamed' });
    const late = playerStatement(id, course, {
      verb: 'launched',
      lessonId: course.lessons.video!,
      at: at(-1000),
    });
    const again = await c.call('POST', `/api/t/${school.slug}/device/statements`, [late], withToken(token));
    expect((again.body as { refused: unknown[] }).refused).toHaveLength(1);

    // Enabled again, the learner still needs their password: the old token stays revoked.
    await server.services.users.enable(school.id, id);
    const reopened = await c.call('POST', `/api/t/${school.slug}/auth/devices/session`, {}, withToken(token));
    expect(reopened.code).toBe('device_revoked');
  });

  it('lets a learner revoke a device; offline quiz attempts made before count, later ones do not', async () => {
    const id = await addMember(server, school, 'quizzer', ['learner']);
    const c = await signedIn(server, school.slug, 'quizzer');
    const token = await device(c);
    const listed = await c.get(`/api/t/${school.slug}/me/devices`);
    const deviceId = (listed.body as { items: { id: string }[] }).items[0]!.id;
    const attempt = (submittedAt: string) => ({
      attemptId: uuidv7(),
      versionId: course.versionId,
      responses: { q1: true },
      startedAt: at(-120_000),
      submittedAt,
    });
    const early = attempt(at(-60_000));
    clock.advance(1000);
    expect((await c.del(`/api/t/${school.slug}/me/devices/${deviceId}`)).status).toBe(204);
    expect((await c.del(`/api/t/${school.slug}/me/devices/${deviceId}`)).status).toBe(404);
    const late = attempt(at(1000));

    const url = `/api/t/${school.slug}/device/courses/${course.courseId}/lessons/${course.lessons.quiz}/attempts`;
    const d = client(server);
    const first = await d.call('POST', url, early, withToken(token));
    expect(first.status).toBe(200);
    expect((first.body as { passed: boolean }).passed).toBe(true);
    // Idempotent by attempt id: the same attempt again returns the stored result.
    const repeat = await d.call('POST', url, early, withToken(token));
    expect((repeat.body as { attemptsUsed: number }).attemptsUsed).toBe(1);
    const refused = await d.call('POST', url, late, withToken(token));
    expect([refused.status, refused.code]).toEqual([403, 'access_revoked']);
    const rows = await server.db.db
      .selectFrom('quiz_attempts')
      .select('id')
      .where('tenant_id', '=', school.id)
      .where('user_id', '=', id)
      .execute();
    expect(rows.map((r) => r.id)).toEqual([early.attemptId]);
    expect((await c.get(`/api/t/${school.slug}/me/devices`)).body).toEqual({ items: [] });
  });

  it('never lets one learner revoke another learner’s device', async () => {
    await addMember(server, school, 'owner', ['learner']);
    const stranger = await signedIn(
      server,
      school.slug,
      (await addMember(server, school, 'stranger', ['learner']), 'stranger'),
    );
    const mine = await signedIn(server, school.slug, 'owner');
    await device(mine);
    const deviceId = (
      (await mine.get(`/api/t/${school.slug}/me/devices`)).body as { items: { id: string }[] }
    ).items[0]!.id;
    expect((await stranger.del(`/api/t/${school.slug}/me/devices/${deviceId}`)).status).toBe(404);
    expect(
      ((await mine.get(`/api/t/${school.slug}/me/devices`)).body as { items: unknown[] }).items,
    ).toHaveLength(1);
  });
});
