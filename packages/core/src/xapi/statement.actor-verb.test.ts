import { describe, expect, it } from 'vitest';
import type { Statement } from './statement.schema.js';
import { describeStatementErrors, validateStatement } from './statement.validate.js';

function accepted(input: unknown): Statement {
  const result = validateStatement(input);
  if (!result.ok)
    throw new Error(`expected the statement to be accepted:\n${describeStatementErrors(result.errors)}`);
  return result.statement;
}

function rejection(input: unknown): string[] {
  const result = validateStatement(input);
  if (result.ok) throw new Error('expected the statement to be rejected');
  return describeStatementErrors(result.errors).split('\n');
}

const actor = { objectType: 'Agent', mbox: 'mailto:learner@example.com' };
const verb = { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } };
const object = { id: 'http://example.adlnet.gov/xapi/example/activity' };
const minimal = { actor, verb, object };

describe('2.4.1 ID', () => {
  it('an id is optional, since the LRS assigns one when it is missing', () => {
    expect(accepted(minimal).id).toBeUndefined();
  });

  it('an id that is not a UUID is rejected', () => {
    expect(rejection({ ...minimal, id: 'AA97B177-9383-4934-8543-0F91A7A028368' })).toEqual([
      'id: must be a UUID in standard string form',
    ]);
    expect(rejection({ ...minimal, id: 12345 })).toEqual(['id: must be a string, not a number']);
  });
});

describe('2.4.2 Actor', () => {
  it('2.4.2.4 an Agent identified by an opaque account is valid', () => {
    accepted({
      ...minimal,
      actor: { objectType: 'Agent', account: { homePage: 'http://www.example.com', name: '1625378' } },
    });
  });

  it('an Agent without objectType is an Agent', () => {
    accepted({ ...minimal, actor: { mbox: 'mailto:xapi@adlnet.gov' } });
  });

  it('2.4.2.1 an Agent with two IFIs is rejected', () => {
    expect(
      rejection({
        ...minimal,
        actor: { mbox: 'mailto:a@example.com', openid: 'http://openid.example.org/a' },
      }),
    ).toEqual([
      'actor: an Agent needs exactly one of mbox, mbox_sha1sum, openid or account (found mbox and openid)',
    ]);
  });

  it('2.4.2.1 an Agent with no IFI is rejected', () => {
    expect(rejection({ ...minimal, actor: { objectType: 'Agent', name: 'Nobody' } })).toEqual([
      'actor: an Agent needs exactly one of mbox, mbox_sha1sum, openid or account',
    ]);
  });

  it('2.4.2.3 each IFI is checked for its format', () => {
    expect(rejection({ ...minimal, actor: { mbox: 'http://should.fail.com' } })).toEqual([
      'actor.mbox: must be "mailto:" followed by an email address',
    ]);
    expect(rejection({ ...minimal, actor: { mbox_sha1sum: 'not-a-hash' } })).toEqual([
      'actor.mbox_sha1sum: must be a hex-encoded SHA-1 hash (40 hex digits)',
    ]);
    expect(rejection({ ...minimal, actor: { openid: 'toby' } })).toEqual([
      'actor.openid: must be an absolute IRI (scheme:…)',
    ]);
  });

  it('2.4.2.4 an account needs a homePage IRL and a string name, and nothing else', () => {
    expect(rejection({ ...minimal, actor: { account: { name: '1625378' } } })).toEqual([
      'actor.account.homePage: is required',
    ]);
    expect(rejection({ ...minimal, actor: { account: { homePage: 'ab=c://x', name: 'a' } } })).toEqual([
      'actor.account.homePage: must be an absolute IRL (scheme:…)',
    ]);
    expect(
      rejection({ ...minimal, actor: { account: { homePage: 'http://x.org', name: { key: 'x' } } } }),
    ).toEqual(['actor.account.name: must be a string, not an object']);
    expect(
      rejection({ ...minimal, actor: { account: { homePage: 'http://x.org', name: 'a', id: 1 } } }),
    ).toEqual(['actor.account: property "id" is not allowed here']);
  });

  it('2.2.s4.b1.b6 an objectType in the wrong case is rejected', () => {
    expect(rejection({ ...minimal, actor: { objectType: 'agent', mbox: 'mailto:a@example.com' } })).toEqual([
      'actor.objectType: objectType must be "Agent" or "Group" (case-sensitive)',
    ]);
  });

  it('2.4.2.2 Appendix B: an identified Group with members is valid', () => {
    accepted({
      ...minimal,
      actor: {
        name: 'Example Group',
        account: { homePage: 'http://example.com/homePage', name: 'GroupAccount' },
        objectType: 'Group',
        member: [
          { name: 'Andrew Downes', mbox: 'mailto:andrew@example.com', objectType: 'Agent' },
          { name: 'Aaron Silvers', openid: 'http://aaron.openid.example.org', objectType: 'Agent' },
        ],
      },
    });
  });

  it('2.4.2.2 an anonymous Group without members is rejected', () => {
    expect(rejection({ ...minimal, actor: { objectType: 'Group', name: 'Ad hoc team' } })).toEqual([
      'actor: an anonymous Group needs a member list (or identify the Group by one of mbox, mbox_sha1sum, openid or account)',
    ]);
  });

  it('2.4.2.2 an identified Group with two IFIs is rejected', () => {
    expect(
      rejection({
        ...minimal,
        actor: { objectType: 'Group', mbox: 'mailto:team@example.com', openid: 'http://team.example.org/' },
      }),
    ).toEqual([
      'actor: a Group has at most one of mbox, mbox_sha1sum, openid or account (found mbox and openid)',
    ]);
  });

  it('2.4.2.2 a Group cannot contain a Group', () => {
    const errors = rejection({
      ...minimal,
      actor: { objectType: 'Group', member: [{ objectType: 'Group', mbox: 'mailto:inner@example.com' }] },
    });
    expect(errors).toContain(
      'actor.member[0].objectType: a Group member must be an Agent (Groups cannot contain Groups)',
    );
  });

  it('2.4.2.2 each Group member is a valid Agent', () => {
    expect(rejection({ ...minimal, actor: { objectType: 'Group', member: [{ name: 'No IFI' }] } })).toEqual([
      'actor.member[0]: an Agent needs exactly one of mbox, mbox_sha1sum, openid or account',
    ]);
  });
});

describe('2.4.3 Verb', () => {
  it('the spec example verb with two languages is valid', () => {
    accepted({
      ...minimal,
      verb: {
        id: 'http://example.com/xapi/verbs#defenestrated',
        display: { 'en-US': 'defenestrated', es: 'defenestrado' },
      },
    });
  });

  it('display is optional', () => {
    accepted({ ...minimal, verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' } });
  });

  it('a verb id that is not an IRI is rejected', () => {
    expect(rejection({ ...minimal, verb: { id: 'attempted' } })).toEqual([
      'verb.id: must be an absolute IRI (scheme:…)',
    ]);
  });

  it('4.2 a display key that is not a language tag is rejected', () => {
    expect(rejection({ ...minimal, verb: { ...verb, display: { 'de-419-DE': 'besucht' } } })).toEqual([
      'verb.display["de-419-DE"]: is not an RFC 5646 language tag',
    ]);
  });

  it('4.2 an empty or non-object display is rejected', () => {
    expect(rejection({ ...minimal, verb: { ...verb, display: {} } })).toEqual([
      'verb.display: needs at least one language entry',
    ]);
    expect(rejection({ ...minimal, verb: { ...verb, display: 'attempted' } })).toEqual([
      'verb.display: must be an object of language tag → text',
    ]);
  });

  it('a verb with an unexpected property is rejected', () => {
    expect(rejection({ ...minimal, verb: { ...verb, name: 'attempted' } })).toEqual([
      'verb: property "name" is not allowed here',
    ]);
  });
});
