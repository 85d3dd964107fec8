import { learnerAgent, uuidv7, VERBS } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { createTenant } from '../test-support/courses-fixtures.js';
import { addLrsCredential, xapiClient } from '../test-support/learning-fixtures.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

type Envelope = { error: { code: string; message: string; details?: Record<string, unknown> } };

const ACTIVITY = 'https://example.org/activities/reading';

function statement(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uuidv7(),
    actor: { objectType: 'Agent', mbox: 'mailto:ann@example.org', name: 'Ann' },
    verb: { id: VERBS.experienced, display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: ACTIVITY },
    timestamp: '2026-03-01T09:00:00.000Z',
    ...extra,
  };
}

describe.each(await engines())('the LRS statements API on %s', (engine) => {
  let server: TestServer;
  let lrs: ReturnType<typeof xapiClient>;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    const tenant = await createTenant(server, 'lrs-a');
    const credential = await addLrsCredential(server.services, tenant.id, 'Tool A');
    lrs = xapiClient(server.url, { authorization: credential.authorization });
  });
  afterAll(async () => {
    await server.services.progress.flushed();
    await server.close();
  });

  it('describes itself at /xapi/about without credentials or a version header', async () => {
    const res = await fetch(`${server.url}/xapi/about`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ version: ['1.0.3', '2.0.0'], extensions: {} });
    expect(res.headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  it('refuses a request without the version header, in the error envelope, still naming its version', async () => {
    const res = await lrs.raw('GET', '/xapi/statements', undefined, { 'x-experience-api-version': '' });
    expect(res.status).toBe(400);
    expect((res.json as Envelope).error.code).toBe('xapi_version_required');
    expect(res.headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  it('refuses wrong or missing credentials with 401 and a Basic challenge', async () => {
    const wrong = xapiClient(server.url, {
      authorization: `Basic ${Buffer.from('nobody:nothing').toString('base64')}`,
    });
    const res = await wrong.post(statement());
    expect(res.status).toBe(401);
    expect((res.json as Envelope).error.code).toBe('unauthenticated');
    expect(res.headers.get('www-authenticate')).toContain('Basic');
    expect((await xapiClient(server.url, {}).get('')).status).toBe(401);
  });

  it('stores one statement, returns its id, and serves it with stored, authority and version filled in', async () => {
    const s = statement();
    const res = await lrs.post(s);
    expect(res.status).toBe(200);
    expect(res.json).toEqual([s.id]);
    const got = await lrs.get(`statementId=${String(s.id)}`);
    expect(got.status).toBe(200);
    const body = got.json as Record<string, unknown>;
    expect(body).toMatchObject({
      id: s.id,
      verb: { id: VERBS.experienced },
      object: { id: ACTIVITY },
      version: '1.0.0',
    });
    expect(typeof body.stored).toBe('string');
    expect(body.authority).toMatchObject({
      objectType: 'Agent',
      name: 'Tool A',
      account: { homePage: 'https://satchel.invalid/lrs-credentials' },
    });
    expect(got.headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  it('stores an array, assigning ids to statements sent without one, in order', async () => {
    const withId = statement();
    const { id: _drop, ...withoutId } = statement();
    const res = await lrs.post([withId, withoutId]);
    expect(res.status).toBe(200);
    const ids = res.json as string[];
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(withId.id);
    expect((await lrs.get(`statementId=${ids[1]!}`)).status).toBe(200);
  });

  it('accepts a batch of 50 in which some statements are already stored, storing each once', async () => {
    const batch = Array.from({ length: 50 }, () =>
      statement({ object: { objectType: 'Activity', id: `${ACTIVITY}/batch` } }),
    );
    expect((await lrs.post(batch.slice(0, 20))).status).toBe(200);
    const res = await lrs.post(batch);
    expect(res.status).toBe(200);
    expect(res.json).toEqual(batch.map((s) => s.id));
    const again = await lrs.post(batch);
    expect(again.status).toBe(200);
    const page = await lrs.get(`activity=${encodeURIComponent(`${ACTIVITY}/batch`)}&limit=0`);
    expect((page.json as { statements: unknown[] }).statements).toHaveLength(50);
  });

  it('treats a re-sent statement as the same one despite key order, verb display and time zone', async () => {
    const s = statement({ timestamp: '2026-03-01T09:00:00Z' });
    expect((await lrs.post(s)).status).toBe(200);
    const resent = {
      ...s,
      verb: { id: VERBS.experienced, display: { fr: 'a vécu' } },
      timestamp: '2026-03-01T10:00:00+01:00',
    };
    expect((await lrs.post(resent)).status).toBe(200);
  });

  it('refuses the same id with different content (409) and stores nothing of that batch', async () => {
    const s = statement();
    await lrs.post(s);
    const fresh = statement();
    const res = await lrs.post([fresh, { ...s, verb: { id: VERBS.completed } }]);
    expect(res.status).toBe(409);
    expect((res.json as Envelope).error).toMatchObject({ code: 'statement_conflict', details: { id: s.id } });
    expect((await lrs.get(`statementId=${String(fresh.id)}`)).status).toBe(404);
  });

  it('rejects an invalid statement with 400 invalid_statement, listing each problem by path', async () => {
    const res = await lrs.post([
      statement(),
      { ...statement(), actor: { objectType: 'Agent', name: 'No identifier' }, verb: { id: 'not an iri' } },
    ]);
    expect(res.status).toBe(400);
    const error = (res.json as Envelope).error;
    expect(error.code).toBe('invalid_statement');
    const paths = ((error.details?.issues ?? []) as { path: string }[]).map((i) => i.path);
    expect(paths).toContain('[1].actor');
    expect(paths).toContain('[1].verb.id');
  });

  it('stores a statement with PUT under the statementId parameter (204), idempotently', async () => {
    const id = uuidv7();
    const { id: _drop, ...body } = statement();
    const res = await lrs.put(id, body);
    expect(res.status).toBe(204);
    expect((await lrs.put(id, body)).status).toBe(204);
    expect((await lrs.get(`statementId=${id}`)).json).toMatchObject({ id });
    expect((await lrs.put(id, { ...body, verb: { id: VERBS.launched } })).status).toBe(409);
    expect((await lrs.put(uuidv7(), { ...body, id: uuidv7() })).status).toBe(400);
  });

  it('voids a statement: it is then found only by voidedStatementId and left out of queries', async () => {
    const target = statement({ object: { objectType: 'Activity', id: `${ACTIVITY}/voiding` } });
    await lrs.post(target);
    const voider = statement({
      verb: { id: VERBS.voided },
      object: { objectType: 'StatementRef', id: target.id },
    });
    expect((await lrs.post(voider)).status).toBe(200);
    expect((await lrs.get(`statementId=${String(target.id)}`)).status).toBe(404);
    expect((await lrs.get(`voidedStatementId=${String(target.id)}`)).json).toMatchObject({ id: target.id });
    // The voided statement is left out; the voiding statement, whose StatementRef targets a
    // statement matching the filter, is included (Communication 2.1.3, filters and StatementRefs).
    const page = await lrs.get(`activity=${encodeURIComponent(`${ACTIVITY}/voiding`)}`);
    expect((page.json as { statements: { id: string }[] }).statements.map((s) => s.id)).toEqual([voider.id]);
    expect((await lrs.get(`voidedStatementId=${String(voider.id)}`)).status).toBe(404);
  });

  it('refuses to void a voiding statement', async () => {
    const target = statement();
    const voider = statement({
      verb: { id: VERBS.voided },
      object: { objectType: 'StatementRef', id: target.id },
    });
    await lrs.post([target, voider]);
    const res = await lrs.post(
      statement({ verb: { id: VERBS.voided }, object: { objectType: 'StatementRef', id: voider.id } }),
    );
    expect(res.status).toBe(400);
    expect((res.json as Envelope).error.code).toBe('invalid_statement');
    expect((await lrs.get(`statementId=${String(voider.id)}`)).status).toBe(200);
  });

  it('voids a statement that arrives after its voiding statement (offline devices sync out of order)', async () => {
    const target = statement();
    await lrs.post(
      statement({ verb: { id: VERBS.voided }, object: { objectType: 'StatementRef', id: target.id } }),
    );
    await lrs.post(target);
    expect((await lrs.get(`statementId=${String(target.id)}`)).status).toBe(404);
    expect((await lrs.get(`voidedStatementId=${String(target.id)}`)).status).toBe(200);
  });

  it('keeps a learner account actor as sent', async () => {
    const s = statement({ actor: learnerAgent(uuidv7()) });
    await lrs.post(s);
    expect((await lrs.get(`statementId=${String(s.id)}`)).json).toMatchObject({ actor: s.actor });
  });
});
