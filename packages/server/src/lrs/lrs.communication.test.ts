import { uuidv7, VERBS } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { addLrsCredential } from '../test-support/learning-fixtures.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

// xAPI 1.0.3 Communication (and 2.0 where it differs), over real HTTP, one test
// per requirement, named by the section it checks.

const ACTIVITY = 'https://example.org/xapi-conformance/activity';
const V = { 'x-experience-api-version': '1.0.3' };

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  bytes: Buffer;
}

function statement(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uuidv7(),
    actor: { objectType: 'Agent', mbox: 'mailto:conformance@example.org', name: 'Conformance' },
    verb: { id: VERBS.experienced, display: { 'en-US': 'experienced', 'fr-FR': 'a vécu' } },
    object: { objectType: 'Activity', id: ACTIVITY },
    ...extra,
  };
}

describe.each(await engines())('xAPI statements resource on %s', (engine) => {
  let server: TestServer;
  let auth: string;

  async function call(
    method: string,
    path: string,
    options: { body?: string | Buffer; headers?: Record<string, string>; noAuth?: boolean } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...V, ...(options.noAuth ? {} : { authorization: auth }) };
    Object.assign(headers, options.headers ?? {});
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) init.body = options.body;
    const res = await fetch(`${server.url}${path}`, init);
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown = null;
    try {
      json = text === '' ? null : (JSON.parse(text) as unknown);
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json, bytes };
  }
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    call('POST', '/xapi/statements', {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });
  const get = (query: string, headers: Record<string, string> = {}) =>
    call('GET', `/xapi/statements?${query}`, { headers });

  beforeAll(async () => {
    server = await startTestServer({ engine });
    const tenant = await createTenant(server, 'xapi-comm');
    auth = (await addLrsCredential(server.services, tenant.id, 'Conformance')).authorization;
  });
  afterAll(async () => {
    await server.services.progress.flushed();
    await server.close();
  });

  describe('xAPI 1.0.3 Communication 1.1 HEAD', () => {
    it('answers HEAD like GET, without a body', async () => {
      const s = statement();
      await post(s);
      const res = await call('HEAD', `/xapi/statements?statementId=${String(s.id)}`);
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    });
  });

  describe('xAPI 1.0.3 Communication 1.3 Alternate request syntax', () => {
    it('takes a PUT as a form POST with method=PUT, headers and content in the form', async () => {
      const s = statement();
      const form = new URLSearchParams({
        statementId: String(s.id),
        Authorization: auth,
        'X-Experience-API-Version': '1.0.3',
        'Content-Type': 'application/json',
        content: JSON.stringify(s),
      });
      const res = await call('POST', '/xapi/statements?method=PUT', {
        noAuth: true,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-experience-api-version': '' },
        body: form.toString(),
      });
      expect(res.status).toBe(204);
      expect((await get(`statementId=${String(s.id)}`)).status).toBe(200);
    });

    it('takes a GET as a form POST with the query parameters in the form', async () => {
      const s = statement();
      await post(s);
      const form = new URLSearchParams({ statementId: String(s.id), 'X-Experience-API-Version': '1.0.3' });
      const res = await call('POST', '/xapi/statements?method=GET', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ id: s.id });
    });

    it('rejects any query parameter besides method with 400', async () => {
      const form = new URLSearchParams({ content: JSON.stringify(statement()) });
      const res = await call('POST', `/xapi/statements?method=PUT&statementId=${uuidv7()}`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expect(res.status).toBe(400);
    });

    it('rejects a form that is not application/x-www-form-urlencoded', async () => {
      const res = await call('POST', `/xapi/statements?method=GET`, {
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(400);
    });
  });

  describe('xAPI 2.0 §4.1.1 no alternate request syntax', () => {
    it('rejects method= from a 2.0 client', async () => {
      const res = await call('POST', '/xapi/statements?method=GET', {
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-experience-api-version': '2.0.0' },
        body: '',
      });
      expect(res.status).toBe(400);
    });
  });

  describe('xAPI 1.0.3 Communication 1.3 CORS', () => {
    it('answers a preflight with the allowed methods and headers', async () => {
      const res = await call('OPTIONS', '/xapi/statements', {
        noAuth: true,
        headers: {
          origin: 'https://tool.example.org',
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'authorization, x-experience-api-version, content-type',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
        'x-experience-api-version',
      );
    });

    it('exposes the xAPI headers to scripts on answers', async () => {
      const res = await get('limit=1');
      const exposed = res.headers.get('access-control-expose-headers')?.toLowerCase() ?? '';
      expect(exposed).toContain('x-experience-api-consistent-through');
      expect(exposed).toContain('etag');
    });
  });

  describe('xAPI 1.0.3 Communication 1.5 Content types', () => {
    it('rejects statements sent as another content type', async () => {
      const res = await call('POST', '/xapi/statements', {
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify(statement()),
      });
      expect(res.status).toBe(400);
    });
  });

  describe('xAPI 1.0.3 Communication 2.1.1 PUT Statements', () => {
    it('stores under statementId with 204; the same content again is 204; other content is 409', async () => {
      const s = statement();
      const body = JSON.stringify(s);
      const put = (b: string) =>
        call('PUT', `/xapi/statements?statementId=${String(s.id)}`, {
          headers: { 'content-type': 'application/json' },
          body: b,
        });
      expect((await put(body)).status).toBe(204);
      expect((await put(body)).status).toBe(204);
      expect((await put(JSON.stringify({ ...s, verb: { id: VERBS.launched } }))).status).toBe(409);
    });

    it('rejects a PUT without statementId', async () => {
      const res = await call('PUT', '/xapi/statements', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(statement()),
      });
      expect(res.status).toBe(400);
    });
  });

  describe('xAPI 1.0.3 Communication 2.1.2 POST Statements', () => {
    it('stores an array and answers the ids in order, generating missing ones', async () => {
      const a = statement();
      const { id: _ignored, ...b } = statement();
      const res = await post([a, b]);
      expect(res.status).toBe(200);
      const ids = res.json as string[];
      expect(ids).toHaveLength(2);
      expect(ids[0]).toBe(a.id);
      expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('xAPI 1.0.3 Communication 2.1.3 GET Statements', () => {
    it('sets X-Experience-API-Consistent-Through on every GET', async () => {
      const res = await get('limit=1');
      expect(res.status).toBe(200);
      expect(Date.parse(res.headers.get('x-experience-api-consistent-through') ?? '')).not.toBeNaN();
    });

    it('format=ids leaves only identifiers of agents, activities and verbs', async () => {
      const s = statement({ object: { id: `${ACTIVITY}/ids`, definition: { name: { 'en-US': 'Ids' } } } });
      await post(s);
      const res = await get(`statementId=${String(s.id)}&format=ids`);
      expect(res.json).toMatchObject({
        actor: { objectType: 'Agent', mbox: 'mailto:conformance@example.org' },
        verb: { id: VERBS.experienced },
        object: { objectType: 'Activity', id: `${ACTIVITY}/ids` },
      });
      const body = res.json as {
        actor: Record<string, unknown>;
        verb: Record<string, unknown>;
        object: Record<string, unknown>;
      };
      expect(body.actor.name).toBeUndefined();
      expect(body.verb.display).toBeUndefined();
      expect(body.object.definition).toBeUndefined();
    });

    it('format=canonical keeps one language per language map, chosen by Accept-Language', async () => {
      const s = statement();
      await post(s);
      const fr = await get(`statementId=${String(s.id)}&format=canonical`, {
        'accept-language': 'fr-FR, en;q=0.5',
      });
      expect((fr.json as { verb: { display: unknown } }).verb.display).toEqual({ 'fr-FR': 'a vécu' });
      const en = await get(`statementId=${String(s.id)}&format=canonical`, { 'accept-language': 'en' });
      expect((en.json as { verb: { display: unknown } }).verb.display).toEqual({ 'en-US': 'experienced' });
      const exact = await get(`statementId=${String(s.id)}&format=exact`);
      expect(Object.keys((exact.json as { verb: { display: object } }).verb.display)).toHaveLength(2);
    });

    it('rejects an unknown format', async () => {
      expect((await get('format=full')).status).toBe(400);
    });

    it('related_activities matches context activities and SubStatements; without it, only the object', async () => {
      const parent = `${ACTIVITY}/related-${uuidv7()}`;
      const s = statement({ context: { contextActivities: { parent: { id: parent } } } });
      await post(s);
      const plain = await get(`activity=${encodeURIComponent(parent)}`);
      expect((plain.json as { statements: unknown[] }).statements).toEqual([]);
      const related = await get(`activity=${encodeURIComponent(parent)}&related_activities=true`);
      expect((related.json as { statements: { id: string }[] }).statements.map((x) => x.id)).toEqual([s.id]);
    });

    it('related_agents matches instructor, team and authority', async () => {
      const instructor = { mbox: `mailto:teacher-${uuidv7()}@example.org` };
      const s = statement({ context: { instructor } });
      await post(s);
      const agent = encodeURIComponent(JSON.stringify(instructor));
      expect(((await get(`agent=${agent}`)).json as { statements: unknown[] }).statements).toEqual([]);
      const related = await get(`agent=${agent}&related_agents=true`);
      expect((related.json as { statements: { id: string }[] }).statements.map((x) => x.id)).toEqual([s.id]);
    });

    it('pages with limit and a "more" link that continues the same query', async () => {
      const registration = uuidv7();
      const sent = [statement(), statement(), statement()].map((s) => ({
        ...s,
        id: String(s.id),
        context: { registration },
      }));
      for (const s of sent) await post(s);
      const first = await get(`registration=${registration}&limit=2&ascending=true`);
      const page = first.json as { statements: { id: string }[]; more: string };
      expect(page.statements.map((s) => s.id)).toEqual([sent[0]!.id, sent[1]!.id]);
      const next = await call('GET', page.more);
      const rest = next.json as { statements: { id: string }[]; more: string };
      expect(rest.statements.map((s) => s.id)).toEqual([sent[2]!.id]);
      expect(rest.more).toBe('');
    });
  });

  describe('xAPI 1.0.3 Data 2.3.2 Voiding', () => {
    it('a voiding statement cannot itself be voided', async () => {
      const target = statement();
      await post(target);
      const voider = statement({
        verb: { id: VERBS.voided },
        object: { objectType: 'StatementRef', id: target.id },
      });
      await post(voider);
      const again = statement({
        verb: { id: VERBS.voided },
        object: { objectType: 'StatementRef', id: voider.id },
      });
      expect((await post(again)).status).toBe(400);
    });

    it('a statement that refers to a matching statement is returned with it (StatementRef filters)', async () => {
      const verb = `https://example.org/verbs/ref-${uuidv7()}`;
      const target = statement({ verb: { id: verb } });
      await post(target);
      const referrer = statement({ object: { objectType: 'StatementRef', id: target.id } });
      await post(referrer);
      const res = await get(`verb=${encodeURIComponent(verb)}&ascending=true`);
      expect((res.json as { statements: { id: string }[] }).statements.map((s) => s.id)).toEqual([
        target.id,
        referrer.id,
      ]);
    });
  });

  describe('xAPI 1.0.3 Communication 3.3 Versioning', () => {
    it('rejects a request without a supported version, and names its own version on every answer', async () => {
      for (const version of ['', '0.95', '1.1.0']) {
        const res = await get('limit=1', { 'x-experience-api-version': version });
        expect(res.status, version).toBe(400);
        expect(res.headers.get('x-experience-api-version')).toBe('1.0.3');
      }
    });

    it('accepts 1.0 and other 1.0.x versions, and answers a 2.0 client as 2.0.0', async () => {
      expect((await get('limit=1', { 'x-experience-api-version': '1.0.1' })).status).toBe(200);
      const two = await get('limit=1', { 'x-experience-api-version': '2.0.0' });
      expect(two.status).toBe(200);
      expect(two.headers.get('x-experience-api-version')).toBe('2.0.0');
    });

    it('gives statements from a 2.0 client the version 2.0.0 when they name none', async () => {
      const s = statement();
      await post(s, { 'x-experience-api-version': '2.0.0' });
      expect((await get(`statementId=${String(s.id)}`)).json).toMatchObject({ version: '2.0.0' });
    });
  });
});
