import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XapiAgent } from './actor.schema.js';
import { ACTOR_HOMEPAGE, VERBS, lessonActivityId } from './iri.js';
import {
  agentKey,
  buildStatement,
  learnerAgent,
  statementSignature,
  voidedStatementId,
} from './statement.build.js';
import type { StatementWire } from './statement.schema.js';
import { validateStatement } from './statement.validate.js';

const USER_ID = '0190a5b2-7c3d-7000-8abc-0123456789ab';
const LESSON_ID = '0190a5b2-7c3d-7000-8abc-00000000000a';
const STATEMENT_ID = '0190a5b2-7c3d-7000-8abc-000000000001';

describe('learnerAgent', () => {
  it('identifies a Satchel user by an account on Satchel named by the user id', () => {
    expect(learnerAgent(USER_ID)).toEqual({
      objectType: 'Agent',
      account: { homePage: ACTOR_HOMEPAGE, name: USER_ID },
    });
    expect(learnerAgent(USER_ID, 'Amina').name).toBe('Amina');
  });

  it('is a valid xAPI Agent', () => {
    expect(XapiAgent.safeParse(learnerAgent(USER_ID, 'Amina')).success).toBe(true);
  });
});

describe('buildStatement', () => {
  const parts = {
    id: STATEMENT_ID,
    actor: learnerAgent(USER_ID),
    verb: { id: VERBS.completed, display: { en: 'completed' } },
    object: { id: lessonActivityId(LESSON_ID) },
    timestamp: '2026-11-28T12:00:00.000Z',
  };

  it('makes a valid statement with the given id and timestamp', () => {
    const statement = buildStatement(parts);
    expect(validateStatement(statement)).toEqual({ ok: true, statement });
    expect(statement.id).toBe(STATEMENT_ID);
    expect(statement.timestamp).toBe('2026-11-28T12:00:00.000Z');
  });

  it('spells out the objectType of an Activity object', () => {
    expect(buildStatement(parts).object).toEqual({ objectType: 'Activity', id: lessonActivityId(LESSON_ID) });
  });

  it('includes result and context only when given, and never the LRS-set properties', () => {
    expect(Object.keys(buildStatement(parts)).sort()).toEqual(['actor', 'id', 'object', 'timestamp', 'verb']);
    const full = buildStatement({
      ...parts,
      result: { completion: true, duration: 'PT5M' },
      context: { registration: '0190a5b2-7c3d-7000-8abc-0000000000ff' },
    });
    expect(full.result).toEqual({ completion: true, duration: 'PT5M' });
    expect(full.context).toEqual({ registration: '0190a5b2-7c3d-7000-8abc-0000000000ff' });
    expect(full).not.toHaveProperty('stored');
    expect(full).not.toHaveProperty('version');
    expect(full).not.toHaveProperty('authority');
  });

  it('is pure: the same parts give equal statements and the parts are not changed', () => {
    const before = structuredClone(parts);
    expect(buildStatement(parts)).toEqual(buildStatement(parts));
    expect(parts).toEqual(before);
  });
});

describe('agentKey', () => {
  it('keys an account by homePage and name', () => {
    expect(agentKey(learnerAgent(USER_ID))).toBe(`account:${ACTOR_HOMEPAGE}|${USER_ID}`);
  });

  it('keys an mbox with its domain in lowercase, since only the domain is case-insensitive', () => {
    expect(agentKey({ mbox: 'mailto:Ann.Lee@Example.COM' })).toBe('mbox:mailto:Ann.Lee@example.com');
    expect(agentKey({ mbox: 'mailto:Ann.Lee@example.com' })).not.toBe(
      agentKey({ mbox: 'mailto:ann.lee@example.com' }),
    );
  });

  it('keys mbox_sha1sum in lowercase and openid as given', () => {
    expect(agentKey({ mbox_sha1sum: 'EBD31E95054C018B10727CCFFD2EF2EC3A016EE9' })).toBe(
      'mbox_sha1sum:ebd31e95054c018b10727ccffd2ef2ec3a016ee9',
    );
    expect(agentKey({ openid: 'http://toby.openid.example.org/' })).toBe(
      'openid:http://toby.openid.example.org/',
    );
  });

  it('keys an identified Group by its IFI and has no key for an anonymous Group', () => {
    expect(agentKey({ objectType: 'Group', mbox: 'mailto:teampb@example.com' })).toBe(
      'mbox:mailto:teampb@example.com',
    );
    expect(agentKey({ objectType: 'Group', member: [{ mbox: 'mailto:a@example.com' }] })).toBeNull();
  });
});

describe('2.3.2 voidedStatementId', () => {
  it('names the target of a voiding statement and nothing else', () => {
    const target = 'e05aa883-acaf-40ad-bf54-02c8ce485fb0';
    expect(
      voidedStatementId({ verb: { id: VERBS.voided }, object: { objectType: 'StatementRef', id: target } }),
    ).toBe(target);
    expect(
      voidedStatementId({
        verb: { id: 'http://example.com/commented' },
        object: { objectType: 'StatementRef', id: target },
      }),
    ).toBeNull();
    expect(
      voidedStatementId({ verb: { id: VERBS.voided }, object: { id: 'http://example.com/a' } }),
    ).toBeNull();
  });
});

describe('2.3.1 Statement immutability: statementSignature', () => {
  const statement: StatementWire = {
    id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
    actor: { objectType: 'Agent', name: 'Ann', mbox: 'mailto:ann@example.com' },
    verb: { id: VERBS.answered, display: { en: 'answered' } },
    object: {
      objectType: 'Activity',
      id: 'http://example.com/q1',
      definition: { name: { en: 'Question 1' }, interactionType: 'true-false' },
    },
    result: {
      success: true,
      duration: 'PT1.5S',
      extensions: { 'http://example.com/a': 1, 'http://example.com/b': { x: 1, y: [1, 2] } },
    },
    context: {
      registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
      contextActivities: { parent: [{ id: 'http://example.com/quiz' }] },
    },
    timestamp: '2015-11-18T12:17:00.000Z',
  };
  const signature = statementSignature(statement);

  it('is the same for the same statement with the LRS-set properties filled in', () => {
    expect(
      statementSignature({
        ...statement,
        stored: '2015-11-18T12:18:00Z',
        version: '1.0.0',
        authority: { mbox: 'mailto:lrs@example.com' },
        attachments: [
          {
            usageType: 'http://adlnet.gov/expapi/attachments/signature',
            display: { en: 'Signature' },
            contentType: 'application/octet-stream',
            length: 1,
            sha2: '672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634',
          },
        ],
      }),
    ).toBe(signature);
  });

  it('compares timestamps as instants', () => {
    expect(statementSignature({ ...statement, timestamp: '2015-11-18T14:17:00+02:00' })).toBe(signature);
    expect(statementSignature({ ...statement, timestamp: '2015-11-18T12:17:00.001Z' })).not.toBe(signature);
  });

  it('ignores what is not part of the statement: verb display, Activity definitions', () => {
    expect(
      statementSignature({ ...statement, verb: { id: VERBS.answered, display: { fr: 'a répondu' } } }),
    ).toBe(signature);
    expect(statementSignature({ ...statement, object: { id: 'http://example.com/q1' } })).toBe(signature);
  });

  it('ignores Group member order and single-versus-array context Activities', () => {
    const a = { mbox: 'mailto:a@example.com' };
    const b = { mbox: 'mailto:b@example.com' };
    expect(statementSignature({ ...statement, actor: { objectType: 'Group', member: [a, b] } })).toBe(
      statementSignature({ ...statement, actor: { objectType: 'Group', member: [b, a] } }),
    );
    expect(
      statementSignature({
        ...statement,
        context: { ...statement.context, contextActivities: { parent: { id: 'http://example.com/quiz' } } },
      }),
    ).toBe(signature);
  });

  it('ignores the case of UUIDs and of email domains, and an Agent objectType left implicit', () => {
    expect(
      statementSignature({
        ...statement,
        id: statement.id!.toUpperCase(),
        actor: { name: 'Ann', mbox: 'mailto:ann@EXAMPLE.com' },
        context: { ...statement.context, registration: 'EC531277-B57B-4C15-8D91-D292C5B2B8F7' },
      }),
    ).toBe(signature);
  });

  it('ignores duration digits beyond 0.01 s but not within them', () => {
    expect(statementSignature({ ...statement, result: { ...statement.result, duration: 'PT1.504S' } })).toBe(
      statementSignature({ ...statement, result: { ...statement.result, duration: 'PT1.50S' } }),
    );
    expect(
      statementSignature({ ...statement, result: { ...statement.result, duration: 'PT1.51S' } }),
    ).not.toBe(statementSignature({ ...statement, result: { ...statement.result, duration: 'PT1.50S' } }));
  });

  it.each<[string, StatementWire]>([
    ['the actor', { ...statement, actor: { mbox: 'mailto:ben@example.com' } }],
    [
      'the actor name',
      { ...statement, actor: { objectType: 'Agent', name: 'Anne', mbox: 'mailto:ann@example.com' } },
    ],
    ['the verb', { ...statement, verb: { id: VERBS.attempted } }],
    ['the object', { ...statement, object: { id: 'http://example.com/q2' } }],
    ['the result', { ...statement, result: { ...statement.result, success: false } }],
    [
      'an extension value',
      { ...statement, result: { ...statement.result, extensions: { 'http://example.com/a': 2 } } },
    ],
    ['the registration', { ...statement, context: { registration: '0190a5b2-7c3d-7000-8abc-0123456789ab' } }],
    [
      'the mailbox local part case',
      { ...statement, actor: { objectType: 'Agent', name: 'Ann', mbox: 'mailto:Ann@example.com' } },
    ],
    ['the id', { ...statement, id: '0190a5b2-7c3d-7000-8abc-0123456789ab' }],
  ])('changes when %s changes', (_what, changed) => {
    expect(statementSignature(changed)).not.toBe(signature);
  });

  it('does not depend on the order of keys, at any depth', () => {
    const shuffleKeys = (value: unknown, seed: number): unknown => {
      if (Array.isArray(value)) return value.map((item, i) => shuffleKeys(item, seed + i));
      if (value === null || typeof value !== 'object') return value;
      const entries = Object.entries(value);
      const rotated = entries.map((_, i) => entries[(i + seed) % entries.length]!);
      return Object.fromEntries(rotated.map(([k, v]) => [k, shuffleKeys(v, seed + 1)]));
    };
    fc.assert(
      fc.property(fc.nat(50), (seed) => {
        expect(statementSignature(shuffleKeys(statement, seed) as StatementWire)).toBe(signature);
      }),
    );
  });
});
