import { uuidv7, VERBS } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { addLrsCredential } from '../test-support/learning-fixtures.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

// xAPI 1.0.3 Data (and 2.0 where it differs): every rule of the statement model,
// as the LRS applies it to a POST. One `it` per requirement, named by section.

const ACTIVITY = 'https://example.org/xapi-data/activity';
type Json = Record<string, unknown>;

function statement(extra: Json = {}): Json {
  return {
    id: uuidv7(),
    actor: { objectType: 'Agent', mbox: 'mailto:data@example.org' },
    verb: { id: VERBS.experienced, display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: ACTIVITY },
    ...extra,
  };
}
const withObject = (object: Json): Json => statement({ object });
const withDefinition = (definition: Json): Json => withObject({ id: ACTIVITY, definition });
const withResult = (result: Json): Json => statement({ result });
const withContext = (context: Json): Json => statement({ context });

describe.each(await engines())('xAPI data model on %s', (engine) => {
  let server: TestServer;
  let auth: string;
  let tenantId: string;

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        'x-experience-api-version': '1.0.3',
        authorization: auth,
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as unknown };
  };
  const get = async (id: string) => {
    const res = await fetch(`${server.url}/xapi/statements?statementId=${id}`, {
      headers: { 'x-experience-api-version': '1.0.3', authorization: auth },
    });
    return (await res.json()) as Json;
  };
  const rejects = async (body: Json): Promise<void> => {
    const res = await post(body);
    expect(res.status, JSON.stringify(body)).toBe(400);
  };
  const accepts = async (body: Json): Promise<void> => {
    const res = await post(body);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  };

  beforeAll(async () => {
    server = await startTestServer({ engine });
    const tenant = await createTenant(server, 'xapi-data');
    tenantId = tenant.id;
    auth = (await addLrsCredential(server.services, tenant.id, 'Data')).authorization;
  });
  afterAll(async () => {
    await server.services.progress.flushed();
    await server.close();
  });

  describe('xAPI 1.0.3 §2.2 Formatting', () => {
    it('rejects properties the model does not define, and objectType in the wrong case', async () => {
      await rejects(statement({ extra: true }));
      await rejects(statement({ actor: { objectType: 'agent', mbox: 'mailto:a@example.org' } }));
    });
    it('rejects null where a value is expected', async () => {
      await rejects(statement({ verb: null }));
      await rejects(statement({ result: { success: null } }));
    });
  });

  describe('xAPI 1.0.3 §2.4.1 Id', () => {
    it('rejects an id that is not a UUID', async () => {
      await rejects(statement({ id: 'not-a-uuid' }));
    });
  });

  describe('xAPI 1.0.3 §2.4.2 Actor', () => {
    it('requires exactly one inverse functional identifier', async () => {
      await rejects(statement({ actor: { objectType: 'Agent', name: 'Nobody' } }));
      await rejects(
        statement({ actor: { mbox: 'mailto:a@example.org', openid: 'https://example.org/openid/a' } }),
      );
    });
    it('mbox is a mailto IRI; mbox_sha1sum is hex SHA-1; account has homePage and name', async () => {
      await rejects(statement({ actor: { mbox: 'a@example.org' } }));
      await rejects(statement({ actor: { mbox_sha1sum: 'xyz' } }));
      await rejects(statement({ actor: { account: { name: 'a' } } }));
      await rejects(statement({ actor: { account: { homePage: 'not an iri', name: 'a' } } }));
      await accepts(statement({ actor: { mbox_sha1sum: 'a'.repeat(40) } }));
      await accepts(statement({ actor: { account: { homePage: 'https://example.org', name: 'a' } } }));
    });
    it('an anonymous Group needs members; a Group contains no Groups', async () => {
      await rejects(statement({ actor: { objectType: 'Group', name: 'Anonymous' } }));
      const inner = { objectType: 'Group', member: [{ mbox: 'mailto:b@example.org' }] };
      await rejects(statement({ actor: { objectType: 'Group', member: [inner] } }));
      await accepts(
        statement({ actor: { objectType: 'Group', member: [{ mbox: 'mailto:b@example.org' }] } }),
      );
    });
  });

  describe('xAPI 1.0.3 §2.4.3 Verb', () => {
    it('requires an IRI id and a language map display', async () => {
      await rejects(statement({ verb: { id: 'experienced' } }));
      await rejects(statement({ verb: { id: VERBS.experienced, display: 'experienced' } }));
    });
  });

  describe('xAPI 1.0.3 §2.4.4.1 Activity definitions', () => {
    it('rejects language maps with keys that are not RFC 5646 tags, or non-string values', async () => {
      await rejects(withDefinition({ name: { 'not a tag': 'x' } }));
      await rejects(withDefinition({ description: { en: 5 } }));
    });
    it('takes only the interaction types of the specification', async () => {
      await rejects(withDefinition({ interactionType: 'essay' }));
    });
    it('allows each interaction type only its own component lists, with distinct ids', async () => {
      const choice = { id: 'a', description: { en: 'A' } };
      await accepts(withDefinition({ interactionType: 'choice', choices: [choice] }));
      await rejects(withDefinition({ interactionType: 'true-false', choices: [choice] }));
      await rejects(withDefinition({ interactionType: 'choice', choices: [choice, choice] }));
      await rejects(withDefinition({ choices: [choice] }));
      await accepts(withDefinition({ interactionType: 'matching', source: [choice], target: [choice] }));
      await accepts(withDefinition({ interactionType: 'likert', scale: [choice] }));
      await accepts(withDefinition({ interactionType: 'performance', steps: [choice] }));
    });
    it('correctResponsesPattern is an array of strings, with an interactionType', async () => {
      await rejects(withDefinition({ interactionType: 'fill-in', correctResponsesPattern: 'x' }));
      await rejects(withDefinition({ correctResponsesPattern: ['x'] }));
    });
  });

  describe('xAPI 1.0.3 §2.4.4 Object', () => {
    it('an Agent as object needs objectType; a StatementRef needs a UUID', async () => {
      await rejects(withObject({ mbox: 'mailto:c@example.org' }));
      await accepts(withObject({ objectType: 'Agent', mbox: 'mailto:c@example.org' }));
      await rejects(withObject({ objectType: 'StatementRef', id: 'nope' }));
    });
    it('a SubStatement has no id, stored, version or authority and is never nested', async () => {
      const sub = {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:d@example.org' },
        verb: { id: VERBS.attempted },
        object: { id: ACTIVITY },
      };
      await accepts(withObject(sub));
      await rejects(withObject({ ...sub, id: uuidv7() }));
      await rejects(withObject({ ...sub, version: '1.0.0' }));
      await rejects(withObject({ ...sub, object: { ...sub } }));
    });
  });

  describe('xAPI 1.0.3 §2.4.5 Result', () => {
    it('scaled is within -1..1 and raw within min..max', async () => {
      await rejects(withResult({ score: { scaled: 1.5 } }));
      await rejects(withResult({ score: { raw: 11, min: 0, max: 10 } }));
      await rejects(withResult({ score: { min: 10, max: 0 } }));
      await accepts(withResult({ score: { scaled: -1, raw: 0, min: 0, max: 10 } }));
    });
    it('duration is an ISO 8601 duration', async () => {
      await rejects(withResult({ duration: '1 hour' }));
      await accepts(withResult({ duration: 'PT1H30M2.5S' }));
    });
    it('extension keys are IRIs', async () => {
      await rejects(withResult({ extensions: { progress: 1 } }));
      await accepts(withResult({ extensions: { 'https://example.org/ext/progress': null } }));
    });
  });

  describe('xAPI 1.0.3 §2.4.6 Context', () => {
    it('revision and platform only when the object is an Activity', async () => {
      const ref = { objectType: 'StatementRef', id: uuidv7() };
      await rejects(statement({ object: ref, context: { revision: '2' } }));
      await rejects(statement({ object: ref, context: { platform: 'web' } }));
      await accepts(withContext({ revision: '2', platform: 'web' }));
    });
    it('registration is a UUID, language a tag, team a Group', async () => {
      await rejects(withContext({ registration: 'r1' }));
      await rejects(withContext({ language: 'not a language' }));
      await rejects(withContext({ team: { mbox: 'mailto:e@example.org' } }));
    });
    it('a single context Activity is stored and returned as an array', async () => {
      const s = withContext({ contextActivities: { parent: { id: `${ACTIVITY}/parent` } } });
      await accepts(s);
      expect(await get(String(s.id))).toMatchObject({
        context: { contextActivities: { parent: [{ id: `${ACTIVITY}/parent` }] } },
      });
    });
  });

  describe('xAPI 2.0 §4.2.2.5 contextAgents and contextGroups', () => {
    it('accepts wrapped Agents and Groups with relevantTypes, and rejects malformed ones', async () => {
      const agent = {
        objectType: 'contextAgent',
        agent: { mbox: 'mailto:f@example.org' },
        relevantTypes: ['https://example.org/roles/peer'],
      };
      const group = {
        objectType: 'contextGroup',
        group: { objectType: 'Group', member: [{ mbox: 'mailto:g@example.org' }] },
      };
      await accepts(withContext({ contextAgents: [agent], contextGroups: [group] }));
      await rejects(withContext({ contextAgents: [{ ...agent, relevantTypes: [] }] }));
      await rejects(withContext({ contextAgents: [{ ...agent, objectType: 'Agent' }] }));
    });
  });

  describe('xAPI 1.0.3 §2.4.7 Timestamp', () => {
    it('a timestamp needs a time zone', async () => {
      await rejects(statement({ timestamp: '2026-01-01T10:00:00' }));
      await accepts(statement({ timestamp: '2026-01-01T10:00:00+02:00' }));
    });
    it('a statement without a timestamp gets the stored time', async () => {
      const s = statement();
      await accepts(s);
      const back = await get(String(s.id));
      expect(back.timestamp).toBe(back.stored);
    });
  });

  describe('xAPI 1.0.3 §2.4.8 Stored and §2.4.9 Authority', () => {
    it('the LRS sets stored and authority whatever the client sent', async () => {
      const s = statement({
        stored: '2000-01-01T00:00:00Z',
        authority: { objectType: 'Agent', mbox: 'mailto:impostor@example.org' },
      });
      await accepts(s);
      const back = await get(String(s.id));
      expect(back.stored).not.toBe('2000-01-01T00:00:00Z');
      expect(back.authority).toMatchObject({ name: 'Data' });
    });
    it('an authority Group must be an anonymous Group of exactly two Agents', async () => {
      const one = { objectType: 'Group', member: [{ mbox: 'mailto:h@example.org' }] };
      await rejects(statement({ authority: one }));
    });
  });

  describe('xAPI 1.0.3 §2.4.10 Version', () => {
    it('accepts 1.0.x (and 2.0.x) and rejects other versions', async () => {
      await rejects(statement({ version: '0.95' }));
      await rejects(statement({ version: '1.1.0' }));
      await accepts(statement({ version: '1.0.3' }));
      await accepts(statement({ version: '2.0.0' }));
    });
    it('gives a statement without a version 1.0.0', async () => {
      const s = statement();
      await accepts(s);
      expect((await get(String(s.id))).version).toBe('1.0.0');
    });
  });

  describe('xAPI 1.0.3 §2.4.11 Attachments', () => {
    it('an attachment needs usageType, display, contentType, length and a SHA-2', async () => {
      const a = {
        usageType: 'https://example.org/u',
        display: { en: 'A' },
        contentType: 'text/plain',
        length: 1,
        sha2: 'a'.repeat(64),
        fileUrl: 'https://example.org/f',
      };
      await accepts(statement({ attachments: [a] }));
      await rejects(statement({ attachments: [{ ...a, sha2: 'xyz' }] }));
      await rejects(statement({ attachments: [{ ...a, length: 1.5 }] }));
      await rejects(statement({ attachments: [{ ...a, display: undefined }] }));
    });
  });

  describe('xAPI 1.0.3 §2.3.2 Voiding', () => {
    it('a voiding statement has a StatementRef as object', async () => {
      await rejects(statement({ verb: { id: VERBS.voided } }));
    });
  });

  describe('LrsService.onStored (forwarding hook)', () => {
    it('is told about newly stored statements after commit, once, never about re-sent ones', async () => {
      const seen: string[] = [];
      const off = server.services.lrs.onStored((e) => {
        if (e.tenantId === tenantId) seen.push(...e.statementIds);
      });
      const s = statement();
      await accepts(s);
      await accepts(s);
      off();
      await accepts(statement());
      expect(seen).toEqual([s.id]);
    });
  });
});
