import { uuidv7 } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { addLrsCredential } from '../test-support/learning-fixtures.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

// xAPI 1.0.3 Communication 2.2–2.7 and 3.1 (2.0 where it differs): the State,
// Activity Profile and Agent Profile resources over real HTTP.

const AGENT = JSON.stringify({ objectType: 'Agent', mbox: 'mailto:documents@example.org' });

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

describe.each(await engines())('xAPI document resources on %s', (engine) => {
  let server: TestServer;
  let auth: string;
  let otherAuth: string;

  async function call(
    method: string,
    path: string,
    params: Record<string, string>,
    options: { body?: string; headers?: Record<string, string>; as?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      'x-experience-api-version': '1.0.3',
      authorization: options.as ?? auth,
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    };
    const res = await fetch(`${server.url}${path}?${new URLSearchParams(params).toString()}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: options.body } : {}),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  beforeAll(async () => {
    server = await startTestServer({ engine });
    const tenant = await createTenant(server, 'xapi-docs');
    auth = (await addLrsCredential(server.services, tenant.id, 'Docs')).authorization;
    const other = await createTenant(server, 'xapi-docs-other');
    otherAuth = (await addLrsCredential(server.services, other.id, 'Other')).authorization;
  });
  afterAll(async () => server.close());

  const state = (extra: Record<string, string> = {}) => ({
    activityId: `https://example.org/activities/${uuidv7()}`,
    agent: AGENT,
    stateId: 'bookmark',
    ...extra,
  });

  describe('xAPI 1.0.3 Communication 2.3 State resource', () => {
    it('stores a document with PUT and returns it with its content type and a quoted SHA-1 ETag', async () => {
      const p = state();
      expect((await call('PUT', '/xapi/activities/state', p, { body: '{"page":3}' })).status).toBe(204);
      const got = await call('GET', '/xapi/activities/state', p);
      expect(got.status).toBe(200);
      expect(got.text).toBe('{"page":3}');
      expect(got.headers.get('content-type')).toContain('application/json');
      expect(got.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    });

    it('keeps any content type byte for byte', async () => {
      const p = state();
      const put = await call('PUT', '/xapi/activities/state', p, {
        body: 'plain words',
        headers: { 'content-type': 'text/plain' },
      });
      expect(put.status).toBe(204);
      const got = await call('GET', '/xapi/activities/state', p);
      expect(got.text).toBe('plain words');
      expect(got.headers.get('content-type')).toContain('text/plain');
    });

    it('answers 404 for a missing document', async () => {
      expect((await call('GET', '/xapi/activities/state', state())).status).toBe(404);
    });

    it('merges a JSON POST into the stored JSON object', async () => {
      const p = state();
      await call('POST', '/xapi/activities/state', p, { body: '{"a":1,"b":1}' });
      await call('POST', '/xapi/activities/state', p, { body: '{"b":2,"c":3}' });
      expect(JSON.parse((await call('GET', '/xapi/activities/state', p)).text)).toEqual({ a: 1, b: 2, c: 3 });
    });

    it('refuses to merge when either document is not JSON', async () => {
      const p = state();
      await call('PUT', '/xapi/activities/state', p, {
        body: 'text',
        headers: { 'content-type': 'text/plain' },
      });
      expect((await call('POST', '/xapi/activities/state', p, { body: '{"a":1}' })).status).toBe(400);
    });

    it('lists the stateIds of an agent in an activity, optionally since a time', async () => {
      const activityId = `https://example.org/activities/${uuidv7()}`;
      await call('PUT', '/xapi/activities/state', state({ activityId, stateId: 'a' }), { body: '{}' });
      const between = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      await call('PUT', '/xapi/activities/state', state({ activityId, stateId: 'b' }), { body: '{}' });
      const all = await call('GET', '/xapi/activities/state', { activityId, agent: AGENT });
      expect(JSON.parse(all.text)).toEqual(['a', 'b']);
      const recent = await call('GET', '/xapi/activities/state', {
        activityId,
        agent: AGENT,
        since: between,
      });
      expect(JSON.parse(recent.text)).toEqual(['b']);
    });

    it('keeps registrations apart and deletes all state of an agent in an activity', async () => {
      const activityId = `https://example.org/activities/${uuidv7()}`;
      const registration = uuidv7();
      await call('PUT', '/xapi/activities/state', state({ activityId, registration }), { body: '{"r":1}' });
      await call('PUT', '/xapi/activities/state', state({ activityId }), { body: '{"r":0}' });
      expect((await call('GET', '/xapi/activities/state', state({ activityId, registration }))).text).toBe(
        '{"r":1}',
      );
      expect(
        (await call('DELETE', '/xapi/activities/state', { activityId, agent: AGENT, registration })).status,
      ).toBe(204);
      expect((await call('GET', '/xapi/activities/state', state({ activityId, registration }))).status).toBe(
        404,
      );
      expect((await call('GET', '/xapi/activities/state', state({ activityId }))).status).toBe(200);
      await call('DELETE', '/xapi/activities/state', { activityId, agent: AGENT });
      expect((await call('GET', '/xapi/activities/state', state({ activityId }))).status).toBe(404);
    });

    it('rejects a missing or malformed activityId, agent or registration', async () => {
      const p = state();
      for (const bad of [
        { ...p, activityId: 'not an iri' },
        { ...p, agent: '{"name":"nobody"}' },
        { ...p, registration: 'not-a-uuid' },
        { stateId: 'x', agent: AGENT },
        { ...p, unknown: '1' },
      ]) {
        expect((await call('GET', '/xapi/activities/state', bad)).status, JSON.stringify(bad)).toBe(400);
      }
    });

    it('overwrites with a PUT without precondition headers in 1.0.3', async () => {
      const p = state();
      await call('PUT', '/xapi/activities/state', p, { body: '{"v":1}' });
      expect((await call('PUT', '/xapi/activities/state', p, { body: '{"v":2}' })).status).toBe(204);
    });

    it('never shows another tenant’s state', async () => {
      const p = state();
      await call('PUT', '/xapi/activities/state', p, { body: '{"secret":1}' });
      expect((await call('GET', '/xapi/activities/state', p, { as: otherAuth })).status).toBe(404);
    });
  });

  describe('xAPI 2.0 §4.1.4 Concurrency for State', () => {
    it('answers 409 to a PUT over an existing state document without If-Match or If-None-Match', async () => {
      const p = state();
      await call('PUT', '/xapi/activities/state', p, { body: '{"v":1}' });
      const res = await call('PUT', '/xapi/activities/state', p, {
        body: '{"v":2}',
        headers: { 'x-experience-api-version': '2.0.0' },
      });
      expect(res.status).toBe(409);
      expect((await call('GET', '/xapi/activities/state', p)).text).toBe('{"v":1}');
    });
  });

  describe('xAPI 1.0.3 Communication 2.7 Activity Profile resource', () => {
    it('stores, lists, returns and deletes profiles of an activity', async () => {
      const activityId = `https://example.org/activities/${uuidv7()}`;
      const p = { activityId, profileId: 'settings' };
      expect((await call('PUT', '/xapi/activities/profile', p, { body: '{"x":1}' })).status).toBe(204);
      expect((await call('GET', '/xapi/activities/profile', p)).text).toBe('{"x":1}');
      expect(JSON.parse((await call('GET', '/xapi/activities/profile', { activityId })).text)).toEqual([
        'settings',
      ]);
      expect((await call('DELETE', '/xapi/activities/profile', p)).status).toBe(204);
      expect((await call('GET', '/xapi/activities/profile', p)).status).toBe(404);
    });
  });

  describe('xAPI 1.0.3 Communication 2.6 Agent Profile resource', () => {
    it('stores, lists and returns profiles of an agent', async () => {
      const agent = JSON.stringify({ mbox: `mailto:${uuidv7()}@example.org` });
      const p = { agent, profileId: 'preferences' };
      expect((await call('PUT', '/xapi/agents/profile', p, { body: '{"lang":"fr"}' })).status).toBe(204);
      expect((await call('GET', '/xapi/agents/profile', p)).text).toBe('{"lang":"fr"}');
      expect(JSON.parse((await call('GET', '/xapi/agents/profile', { agent })).text)).toEqual([
        'preferences',
      ]);
    });

    it('requires profileId to write', async () => {
      const agent = JSON.stringify({ mbox: 'mailto:someone@example.org' });
      expect((await call('PUT', '/xapi/agents/profile', { agent }, { body: '{}' })).status).toBe(400);
    });
  });

  describe('xAPI 1.0.3 Communication 3.1 Concurrency', () => {
    const profile = () => ({ activityId: `https://example.org/activities/${uuidv7()}`, profileId: 'p' });

    it('answers 409 to a PUT over an existing profile without If-Match or If-None-Match', async () => {
      const p = profile();
      await call('PUT', '/xapi/activities/profile', p, { body: '{"v":1}' });
      const res = await call('PUT', '/xapi/activities/profile', p, { body: '{"v":2}' });
      expect(res.status).toBe(409);
      expect(res.text.length).toBeGreaterThan(0);
      expect((await call('GET', '/xapi/activities/profile', p)).text).toBe('{"v":1}');
    });

    it('replaces with a matching If-Match and refuses a stale one with 412', async () => {
      const p = profile();
      await call('PUT', '/xapi/activities/profile', p, { body: '{"v":1}' });
      const etag = (await call('GET', '/xapi/activities/profile', p)).headers.get('etag')!;
      const stale = await call('PUT', '/xapi/activities/profile', p, {
        body: '{"v":3}',
        headers: { 'if-match': '"1234"' },
      });
      expect(stale.status).toBe(412);
      const ok = await call('PUT', '/xapi/activities/profile', p, {
        body: '{"v":2}',
        headers: { 'if-match': etag },
      });
      expect(ok.status).toBe(204);
      expect((await call('GET', '/xapi/activities/profile', p)).text).toBe('{"v":2}');
    });

    it('If-None-Match: * creates only when absent', async () => {
      const p = profile();
      const create = await call('PUT', '/xapi/activities/profile', p, {
        body: '{}',
        headers: { 'if-none-match': '*' },
      });
      expect(create.status).toBe(204);
      const again = await call('PUT', '/xapi/activities/profile', p, {
        body: '{}',
        headers: { 'if-none-match': '*' },
      });
      expect(again.status).toBe(412);
    });

    it('checks If-Match on POST and DELETE too', async () => {
      const p = profile();
      await call('POST', '/xapi/activities/profile', p, { body: '{"a":1}' });
      expect(
        (
          await call('POST', '/xapi/activities/profile', p, {
            body: '{"b":1}',
            headers: { 'if-match': '"0"' },
          })
        ).status,
      ).toBe(412);
      expect(
        (await call('DELETE', '/xapi/activities/profile', p, { headers: { 'if-match': '"0"' } })).status,
      ).toBe(412);
      const etag = (await call('GET', '/xapi/activities/profile', p)).headers.get('etag')!;
      expect(
        (await call('DELETE', '/xapi/activities/profile', p, { headers: { 'if-match': etag } })).status,
      ).toBe(204);
    });
  });
});
