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

const minimal = {
  actor: { objectType: 'Agent', mbox: 'mailto:learner@example.com' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } },
  object: { objectType: 'Activity', id: 'http://example.com/activities/quiz' },
};
const withResult = (result: unknown): unknown => ({ ...minimal, result });
const withContext = (context: unknown): unknown => ({ ...minimal, context });
const activity = (id: string): unknown => ({ objectType: 'Activity', id });

describe('2.4.5 Result', () => {
  it('a result with every property is valid', () => {
    accepted(
      withResult({
        score: { scaled: 0.5, raw: 5, min: 0, max: 10 },
        success: true,
        completion: false,
        response: 'golf[,]tetris',
        duration: 'PT1H2M3.5S',
        extensions: { 'https://w3id.org/xapi/video/extensions/progress': 0.5 },
      }),
    );
  });

  it('2.4.5.1 scaled is between -1 and 1 inclusive', () => {
    accepted(withResult({ score: { scaled: 1 } }));
    accepted(withResult({ score: { scaled: -1 } }));
    expect(rejection(withResult({ score: { scaled: 1.01 } }))).toEqual([
      'result.score.scaled: must be at most 1',
    ]);
    expect(rejection(withResult({ score: { scaled: -1.00001 } }))).toEqual([
      'result.score.scaled: must be at least -1',
    ]);
  });

  it('2.4.5.1 raw lies between min and max inclusive', () => {
    accepted(withResult({ score: { raw: 0, min: 0, max: 10 } }));
    accepted(withResult({ score: { raw: 10, min: 0, max: 10 } }));
    accepted(withResult({ score: { raw: 1000 } }));
    expect(rejection(withResult({ score: { raw: 11, max: 10 } }))).toEqual([
      'result.score.raw: must be at most max (10)',
    ]);
    expect(rejection(withResult({ score: { raw: -1, min: 0 } }))).toEqual([
      'result.score.raw: must be at least min (0)',
    ]);
  });

  it('2.4.5.1 min is less than max', () => {
    expect(rejection(withResult({ score: { min: 10, max: 10 } }))).toEqual([
      'result.score.min: must be less than max (10)',
    ]);
  });

  it('a score that is not an object, or has unexpected properties, is rejected', () => {
    expect(rejection(withResult({ score: 12345 }))).toEqual([
      'result.score: must be an object, not a number',
    ]);
    expect(rejection(withResult({ score: { percent: 95 } }))).toEqual([
      'result.score: property "percent" is not allowed here',
    ]);
  });

  it('4.6 a duration that is not ISO 8601 is rejected', () => {
    expect(rejection(withResult({ duration: 'PA1H0M0S' }))).toEqual([
      'result.duration: must be an ISO 8601 duration, e.g. PT1H2M3.5S or P1D',
    ]);
    expect(rejection(withResult({ duration: 12345 }))).toEqual([
      'result.duration: must be a string, not a number',
    ]);
  });

  it('4.1 result extension keys must be IRIs', () => {
    expect(rejection(withResult({ extensions: { progress: 0.5 } }))).toEqual([
      'result.extensions.progress: is not an absolute IRI (extension keys must be IRIs)',
    ]);
  });
});

describe('2.4.6 Context', () => {
  it('2.4.6.2 the spec example contextActivities is valid', () => {
    accepted(
      withContext({
        contextActivities: {
          parent: [{ id: 'http://example.adlnet.gov/xapi/example/test1' }],
          grouping: [{ id: 'http://example.adlnet.gov/xapi/example/Algebra1' }],
        },
      }),
    );
  });

  it('2.4.6.2.s4.b2 a single Activity is accepted where an array is expected, and returned as an array', () => {
    const statement = accepted(
      withContext({ contextActivities: { parent: activity('http://example.com/course') } }),
    );
    expect(statement.context?.contextActivities?.parent).toEqual([activity('http://example.com/course')]);
  });

  it('2.4.6.2.s4.b1 contextActivities keys are parent, grouping, category and other only', () => {
    expect(
      rejection(withContext({ contextActivities: { sibling: [activity('http://example.com/a')] } })),
    ).toEqual([
      'context.contextActivities: property "sibling" is not allowed here',
      'context.contextActivities: needs at least one of parent, grouping, category or other',
    ]);
  });

  it('an empty contextActivities object is rejected', () => {
    expect(rejection(withContext({ contextActivities: {} }))).toEqual([
      'context.contextActivities: needs at least one of parent, grouping, category or other',
    ]);
  });

  it('a contextActivities value is an Activity or an array of Activities, checked in full', () => {
    expect(rejection(withContext({ contextActivities: { parent: 'http://example.com/course' } }))).toEqual([
      'context.contextActivities.parent: must be an Activity or an array of Activities',
    ]);
    expect(rejection(withContext({ contextActivities: { parent: [activity('course-1')] } }))).toEqual([
      'context.contextActivities.parent[0].id: must be an absolute IRI (scheme:…)',
    ]);
    expect(rejection(withContext({ contextActivities: { category: { id: 'profile' } } }))).toEqual([
      'context.contextActivities.category.id: must be an absolute IRI (scheme:…)',
    ]);
  });

  it('registration is a UUID', () => {
    accepted(withContext({ registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7' }));
    expect(rejection(withContext({ registration: 'should fail' }))).toEqual([
      'context.registration: must be a UUID in standard string form',
    ]);
  });

  it('instructor is an Agent or a Group', () => {
    accepted(withContext({ instructor: { mbox: 'mailto:teacher@example.com' } }));
    accepted(withContext({ instructor: { objectType: 'Group', mbox: 'mailto:teachers@example.com' } }));
    expect(rejection(withContext({ instructor: 'should fail' }))).toEqual([
      'context.instructor: must be an object, not a string',
    ]);
    expect(rejection(withContext({ instructor: { key: 'should fail' } }))).toEqual([
      'context.instructor: property "key" is not allowed here',
      'context.instructor: an Agent needs exactly one of mbox, mbox_sha1sum, openid or account',
    ]);
  });

  it('team must be a Group', () => {
    accepted(withContext({ team: { objectType: 'Group', mbox: 'mailto:teampb@example.com' } }));
    expect(rejection(withContext({ team: { objectType: 'Agent', mbox: 'mailto:ann@example.com' } }))).toEqual(
      ['context.team.objectType: a team must be a Group (objectType "Group")'],
    );
    expect(rejection(withContext({ team: { mbox: 'mailto:teampb@example.com' } }))).toEqual([
      'context.team.objectType: a team must be a Group (objectType "Group")',
    ]);
  });

  it('2.4.6.s4 revision and platform are only allowed when the object is an Activity', () => {
    accepted(withContext({ revision: '2', platform: 'Satchel' }));
    const aboutAgent = { ...minimal, object: { objectType: 'Agent', mbox: 'mailto:ben@example.com' } };
    expect(rejection({ ...aboutAgent, context: { revision: '2', platform: 'Satchel' } })).toEqual([
      'context.revision: is only allowed when the object is an Activity (the object\'s objectType is "Agent")',
      'context.platform: is only allowed when the object is an Activity (the object\'s objectType is "Agent")',
    ]);
  });

  it('an object without objectType is an Activity, so revision is allowed', () => {
    accepted({ ...minimal, object: { id: 'http://example.com/a' }, context: { revision: '2' } });
  });

  it('language is an RFC 5646 tag', () => {
    accepted(withContext({ language: 'tlh' }));
    expect(rejection(withContext({ language: 'de-419-DE' }))).toEqual([
      'context.language: must be an RFC 5646 language tag',
    ]);
  });

  it('statement is a StatementRef', () => {
    accepted(
      withContext({ statement: { objectType: 'StatementRef', id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' } }),
    );
    expect(rejection(withContext({ statement: { id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' } }))).toEqual([
      'context.statement.objectType: is required ("StatementRef")',
    ]);
  });

  it('4.1 context extension keys must be IRIs', () => {
    expect(rejection(withContext({ extensions: { 'not an iri': 1 } }))).toEqual([
      'context.extensions["not an iri"]: is not an absolute IRI (extension keys must be IRIs)',
    ]);
  });

  it('an unexpected context property is rejected', () => {
    expect(rejection(withContext({ course: 'algebra' }))).toEqual([
      'context: property "course" is not allowed here',
    ]);
  });
});

describe('2.4.7 Timestamp and 2.4.8 Stored', () => {
  it('timestamps in any time zone are valid', () => {
    accepted({
      ...minimal,
      timestamp: '2013-05-18T05:32:34.804+00:00',
      stored: '2013-05-18T07:32:34.804+02:00',
    });
  });

  it('4.5 a timestamp without a time zone is rejected', () => {
    expect(rejection({ ...minimal, timestamp: '2013-05-18T05:32:34.804' })).toEqual([
      'timestamp: must be an ISO 8601 timestamp with a time zone, e.g. 2015-11-18T12:17:00Z',
    ]);
  });

  it('4.5 the "unknown local offset" -00:00 is rejected', () => {
    expect(rejection({ ...minimal, stored: '2008-09-15T15:53:00.601-00:00' })).toEqual([
      'stored: must be an ISO 8601 timestamp with a time zone, e.g. 2015-11-18T12:17:00Z',
    ]);
  });
});

describe('2.4.9 Authority', () => {
  it('an Agent authority is valid', () => {
    accepted({
      ...minimal,
      authority: { objectType: 'Agent', account: { homePage: 'http://cloud.scorm.com/', name: 'anonymous' } },
    });
  });

  it('the spec example 3-legged OAuth Group of two Agents is valid', () => {
    accepted({
      ...minimal,
      authority: {
        objectType: 'Group',
        member: [
          { account: { homePage: 'http://example.com/xAPI/OAuth/Token', name: 'oauth_consumer_x75db' } },
          { mbox: 'mailto:bob@example.com' },
        ],
      },
    });
  });

  it('a Group authority with other than two members, or with an IFI, is rejected', () => {
    const message =
      'authority: an authority Group must be an anonymous Group of exactly two Agents (3-legged OAuth)';
    expect(
      rejection({
        ...minimal,
        authority: { objectType: 'Group', member: [{ mbox: 'mailto:bob@example.com' }] },
      }),
    ).toEqual([message]);
    expect(
      rejection({
        ...minimal,
        authority: {
          objectType: 'Group',
          openid: 'http://openid.example.org/12345',
          member: [{ mbox: 'mailto:a@example.com' }, { mbox: 'mailto:b@example.com' }],
        },
      }),
    ).toEqual([message]);
  });
});

describe('2.4.10 Version', () => {
  it('a 1.0.x version is valid', () => {
    accepted({ ...minimal, version: '1.0.0' });
    accepted({ ...minimal, version: '1.0.3' });
  });

  it('any other version is rejected', () => {
    expect(rejection({ ...minimal, version: '1.1.0' })).toEqual([
      'version: must be "1.0", "1.0.x" or "2.0.x" (xAPI 1.0.x or 2.0)',
    ]);
  });
});

describe('2.4.11 Attachments', () => {
  const attachment = {
    usageType: 'http://example.com/attachment-usage/test',
    display: { 'en-US': 'A test attachment' },
    description: { 'en-US': 'A test attachment (description)' },
    contentType: 'text/plain; charset=ascii',
    length: 27,
    sha2: '495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a',
    fileUrl: 'http://over.there.com/file.txt',
  };
  const withAttachment = (overrides: Record<string, unknown>): unknown => ({
    ...minimal,
    attachments: [{ ...attachment, ...overrides }],
  });

  it('an attachment with every property is valid', () => {
    accepted({ ...minimal, attachments: [attachment] });
  });

  it('attachments is an array', () => {
    expect(rejection({ ...minimal, attachments: attachment })).toEqual([
      'attachments: must be an array, not an object',
    ]);
  });

  it('usageType, display, contentType, length and sha2 are required', () => {
    const { usageType: _u, display: _d, contentType: _c, length: _l, sha2: _s, ...rest } = attachment;
    expect(rejection({ ...minimal, attachments: [rest] })).toEqual([
      'attachments[0].usageType: is required',
      'attachments[0].display: is required',
      'attachments[0].contentType: is required',
      'attachments[0].length: is required',
      'attachments[0].sha2: is required',
    ]);
  });

  it('each property is checked for its type and format', () => {
    expect(rejection(withAttachment({ usageType: 'should fail' }))).toEqual([
      'attachments[0].usageType: must be an absolute IRI (scheme:…)',
    ]);
    expect(rejection(withAttachment({ contentType: 'should fail' }))).toEqual([
      'attachments[0].contentType: must be an Internet Media Type, e.g. text/plain',
    ]);
    expect(rejection(withAttachment({ length: 'should fail' }))).toEqual([
      'attachments[0].length: must be a number, not a string',
    ]);
    expect(rejection(withAttachment({ length: 2.5 }))).toEqual([
      'attachments[0].length: must be a whole number',
    ]);
    expect(rejection(withAttachment({ sha2: 12345 }))).toEqual([
      'attachments[0].sha2: must be a string, not a number',
    ]);
    expect(rejection(withAttachment({ fileUrl: 'should fail' }))).toEqual([
      'attachments[0].fileUrl: must be an absolute IRL (scheme:…)',
    ]);
    expect(rejection(withAttachment({ display: {} }))).toEqual([
      'attachments[0].display: needs at least one language entry',
    ]);
  });
});
