import { describe, expect, it } from 'vitest';
import type { Statement } from './statement.schema.js';
import { describeStatementErrors, validateStatement, validateStatementBatch } from './statement.validate.js';

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

describe('Appendix A and the spec examples are valid statements', () => {
  it('2.4 the simplest statement using all required and recommended properties', () => {
    accepted({
      id: '12345678-1234-5678-1234-567812345678',
      actor: { mbox: 'mailto:xapi@adlnet.gov' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/created', display: { 'en-US': 'created' } },
      object: { id: 'http://example.adlnet.gov/xapi/example/activity' },
    });
  });

  it('Appendix A: a simple statement', () => {
    accepted({
      id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
      timestamp: '2015-11-18T12:17:00+00:00',
      actor: { objectType: 'Agent', name: 'Project Tin Can API', mbox: 'mailto:user@example.com' },
      verb: { id: 'http://example.com/xapi/verbs#sent-a-statement', display: { 'en-US': 'sent' } },
      object: {
        id: 'http://example.com/xapi/activity/simplestatement',
        definition: {
          name: { 'en-US': 'simple statement' },
          description: {
            'en-US':
              'A simple Experience API statement. Note that the LRS does not need to have any prior information about the Actor (learner), the verb, or the Activity/object.',
          },
        },
      },
    });
  });

  it('Appendix A: completion with verb "attempted" and duration in seconds', () => {
    const statement = accepted({
      id: '7ccd3322-e1a5-411a-a67d-6a735c76f119',
      timestamp: '2015-12-18T12:17:00+00:00',
      actor: { objectType: 'Agent', name: 'Example Learner', mbox: 'mailto:example.learner@adlnet.gov' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } },
      object: {
        id: 'http://example.adlnet.gov/xapi/example/simpleCBT',
        definition: {
          name: { 'en-US': 'simple CBT course' },
          description: { 'en-US': 'A fictitious example CBT course.' },
        },
      },
      result: { score: { scaled: 0.95 }, success: true, completion: true, duration: 'PT1234S' },
    });
    expect(statement.result?.duration).toBe('PT1234S');
  });

  it('Appendix A: the long example with a Group actor, context, authority and stored', () => {
    accepted({
      id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee',
      actor: {
        name: 'Team PB',
        mbox: 'mailto:teampb@example.com',
        member: [
          {
            name: 'Andrew Downes',
            account: { homePage: 'http://www.example.com', name: '13936749' },
            objectType: 'Agent',
          },
          { name: 'Toby Nichols', openid: 'http://toby.openid.example.org/', objectType: 'Agent' },
          {
            name: 'Ena Hills',
            mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9',
            objectType: 'Agent',
          },
        ],
        objectType: 'Group',
      },
      verb: {
        id: 'http://adlnet.gov/expapi/verbs/attended',
        display: { 'en-GB': 'attended', 'en-US': 'attended' },
      },
      result: {
        extensions: {
          'http://example.com/profiles/meetings/resultextensions/minuteslocation':
            'X:\\meetings\\minutes\\examplemeeting.one',
        },
        success: true,
        completion: true,
        response: 'We agreed on some example actions.',
        duration: 'PT1H0M0S',
      },
      context: {
        registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
        contextActivities: {
          parent: [{ id: 'http://www.example.com/meetings/series/267', objectType: 'Activity' }],
          category: [
            {
              id: 'http://www.example.com/meetings/categories/teammeeting',
              objectType: 'Activity',
              definition: {
                name: { en: 'team meeting' },
                description: { en: 'A category of meeting used for regular team meetings.' },
                type: 'http://example.com/expapi/activities/meetingcategory',
              },
            },
          ],
          other: [
            { id: 'http://www.example.com/meetings/occurances/34257', objectType: 'Activity' },
            { id: 'http://www.example.com/meetings/occurances/3425567', objectType: 'Activity' },
          ],
        },
        instructor: {
          name: 'Andrew Downes',
          account: { homePage: 'http://www.example.com', name: '13936749' },
          objectType: 'Agent',
        },
        team: { name: 'Team PB', mbox: 'mailto:teampb@example.com', objectType: 'Group' },
        platform: 'Example virtual meeting software',
        language: 'tlh',
        statement: { objectType: 'StatementRef', id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' },
      },
      timestamp: '2013-05-18T05:32:34.804+00:00',
      stored: '2013-05-18T05:32:34.804+00:00',
      authority: { account: { homePage: 'http://cloud.scorm.com/', name: 'anonymous' }, objectType: 'Agent' },
      version: '1.0.0',
      object: {
        id: 'http://www.example.com/meetings/occurances/34534',
        definition: {
          extensions: {
            'http://example.com/profiles/meetings/activitydefinitionextensions/room': {
              name: 'Kilby',
              id: 'http://example.com/rooms/342',
            },
          },
          name: { 'en-GB': 'example meeting', 'en-US': 'example meeting' },
          description: {
            'en-GB': 'An example meeting that happened on a specific occasion with certain people present.',
            'en-US': 'An example meeting that happened on a specific occasion with certain people present.',
          },
          type: 'http://adlnet.gov/expapi/activities/meeting',
          moreInfo: 'http://virtualmeeting.example.com/345256',
        },
        objectType: 'Activity',
      },
    });
  });

  it('Appendix D: the signed statement with its signature attachment', () => {
    accepted({
      version: '1.0.0',
      id: '33cff416-e331-4c9d-969e-5373a1756120',
      actor: { mbox: 'mailto:example@example.com', name: 'Example Learner', objectType: 'Agent' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
      object: {
        id: 'https://www.youtube.com/watch?v=xh4kIiH3Sm8',
        objectType: 'Activity',
        definition: {
          name: { 'en-US': 'Tax Tips & Information : How to File a Tax Return ' },
          description: {
            'en-US': 'Filing a tax return will require filling out either a 1040, 1040A or 1040EZ form',
          },
        },
      },
      timestamp: '2013-04-01T12:00:00Z',
      attachments: [
        {
          usageType: 'http://adlnet.gov/expapi/attachments/signature',
          display: { 'en-US': 'Signature' },
          description: { 'en-US': 'A test signature' },
          contentType: 'application/octet-stream',
          length: 4235,
          sha2: '672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634',
        },
      ],
    });
  });
});

describe('2.2 Formatting Requirements', () => {
  it('2.2.s2.b3 a statement without actor, verb or object is rejected', () => {
    expect(rejection({ verb, object })).toEqual(['actor: is required']);
    expect(rejection({ actor, object })).toEqual(['verb: is required']);
    expect(rejection({ actor, verb })).toEqual(['object: is required']);
  });

  it('2.2.s4.b8 a statement with an unexpected top-level property is rejected', () => {
    expect(rejection({ ...minimal, mood: 'happy' })).toEqual(['property "mood" is not allowed here']);
  });

  it('2.2.s4.b1.b5 a key whose case differs from the spec is rejected', () => {
    expect(rejection({ actor, verb, oBject: object })).toEqual([
      'object: is required',
      'property "oBject" is not allowed here',
    ]);
    expect(rejection({ ...minimal, Version: '1.0.3' })).toEqual(['property "Version" is not allowed here']);
  });

  it('2.2.s4.b1.b1 a null value is rejected, except inside extensions', () => {
    expect(rejection({ ...minimal, actor: { ...actor, name: null } })).toEqual([
      'actor.name: must not be null',
    ]);
    expect(rejection({ ...minimal, verb: { ...verb, display: { 'en-US': null } } })).toEqual([
      'verb.display["en-US"]: must not be null',
    ]);
    expect(rejection({ ...minimal, context: { registration: null } })).toEqual([
      'context.registration: must not be null',
    ]);
    accepted({ ...minimal, result: { extensions: { 'http://example.com/null': null } } });
  });

  it('2.2.s4.b1.b2–b3 strings where numbers or booleans are required are rejected, even numeric ones', () => {
    expect(rejection({ ...minimal, result: { score: { max: '100' } } })).toEqual([
      'result.score.max: must be a number, not a string',
    ]);
    expect(rejection({ ...minimal, result: { completion: 'false' } })).toEqual([
      'result.completion: must be true or false, not a string',
    ]);
  });

  it('2.2.s4.b1.b4 the empty string is rejected where a formatted string is required', () => {
    expect(rejection({ ...minimal, id: '' })).toEqual(['id: must be a UUID in standard string form']);
    expect(rejection({ ...minimal, verb: { id: '' } })).toEqual([
      'verb.id: must be an absolute IRI (scheme:…)',
    ]);
    expect(rejection({ ...minimal, actor: { mbox: '' } })).toEqual([
      'actor.mbox: must be "mailto:" followed by an email address',
    ]);
  });

  it('2.2.s4.b1.b8 an IRI without a scheme is rejected', () => {
    expect(rejection({ ...minimal, object: { id: 'example.com/activity' } })).toEqual([
      'object.id: must be an absolute IRI (scheme:…)',
    ]);
  });

  it('a statement that is not an object is rejected with a readable message', () => {
    expect(rejection('hello')).toEqual(['must be an object, not a string']);
    expect(rejection(null)).toEqual(['must not be null']);
    expect(rejection([minimal])).toEqual(['must be an object, not an array']);
  });
});

describe('2.3.2 Voiding', () => {
  const voiding = {
    actor: { objectType: 'Agent', name: 'Example Admin', mbox: 'mailto:admin@example.adlnet.gov' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
    object: { objectType: 'StatementRef', id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb0' },
  };

  it('the spec example voiding statement is valid', () => {
    accepted(voiding);
  });

  it('a voiding statement whose object is not a StatementRef is rejected', () => {
    expect(rejection({ ...voiding, object })).toEqual([
      'object: a voiding statement (verb http://adlnet.gov/expapi/verbs/voided) must have a StatementRef as its object',
    ]);
  });

  it('a StatementRef with another verb is an ordinary statement, not a voiding one', () => {
    accepted({ ...voiding, verb: { id: 'http://example.com/commented' } });
  });
});

describe('batches (Statement Resource POST)', () => {
  const ids = ['0190a5b2-7c3d-7000-8abc-000000000001', '0190a5b2-7c3d-7000-8abc-000000000002'];

  it('accepts a single statement as a batch of one', () => {
    const result = validateStatementBatch({ ...minimal, id: ids[0] });
    expect(result).toEqual({ ok: true, statements: [expect.objectContaining({ id: ids[0] })] });
  });

  it('accepts an array of statements, in order', () => {
    const result = validateStatementBatch(ids.map((id) => ({ ...minimal, id })));
    expect(result.ok && result.statements.map((s) => s.id)).toEqual(ids);
  });

  it('rejects the whole batch and reports every invalid statement by index', () => {
    const result = validateStatementBatch([
      { ...minimal, id: ids[0] },
      { ...minimal, verb: { id: 'x' } },
      { actor, verb },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: '[1].verb.id', message: 'must be an absolute IRI (scheme:…)' },
        { path: '[2].object', message: 'is required' },
      ],
    });
  });

  it('rejects two statements with one id, whatever the case of the UUID', () => {
    const result = validateStatementBatch([
      { ...minimal, id: ids[0] },
      { ...minimal, id: ids[0]!.toUpperCase() },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [{ path: '[1].id', message: 'repeats the id of statement [0] in this batch' }],
    });
  });

  it('accepts an empty batch', () => {
    expect(validateStatementBatch([])).toEqual({ ok: true, statements: [] });
  });
});
