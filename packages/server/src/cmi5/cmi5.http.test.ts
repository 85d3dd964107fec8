import {
  ACTOR_HOMEPAGE,
  CMI5_CATEGORY,
  CMI5_EXT,
  CMI5_MOVEON_CATEGORY,
  CMI5_VERBS,
  courseActivityId,
  lessonActivityId,
  uuidv7,
  type Cmi5ImportResponse,
  type Cmi5Launch,
  type Cmi5SessionStatus,
} from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import { actorKeyOf } from '../lrs/lrs.related.js';
import { createTenant, member, type Member } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { AU_ID, cmi5Xml, cmi5Zip } from './cmi5.fixture.js';

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

describe.each(await engines())('cmi5 over HTTP on %s', (engine) => {
  let server: TestServer;
  let alpha: TenantRef;
  let author: Member;
  let learner: Member;

  const call = async <T>(
    method: string,
    path: string,
    cookie?: string,
    body?: string | Buffer,
    type?: string,
  ) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(type ? { 'content-type': type } : {}) },
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      json: (text ? JSON.parse(text) : null) as T & ErrorBody,
    };
  };
  const importBody = (body: Uint8Array | string) =>
    call<Cmi5ImportResponse>(
      'POST',
      '/api/t/alpha/cmi5/imports',
      author.cookie,
      typeof body === 'string' ? body : Buffer.from(body),
      typeof body === 'string' ? 'application/xml' : 'application/zip',
    );

  let published: { courseId: string; versionId: string; quizLessonId: string };

  beforeAll(async () => {
    server = await startTestServer({ engine });
    alpha = await createTenant(server, 'alpha');
    author = await member(server, alpha, 'ana', ['author']);
    learner = await member(server, alpha, 'lina', ['learner']);
  });
  afterAll(async () => server.close());

  it('imports a cmi5 zip as a course draft: blocks become modules, one cmi5 lesson per AU', async () => {
    const res = await importBody(cmi5Zip());
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ title: 'Planets (cmi5)', lessons: 2 });
    const course = await server.services.courses.get(alpha.id, res.json.courseId);
    expect(course.content.modules.map((m) => m.title)).toEqual(['Inner planets']);
    const [quiz, reading] = course.content.modules[0]!.lessons;
    expect(quiz).toMatchObject({
      kind: 'cmi5',
      title: 'Red planet quiz',
      required: true,
      au: { publisherId: AU_ID, url: 'au/index.html', moveOn: 'CompletedAndPassed', masteryScore: 0.8 },
    });
    expect(Object.keys(quiz?.kind === 'cmi5' ? quiz.files : {}).sort()).toEqual([
      'au/index.html',
      'cmi5.xml',
    ]);
    expect(reading).toMatchObject({ kind: 'cmi5', required: false, au: { launchMethod: 'OwnWindow' } });
    const manifest = await server.services.courses.publish(alpha.id, res.json.courseId, null);
    published = {
      courseId: manifest.courseId,
      versionId: manifest.versionId,
      quizLessonId: manifest.modules[0]!.lessons[0]!.id,
    };
  });

  it('imports a bare cmi5.xml only when every AU is at an absolute URL', async () => {
    const bare = await importBody(cmi5Xml({ auUrl: 'https://example.org/quiz/index.html' }));
    expect(bare.status).toBe(201);
    const relative = await importBody(cmi5Xml());
    expect(relative.status).toBe(400);
    expect(relative.json.error).toMatchObject({ code: 'invalid_cmi5', details: { rule: 'url' } });
  });

  it('refuses a bad course structure naming where and which rule, keeping nothing', async () => {
    const count = async () =>
      (await server.db.db.selectFrom('courses').select('id').where('tenant_id', '=', alpha.id).execute())
        .length;
    const before = await count();
    const badMoveOn = await importBody(cmi5Zip({ 'cmi5.xml': cmi5Xml({ moveOn: 'Finished' }) }));
    expect(badMoveOn.json.error).toMatchObject({
      code: 'invalid_cmi5',
      details: { path: 'courseStructure/block[1]/au[1]@moveOn', rule: 'move_on' },
    });
    const missingFile = await importBody(cmi5Zip({ 'au/index.html': undefined }));
    expect(missingFile.json.error).toMatchObject({ code: 'invalid_cmi5', details: { rule: 'url' } });
    const noXml = await importBody(cmi5Zip({ 'cmi5.xml': undefined }));
    expect(noXml.json.error).toMatchObject({
      code: 'invalid_cmi5',
      details: { path: 'cmi5.xml', rule: 'missing' },
    });
    const broken = await importBody('<courseStructure><course></courseStructure>');
    expect(broken.json.error).toMatchObject({ code: 'invalid_cmi5', details: { rule: 'root' } });
    const entity = await importBody('<!DOCTYPE x [<!ENTITY a "aaaa">]><courseStructure/>');
    expect(entity.status).toBe(400);
    const learnerTry = await call(
      'POST',
      '/api/t/alpha/cmi5/imports',
      learner.cookie,
      cmi5Xml(),
      'application/xml',
    );
    expect(learnerTry.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('launches an AU with the cmi5 parameters, launch data, and a one-time fetch URL', async () => {
    const launch = await call<Cmi5Launch>(
      'POST',
      '/api/t/alpha/cmi5/launches',
      learner.cookie,
      JSON.stringify({ versionId: published.versionId, lessonId: published.quizLessonId }),
      'application/json',
    );
    expect(launch.status).toBe(201);
    const url = new URL(launch.json.launchUrl);
    expect(url.pathname).toBe(
      `/api/t/alpha/packages/${published.versionId}/${published.quizLessonId}/au/index.html`,
    );
    const activityId = lessonActivityId(published.quizLessonId);
    expect(url.searchParams.get('endpoint')).toBe(`${server.url}/xapi/`);
    expect(url.searchParams.get('activityId')).toBe(activityId);
    expect(url.searchParams.get('registration')).toBe(launch.json.registration);
    const actor = JSON.parse(url.searchParams.get('actor')!) as {
      account: { homePage: string; name: string };
    };
    expect(actor.account).toEqual({ homePage: ACTOR_HOMEPAGE, name: learner.userId });

    const agentKey = actorKeyOf({ objectType: 'Agent', account: actor.account });
    const state = await server.services.lrsDocuments.get(
      {
        tenantId: alpha.id,
        kind: 'state',
        activityId,
        agentKey,
        registration: launch.json.registration,
        documentId: 'LMS.LaunchData',
      },
      { ownAgentKey: null, writesActivities: true },
    );
    const launchData = JSON.parse(state.content.toString('utf8')) as Record<string, unknown>;
    expect(launchData).toMatchObject({
      launchMode: 'Normal',
      moveOn: 'CompletedAndPassed',
      masteryScore: 0.8,
      launchMethod: 'AnyWindow',
      contextTemplate: {
        registration: launch.json.registration,
        extensions: { [CMI5_EXT.sessionId]: launch.json.sessionId },
        contextActivities: { grouping: [{ id: AU_ID }, { id: courseActivityId(published.courseId) }] },
      },
    });
    expect(launchData.returnURL).toContain(
      `/courses/${published.courseId}/lessons/${published.quizLessonId}`,
    );

    const fetchUrl = url.searchParams.get('fetch')!;
    const first = await fetch(fetchUrl, { method: 'POST' });
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const token = ((await first.json()) as { 'auth-token': string })['auth-token'];
    const [user, secret] = Buffer.from(token, 'base64').toString('utf8').split(':');
    expect(user).toBe('cmi5');
    const again = await fetch(fetchUrl, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ 'error-code': '1' });
    const bogus = await fetch(`${server.url}/cmi5/fetch/${'x'.repeat(32)}`, { method: 'POST' });
    expect(await bogus.json()).toMatchObject({ 'error-code': '2' });
    await expect(server.services.cmi5.verifyAuthToken(secret!)).resolves.toMatchObject({
      tenantId: alpha.id,
      userId: learner.userId,
      registration: launch.json.registration,
      activityId,
      sessionId: launch.json.sessionId,
    });
    await expect(server.services.cmi5.verifyAuthToken('not-a-token')).resolves.toBeNull();

    // The AU's statements (as its token would send them), then the LMS judges moveOn.
    const context = launchData.contextTemplate as Record<string, unknown>;
    const auStatement = (verb: keyof typeof CMI5_VERBS, result?: Record<string, unknown>) => ({
      id: uuidv7(),
      actor: { objectType: 'Agent', account: actor.account },
      verb: { id: CMI5_VERBS[verb] },
      object: { objectType: 'Activity', id: activityId },
      ...(result ? { result } : {}),
      context: {
        ...context,
        contextActivities: {
          ...(context.contextActivities as object),
          category: [{ id: CMI5_CATEGORY }, ...(result ? [{ id: CMI5_MOVEON_CATEGORY }] : [])],
        },
      },
      timestamp: new Date().toISOString(),
    });
    const asLearner = { kind: 'learner' as const, userId: learner.userId };
    const status = () =>
      call<Cmi5SessionStatus>('GET', `/api/t/alpha/cmi5/sessions/${launch.json.sessionId}`, learner.cookie);
    await server.services.lrs.store(
      alpha.id,
      [auStatement('initialized'), auStatement('completed', { completion: true })],
      asLearner,
    );
    expect((await status()).json).toMatchObject({ satisfied: false, terminated: false });
    // A pass below the mastery score is no pass.
    await server.services.lrs.store(
      alpha.id,
      auStatement('passed', { success: true, score: { scaled: 0.5 } }),
      asLearner,
    );
    expect((await status()).json.satisfied).toBe(false);
    await server.services.lrs.store(
      alpha.id,
      auStatement('passed', { success: true, score: { scaled: 0.9 } }),
      asLearner,
    );
    await server.services.lrs.store(alpha.id, auStatement('terminated'), asLearner);
    expect((await status()).json).toMatchObject({ satisfied: true, terminated: true, abandoned: false });

    const progress = await server.services.progress.myCourseProgress(
      alpha.id,
      learner.userId,
      published.courseId,
    );
    expect(progress.lessons.find((l) => l.lessonId === published.quizLessonId)?.status).toBe('completed');
    // Both AUs of the block are satisfied (the other is NotApplicable): block and course too.
    const satisfied = await server.services.lrs.query(alpha.id, {
      verbId: CMI5_VERBS.satisfied,
      registration: launch.json.registration,
      ascending: true,
      limit: 10,
    });
    const objects = satisfied.rows.map(
      (r) => (JSON.parse(r.statement) as { object: { id: string } }).object.id,
    );
    expect(objects).toContain(activityId);
    expect(objects).toContain(courseActivityId(published.courseId));
    expect(objects.some((id) => id.includes('/cmi5/blocks/'))).toBe(true);
    expect(objects).not.toContain(AU_ID);

    // Leaving a terminated session abandons nothing.
    const left = await call<Cmi5SessionStatus>(
      'POST',
      `/api/t/alpha/cmi5/sessions/${launch.json.sessionId}/leave`,
      learner.cookie,
    );
    expect(left.json.abandoned).toBe(false);
  });

  it('records "abandoned" when the learner leaves without "terminated", and ends the token', async () => {
    const launch = await call<Cmi5Launch>(
      'POST',
      '/api/t/alpha/cmi5/launches',
      learner.cookie,
      JSON.stringify({ versionId: published.versionId, lessonId: published.quizLessonId }),
      'application/json',
    );
    const fetched = await fetch(new URL(launch.json.launchUrl).searchParams.get('fetch')!, {
      method: 'POST',
    });
    const token = ((await fetched.json()) as { 'auth-token': string })['auth-token'];
    const secret = Buffer.from(token, 'base64').toString('utf8').split(':')[1]!;
    const left = await call<Cmi5SessionStatus>(
      'POST',
      `/api/t/alpha/cmi5/sessions/${launch.json.sessionId}/leave`,
      learner.cookie,
    );
    expect(left.json).toMatchObject({ abandoned: true, terminated: false });
    await expect(server.services.cmi5.verifyAuthToken(secret)).resolves.toBeNull();
    const abandoned = await server.services.lrs.query(alpha.id, {
      verbId: CMI5_VERBS.abandoned,
      registration: launch.json.registration,
      ascending: true,
      limit: 10,
    });
    expect(abandoned.rows).toHaveLength(1);
    const statement = JSON.parse(abandoned.rows[0]!.statement) as { result: { duration: string } };
    expect(statement.result.duration).toMatch(/^PT[\d.]+S$/);
    await call('POST', `/api/t/alpha/cmi5/sessions/${launch.json.sessionId}/leave`, learner.cookie);
    const again = await server.services.lrs.query(alpha.id, {
      verbId: CMI5_VERBS.abandoned,
      registration: launch.json.registration,
      ascending: true,
      limit: 10,
    });
    expect(again.rows).toHaveLength(1);
  });

  it('keeps sessions to their tenant and learner', async () => {
    const launch = await call<Cmi5Launch>(
      'POST',
      '/api/t/alpha/cmi5/launches',
      learner.cookie,
      JSON.stringify({ versionId: published.versionId, lessonId: published.quizLessonId }),
      'application/json',
    );
    const other = await member(server, alpha, 'omar', ['learner']);
    expect(
      (await call('GET', `/api/t/alpha/cmi5/sessions/${launch.json.sessionId}`, other.cookie)).status,
    ).toBe(404);
    const beta = await createTenant(server, 'beta');
    const betaLearner = await member(server, beta, 'bea', ['learner']);
    expect(
      (await call('GET', `/api/t/beta/cmi5/sessions/${launch.json.sessionId}`, betaLearner.cookie)).status,
    ).toBe(404);
    const foreign = await call(
      'POST',
      '/api/t/beta/cmi5/launches',
      betaLearner.cookie,
      JSON.stringify({ versionId: published.versionId, lessonId: published.quizLessonId }),
      'application/json',
    );
    expect(foreign.status).toBe(404);
  });
});
