import {
  ACTOR_HOMEPAGE,
  CMI5_CATEGORY,
  CMI5_VERBS,
  uuidv7,
  VERBS,
  type Cmi5ImportResponse,
  type Cmi5Launch,
} from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import { createTenant, member, type Member } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { cmi5Zip } from './cmi5.fixture.js';

// A cmi5 AU calls /xapi with the auth token its fetch URL handed out (HTTP Basic
// "cmi5:<token>"): it acts as its learner, in its session's registration only.

type ErrorBody = { error: { code: string; message: string } };

interface Session {
  /** The Authorization header the AU sends. */
  authorization: string;
  registration: string;
  activityId: string;
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
}

describe.each(await engines())('the cmi5 session token at /xapi on %s', (engine) => {
  let server: TestServer;
  let alpha: TenantRef;
  let beta: TenantRef;
  let learner: Member;
  let betaLearner: Member;
  let alphaSession: Session;
  let betaSession: Session;

  const api = async (method: string, path: string, cookie: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as unknown };
  };

  /** Imports and publishes the fixture course in the tenant, launches its AU, spends the fetch URL. */
  const launchAu = async (tenant: TenantRef, slug: string, learnerOf: Member): Promise<Session> => {
    const author = await member(server, tenant, `author-${slug}`, ['author']);
    const imported = await fetch(`${server.url}/api/t/${slug}/cmi5/imports`, {
      method: 'POST',
      headers: { cookie: author.cookie, 'content-type': 'application/zip' },
      body: Buffer.from(cmi5Zip()),
    });
    expect(imported.status).toBe(201);
    const { courseId } = (await imported.json()) as Cmi5ImportResponse;
    const manifest = await server.services.courses.publish(tenant.id, courseId, null);
    const launched = await api('POST', `/api/t/${slug}/cmi5/launches`, learnerOf.cookie, {
      versionId: manifest.versionId,
      lessonId: manifest.modules[0]!.lessons[0]!.id,
    });
    expect(launched.status).toBe(201);
    const launch = launched.json as Cmi5Launch;
    const url = new URL(launch.launchUrl);
    const fetched = await fetch(url.searchParams.get('fetch')!, { method: 'POST' });
    const token = ((await fetched.json()) as { 'auth-token': string })['auth-token'];
    return {
      // Exactly what the AU sends: "Basic " + the auth-token as fetched.
      authorization: `Basic ${token}`,
      registration: launch.registration,
      activityId: url.searchParams.get('activityId')!,
      actor: JSON.parse(url.searchParams.get('actor')!) as Session['actor'],
    };
  };

  const xapi = async (
    session: Pick<Session, 'authorization'>,
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ) => {
    const res = await fetch(`${server.url}/xapi/${path}`, {
      method,
      headers: {
        authorization: session.authorization,
        'x-experience-api-version': '1.0.3',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...extra,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, json: json as ErrorBody & Record<string, unknown> };
  };

  const statement = (session: Session, verb: string, registration = session.registration) => ({
    id: uuidv7(),
    actor: session.actor,
    verb: { id: verb },
    object: { objectType: 'Activity', id: session.activityId },
    context: { registration, contextActivities: { category: [{ id: CMI5_CATEGORY }] } },
    timestamp: new Date().toISOString(),
  });

  const stateQuery = (session: Session, stateId: string, agent: unknown = session.actor) =>
    `activities/state?${new URLSearchParams({
      activityId: session.activityId,
      agent: JSON.stringify(agent),
      registration: session.registration,
      stateId,
    }).toString()}`;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    alpha = await createTenant(server, 'alpha');
    beta = await createTenant(server, 'beta');
    learner = await member(server, alpha, 'lina', ['learner']);
    betaLearner = await member(server, beta, 'bea', ['learner']);
    alphaSession = await launchAu(alpha, 'alpha', learner);
    betaSession = await launchAu(beta, 'beta', betaLearner);
  });
  afterAll(async () => server.close());

  it('stores the AU’s statements with its learner as authority', async () => {
    const sent = statement(alphaSession, CMI5_VERBS.initialized);
    const res = await xapi(alphaSession, 'POST', 'statements', sent);
    expect(res.status).toBe(200);
    expect(res.json).toEqual([sent.id]);
    const put = await xapi(
      alphaSession,
      'PUT',
      `statements?statementId=${uuidv7()}`,
      (({ id: _id, ...rest }) => rest)(statement(alphaSession, CMI5_VERBS.completed)),
    );
    expect(put.status).toBe(204);
    const read = await xapi(alphaSession, 'GET', `statements?statementId=${sent.id}`);
    expect(read.status).toBe(200);
    expect(read.json.authority).toEqual({
      objectType: 'Agent',
      account: { homePage: ACTOR_HOMEPAGE, name: learner.userId },
    });
  });

  it('reads LMS.LaunchData and keeps its own state; reads its learner’s agent profile', async () => {
    const launchData = await xapi(alphaSession, 'GET', stateQuery(alphaSession, 'LMS.LaunchData'));
    expect(launchData.status).toBe(200);
    expect(launchData.json).toMatchObject({ contextTemplate: { registration: alphaSession.registration } });

    const put = await xapi(alphaSession, 'PUT', stateQuery(alphaSession, 'bookmark'), { page: 3 });
    expect(put.status).toBe(204);
    const post = await xapi(alphaSession, 'POST', stateQuery(alphaSession, 'bookmark'), { seen: true });
    expect(post.status).toBe(204);
    const got = await xapi(alphaSession, 'GET', stateQuery(alphaSession, 'bookmark'));
    expect(got.status).toBe(200);
    expect(got.json).toEqual({ page: 3, seen: true });

    const profile = await xapi(
      alphaSession,
      'GET',
      `agents/profile?${new URLSearchParams({
        agent: JSON.stringify(alphaSession.actor),
        profileId: 'cmi5LearnerPreferences',
      }).toString()}`,
    );
    expect(profile.status).toBe(200);
    expect(profile.json).toMatchObject({ audioPreference: 'on' });

    const someoneElse = { objectType: 'Agent', account: { homePage: ACTOR_HOMEPAGE, name: uuidv7() } };
    const foreign = await xapi(alphaSession, 'GET', stateQuery(alphaSession, 'bookmark', someoneElse));
    expect(foreign.status).toBe(403);
  });

  it('refuses statements in another registration, and voiding', async () => {
    const wrong = await xapi(
      alphaSession,
      'POST',
      'statements',
      statement(alphaSession, CMI5_VERBS.completed, uuidv7()),
    );
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.code).toBe('forbidden');
    const missing = statement(alphaSession, CMI5_VERBS.completed);
    const { registration: _registration, ...contextWithout } = missing.context;
    expect(
      (await xapi(alphaSession, 'POST', 'statements', { ...missing, context: contextWithout })).status,
    ).toBe(403);

    const own = statement(alphaSession, CMI5_VERBS.completed);
    expect((await xapi(alphaSession, 'POST', 'statements', own)).status).toBe(200);
    const voiding = {
      ...statement(alphaSession, VERBS.voided),
      object: { objectType: 'StatementRef', id: own.id },
    };
    const voided = await xapi(alphaSession, 'POST', 'statements', [voiding]);
    expect(voided.status).toBe(403);
    expect(voided.json.error.code).toBe('forbidden');
    expect((await xapi(alphaSession, 'GET', `statements?statementId=${own.id}`)).status).toBe(200);
  });

  it('answers 401 with the error envelope for a token it does not know', async () => {
    const garbage = { authorization: `Basic ${Buffer.from('cmi5:not-a-token').toString('base64')}` };
    const res = await xapi(garbage, 'GET', stateQuery(alphaSession, 'LMS.LaunchData'));
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthenticated');
    const post = await xapi(garbage, 'POST', 'statements', statement(alphaSession, CMI5_VERBS.initialized));
    expect(post.status).toBe(401);
  });

  it('keeps a token to its own tenant', async () => {
    const sent = statement(alphaSession, CMI5_VERBS.initialized);
    expect((await xapi(alphaSession, 'POST', 'statements', sent)).status).toBe(200);
    const byId = await xapi(betaSession, 'GET', `statements?statementId=${sent.id}`);
    expect(byId.status).toBe(404);
    const all = await xapi(betaSession, 'GET', 'statements');
    expect(all.status).toBe(200);
    const ids = (all.json as unknown as { statements: { id: string }[] }).statements.map((s) => s.id);
    expect(ids).not.toContain(sent.id);
    // Beta's learner's own statements are there (the LMS's "launched").
    expect(ids.length).toBeGreaterThan(0);
    const state = await xapi(betaSession, 'GET', stateQuery(alphaSession, 'bookmark'));
    expect(state.status).toBe(403);
  });
});
