import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { uuidv7, VERBS } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { addLrsCredential } from '../test-support/learning-fixtures.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

// xAPI 1.0.3 attachments and signed statements (Data 2.4.11, 2.6) and the Agents,
// Activities and About resources (Communication 2.4, 2.5, 2.8), over real HTTP.

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

describe.each(await engines())(
  'xAPI attachments, signatures, agents, activities and about on %s',
  (engine) => {
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
      const tenant = await createTenant(server, 'xapi-resources');
      auth = (await addLrsCredential(server.services, tenant.id, 'Conformance')).authorization;
    });
    afterAll(async () => {
      await server.services.progress.flushed();
      await server.close();
    });

    describe('xAPI 1.0.3 Data 2.4.11 Attachments', () => {
      const content = Buffer.from('here is a simple attachment', 'utf8');
      const sha2 = createHash('sha256').update(content).digest('hex');
      const attachment = {
        usageType: 'http://example.com/attachment-usage/test',
        display: { 'en-US': 'A test attachment' },
        contentType: 'text/plain; charset=ascii',
        length: content.length,
        sha2,
      };

      function multipart(
        json: unknown,
        parts: { hash: string; body: Buffer }[],
      ): { body: Buffer; type: string } {
        const boundary = 'conformance-boundary';
        const chunks: Buffer[] = [
          Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`),
        ];
        for (const p of parts) {
          chunks.push(
            Buffer.from(
              `--${boundary}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${p.hash}\r\n\r\n`,
            ),
            p.body,
            Buffer.from('\r\n'),
          );
        }
        chunks.push(Buffer.from(`--${boundary}--\r\n`));
        return { body: Buffer.concat(chunks), type: `multipart/mixed; boundary=${boundary}` };
      }

      it('stores a statement with its attachment sent as multipart/mixed and returns both with attachments=true', async () => {
        const s = statement({ attachments: [attachment] });
        const req = multipart(s, [{ hash: sha2, body: content }]);
        const res = await call('POST', '/xapi/statements', {
          headers: { 'content-type': req.type },
          body: req.body,
        });
        expect(res.status).toBe(200);
        const back = await get(`statementId=${String(s.id)}&attachments=true`);
        expect(back.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
        expect(back.bytes.includes(content)).toBe(true);
        expect(back.text).toContain(`X-Experience-API-Hash: ${sha2}`);
      });

      it('rejects an attachment without fileUrl sent as plain JSON', async () => {
        expect((await post(statement({ attachments: [attachment] }))).status).toBe(400);
      });

      it('rejects a part whose bytes do not match its hash', async () => {
        const s = statement({ attachments: [attachment] });
        const req = multipart(s, [{ hash: sha2, body: Buffer.from('something else') }]);
        const res = await call('POST', '/xapi/statements', {
          headers: { 'content-type': req.type },
          body: req.body,
        });
        expect(res.status).toBe(400);
      });

      it('rejects a part that matches no attachment', async () => {
        const other = Buffer.from('stray');
        const req = multipart(statement(), [
          { hash: createHash('sha256').update(other).digest('hex'), body: other },
        ]);
        const res = await call('POST', '/xapi/statements', {
          headers: { 'content-type': req.type },
          body: req.body,
        });
        expect(res.status).toBe(400);
      });

      it('accepts an attachment with a fileUrl and no part', async () => {
        const s = statement({ attachments: [{ ...attachment, fileUrl: 'https://example.org/file.txt' }] });
        expect((await post(s)).status).toBe(200);
      });
    });

    describe('xAPI 1.0.3 Data 2.6 Signed statements', () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      function jws(payload: unknown, alg = 'RS256'): Buffer {
        const signingInput = `${b64({ alg })}.${b64(payload)}`;
        const signature = sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url');
        return Buffer.from(`${signingInput}.${signature}`);
      }
      async function postSigned(s: Record<string, unknown>, token: Buffer) {
        const sha2 = createHash('sha256').update(token).digest('hex');
        const signed = {
          ...s,
          attachments: [
            {
              usageType: 'http://adlnet.gov/expapi/attachments/signature',
              display: { 'en-US': 'Signature' },
              contentType: 'application/octet-stream',
              length: token.length,
              sha2,
            },
          ],
        };
        const boundary = 'signed-boundary';
        const body = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(signed)}\r\n`),
          Buffer.from(
            `--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`,
          ),
          token,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        return call('POST', '/xapi/statements', {
          headers: { 'content-type': `multipart/mixed; boundary=${boundary}` },
          body,
        });
      }

      it('accepts a statement whose JWS payload is the statement itself', async () => {
        const s = statement();
        expect((await postSigned(s, jws(s))).status).toBe(200);
      });

      it('rejects a JWS whose payload differs from the statement', async () => {
        const s = statement();
        expect((await postSigned(s, jws({ ...s, verb: { id: VERBS.launched } }))).status).toBe(400);
      });

      it('rejects a JWS with an algorithm other than RS256, RS384 or RS512', async () => {
        const s = statement();
        expect((await postSigned(s, jws(s, 'HS256'))).status).toBe(400);
      });
    });

    describe('xAPI 1.0.3 Communication 2.4 Agents resource', () => {
      it('returns a Person object with the agent identifiers as arrays', async () => {
        const agent = encodeURIComponent(JSON.stringify({ mbox: 'mailto:conformance@example.org' }));
        const res = await call('GET', `/xapi/agents?agent=${agent}`);
        expect(res.status).toBe(200);
        expect(res.json).toMatchObject({
          objectType: 'Person',
          mbox: ['mailto:conformance@example.org'],
          name: ['Conformance'],
        });
      });

      it('rejects a missing or malformed agent', async () => {
        expect((await call('GET', '/xapi/agents')).status).toBe(400);
        expect((await call('GET', `/xapi/agents?agent=${encodeURIComponent('{"name":"x"}')}`)).status).toBe(
          400,
        );
      });
    });

    describe('xAPI 1.0.3 Communication 2.5 Activities resource', () => {
      it('returns the definition merged from the statements that carried one', async () => {
        const id = `${ACTIVITY}/defined-${uuidv7()}`;
        await post(statement({ object: { id, definition: { name: { 'en-US': 'Reading' } } } }));
        await post(
          statement({
            object: { id, definition: { name: { 'fr-FR': 'Lecture' }, type: 'https://example.org/t' } },
          }),
        );
        const res = await call('GET', `/xapi/activities?activityId=${encodeURIComponent(id)}`);
        expect(res.json).toEqual({
          objectType: 'Activity',
          id,
          definition: { name: { 'en-US': 'Reading', 'fr-FR': 'Lecture' }, type: 'https://example.org/t' },
        });
      });

      it('returns an Activity with just its id when nothing is known of it', async () => {
        const id = `${ACTIVITY}/unknown`;
        const res = await call('GET', `/xapi/activities?activityId=${encodeURIComponent(id)}`);
        expect(res.json).toEqual({ objectType: 'Activity', id });
      });
    });

    describe('xAPI 1.0.3 Communication 2.8 About resource', () => {
      it('lists 1.0.3 and 2.0.0 without credentials', async () => {
        const res = await call('GET', '/xapi/about', { noAuth: true });
        expect(res.json).toMatchObject({ version: expect.arrayContaining(['1.0.3', '2.0.0']) as unknown });
      });
    });
  },
);
