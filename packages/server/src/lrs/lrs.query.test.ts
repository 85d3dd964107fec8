import { learnerAgent, uuidv7, VERBS } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { engines } from '../test-support/engines.js';
import { createTenant, member, type Member } from '../test-support/courses-fixtures.js';
import { addLrsCredential, xapiClient } from '../test-support/learning-fixtures.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

type Page = { statements: { id: string; stored: string; actor: unknown }[]; more: string };

const ACTIVITY = 'https://example.org/activities/q';

function st(
  actor: Record<string, unknown>,
  verb: string,
  activity: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: uuidv7(),
    actor,
    verb: { id: verb },
    object: { objectType: 'Activity', id: activity },
    ...extra,
  };
}

const ann = { objectType: 'Agent', mbox: 'mailto:ann@example.org' };
const bob = { objectType: 'Agent', mbox: 'mailto:bob@example.org' };

describe.each(await engines())('querying the LRS on %s', (engine) => {
  let server: TestServer;
  let clock: ManualClock;
  let a: ReturnType<typeof xapiClient>;
  let b: ReturnType<typeof xapiClient>;
  let learner: Member;
  let other: Member;
  const stored: string[] = [];

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-04-01T00:00:00.000Z'));
    server = await startTestServer({ engine, clock });
    const tenantA = await createTenant(server, 'query-a');
    const tenantB = await createTenant(server, 'query-b');
    a = xapiClient(server.url, {
      authorization: (await addLrsCredential(server.services, tenantA.id)).authorization,
    });
    b = xapiClient(server.url, {
      authorization: (await addLrsCredential(server.services, tenantB.id)).authorization,
    });
    learner = await member(server, tenantA, 'lena', ['learner']);
    other = await member(server, tenantA, 'omar', ['learner']);
    // 12 statements over 4 stored instants, 3 per batch: ties on `stored` exercise the cursor.
    const registration = uuidv7();
    for (let batch = 0; batch < 4; batch++) {
      const statements = [
        st(ann, VERBS.experienced, `${ACTIVITY}/${batch}`),
        st(bob, VERBS.completed, `${ACTIVITY}/${batch}`, { context: { registration } }),
        st(ann, VERBS.completed, ACTIVITY),
      ];
      const res = await a.post(statements);
      stored.push(...(res.json as string[]));
      clock.advance(60_000);
    }
  });
  afterAll(async () => {
    await server.services.progress.flushed();
    await server.close();
  });

  async function all(query: string, client = a): Promise<Page['statements']> {
    const out: Page['statements'] = [];
    let res = await client.get(query);
    for (;;) {
      const page = res.json as Page;
      out.push(...page.statements);
      if (page.more === '') return out;
      expect(page.more.startsWith('/xapi/statements?')).toBe(true);
      res = await client.raw('GET', page.more);
    }
  }

  it('returns newest first, sets Consistent-Through, and pages with "more" without gaps or repeats', async () => {
    const first = await a.get('limit=5');
    expect(first.headers.get('x-experience-api-consistent-through')).toMatch(/^\d{4}-/);
    expect((first.json as Page).statements).toHaveLength(5);
    const everything = await all('limit=5');
    expect(everything.map((s) => s.id).sort()).toEqual([...stored].sort());
    const keys = everything.map((s) => `${s.stored}|${s.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it('pages in ascending order too', async () => {
    const asc = await all('limit=4&ascending=true');
    const keys = asc.map((s) => `${s.stored}|${s.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(asc).toHaveLength(12);
  });

  it('filters by agent, verb, activity and registration', async () => {
    expect(await all(`agent=${encodeURIComponent(JSON.stringify(bob))}`)).toHaveLength(4);
    expect(await all(`verb=${encodeURIComponent(VERBS.completed)}`)).toHaveLength(8);
    expect(
      await all(
        `agent=${encodeURIComponent(JSON.stringify(ann))}&verb=${encodeURIComponent(VERBS.completed)}&activity=${encodeURIComponent(ACTIVITY)}`,
      ),
    ).toHaveLength(4);
    const withRegistration = (await all(`agent=${encodeURIComponent(JSON.stringify(bob))}`)) as unknown as {
      context: { registration: string };
    }[];
    expect(await all(`registration=${withRegistration[0]!.context.registration}`)).toHaveLength(4);
  });

  it('filters by stored time with since (exclusive) and until (inclusive)', async () => {
    const since = '2026-04-01T00:01:00.000Z';
    const until = '2026-04-01T00:02:00.000Z';
    const window = await all(`since=${encodeURIComponent(since)}&until=${encodeURIComponent(until)}`);
    expect(window).toHaveLength(3);
    expect(window.every((s) => s.stored === until)).toBe(true);
    expect(await all(`since=${encodeURIComponent('2026-04-01T02:00:00+02:00')}`)).toHaveLength(9);
  });

  it('refuses malformed filters with validation_failed', async () => {
    for (const query of [
      'agent=%7Bnot-json',
      'verb=not%20an%20iri',
      'limit=-1',
      'since=yesterday',
      'ascending=maybe',
      'cursor=garbage',
      'related_agents=yes',
    ]) {
      const res = await a.get(query);
      expect(res.status, query).toBe(400);
      expect((res.json as { error: { code: string } }).error.code).toBe('validation_failed');
    }
  });

  it('never shows or touches another tenant’s statements', async () => {
    const id = stored[0]!;
    expect((await b.get(`statementId=${id}`)).status).toBe(404);
    expect(await all('', b)).toEqual([]);
    // Tenant B voiding an id of tenant A voids nothing in A.
    await b.post(st(ann, VERBS.voided, '', { object: { objectType: 'StatementRef', id } }));
    expect((await a.get(`statementId=${id}`)).status).toBe(200);
    // The same id in tenant B is a separate statement, not a conflict with A's.
    expect((await b.post(st(bob, VERBS.launched, ACTIVITY, { id }))).status).toBe(200);
    expect((await a.get(`statementId=${id}`)).json).toMatchObject({ verb: { id: VERBS.experienced } });
  });

  it('lets a signed-in learner record statements about themselves, with their session and the tenant header', async () => {
    const session = xapiClient(server.url, { cookie: learner.cookie, tenant: 'query-a' });
    const mine = st(learnerAgent(learner.userId), VERBS.launched, ACTIVITY);
    expect((await session.post(mine)).status).toBe(200);
    const row = await server.db.db
      .selectFrom('statements')
      .select(['user_id'])
      .where('id', '=', String(mine.id))
      .executeTakeFirstOrThrow();
    expect(row.user_id).toBe(learner.userId);
    expect((await session.get(`statementId=${String(mine.id)}`)).json).toMatchObject({
      authority: { account: { homePage: 'https://satchel.invalid', name: learner.userId } },
    });
  });

  it('forbids a learner to write about someone else, or to void someone else’s statement', async () => {
    const session = xapiClient(server.url, { cookie: learner.cookie, tenant: 'query-a' });
    const res = await session.post(st(learnerAgent(other.userId), VERBS.completed, ACTIVITY));
    expect(res.status).toBe(403);
    const voidOthers = st(learnerAgent(learner.userId), VERBS.voided, '', {
      object: { objectType: 'StatementRef', id: stored[0] },
    });
    expect((await session.post(voidOthers)).status).toBe(403);
    expect((await a.get(`statementId=${stored[0]!}`)).status).toBe(200);
  });

  it('shows a learner only their own statements', async () => {
    const session = xapiClient(server.url, { cookie: learner.cookie, tenant: 'query-a' });
    const mine = await all('', session);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s) => JSON.stringify(s.actor).includes(learner.userId))).toBe(true);
    expect((await session.get(`statementId=${stored[0]!}`)).status).toBe(404);
    expect((await session.get(`agent=${encodeURIComponent(JSON.stringify(ann))}`)).status).toBe(403);
  });

  it('needs the tenant header with a session, and a session of that tenant', async () => {
    const noTenant = xapiClient(server.url, { cookie: learner.cookie });
    expect((await noTenant.get('')).status).toBe(401);
    const wrongTenant = xapiClient(server.url, { cookie: learner.cookie, tenant: 'query-b' });
    expect((await wrongTenant.get('')).status).toBe(401);
  });
});
