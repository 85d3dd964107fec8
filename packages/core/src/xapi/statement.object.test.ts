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

const actor = { objectType: 'Agent', mbox: 'mailto:test@example.com' };
const verb = { id: 'http://example.com/commented', display: { 'en-US': 'commented' } };
const about = (object: unknown): unknown => ({ actor, verb, object });
const withDefinition = (definition: unknown): unknown =>
  about({ id: 'http://example.com/question/1', definition });
const CMI_INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';

describe('2.4.4.1 When the ObjectType is Activity', () => {
  it('Appendix B: the example Activity is valid', () => {
    accepted(
      about({
        id: 'http://www.example.co.uk/exampleactivity',
        definition: {
          name: { 'en-GB': 'example activity', 'en-US': 'example activity' },
          description: { 'en-GB': 'An example of an activity', 'en-US': 'An example of an activity' },
          type: 'http://www.example.co.uk/types/exampleactivitytype',
        },
        objectType: 'Activity',
      }),
    );
  });

  it('an object without objectType is an Activity', () => {
    const statement = accepted(about({ id: 'http://example.com/website' }));
    expect(statement.object).toEqual({ id: 'http://example.com/website' });
  });

  it('an Activity without an id is rejected', () => {
    expect(rejection(about({ objectType: 'Activity' }))).toEqual(['object.id: is required']);
  });

  it('an objectType in the wrong case is rejected', () => {
    expect(rejection(about({ objectType: 'activity', id: 'http://example.com/a' }))).toEqual([
      'object.objectType: objectType must be "Activity", "Agent", "Group", "StatementRef" or "SubStatement" (case-sensitive)',
    ]);
  });

  it('a definition that is not an object, or has unexpected properties, is rejected', () => {
    expect(rejection(withDefinition('should error'))).toEqual([
      'object.definition: must be an object, not a string',
    ]);
    expect(rejection(withDefinition({ title: 'Question 1' }))).toEqual([
      'object.definition: property "title" is not allowed here',
    ]);
  });

  it('the definition type must be an IRI and moreInfo an IRL', () => {
    expect(rejection(withDefinition({ type: 'should error' }))).toEqual([
      'object.definition.type: must be an absolute IRI (scheme:…)',
    ]);
    expect(rejection(withDefinition({ moreInfo: 'should error' }))).toEqual([
      'object.definition.moreInfo: must be an absolute IRL (scheme:…)',
    ]);
  });

  it('name and description are language maps', () => {
    expect(rejection(withDefinition({ name: { a12345: 'should error' } }))).toEqual([
      'object.definition.name.a12345: is not an RFC 5646 language tag',
    ]);
    expect(rejection(withDefinition({ description: 12345 }))).toEqual([
      'object.definition.description: must be an object of language tag → text',
    ]);
  });

  it('4.1 definition extension keys must be IRIs; their values are free', () => {
    accepted(
      withDefinition({
        extensions: { 'http://example.com/ex': { key: 'valid' }, 'http://example.com/n': null },
      }),
    );
    accepted(withDefinition({ extensions: {} }));
    expect(rejection(withDefinition({ extensions: { 'should fail': true } }))).toEqual([
      'object.definition.extensions["should fail"]: is not an absolute IRI (extension keys must be IRIs)',
    ]);
    expect(rejection(withDefinition({ extensions: 'should error' }))).toEqual([
      'object.definition.extensions: must be an object of IRI → value',
    ]);
  });
});

describe('2.4.4.1 Interaction Activities (Appendix C examples)', () => {
  const component = (id: string, text: string): unknown => ({ id, description: { 'en-US': text } });
  const examples: Record<string, unknown> = {
    'true-false': {
      description: { 'en-US': 'Does the xAPI include the concept of statements?' },
      type: CMI_INTERACTION,
      interactionType: 'true-false',
      correctResponsesPattern: ['true'],
    },
    choice: {
      description: { 'en-US': 'Which of these prototypes are available at the beta site?' },
      type: CMI_INTERACTION,
      interactionType: 'choice',
      correctResponsesPattern: ['golf[,]tetris'],
      choices: [
        component('golf', 'Golf Example'),
        component('facebook', 'Facebook App'),
        component('tetris', 'Tetris Example'),
        component('scrabble', 'Scrabble Example'),
      ],
    },
    'fill-in': {
      description: { 'en-US': 'Ben is often heard saying: ' },
      type: CMI_INTERACTION,
      interactionType: 'fill-in',
      correctResponsesPattern: ["Bob's your uncle"],
    },
    'long-fill-in': {
      description: { 'en-US': 'What is the purpose of the xAPI?' },
      type: CMI_INTERACTION,
      interactionType: 'long-fill-in',
      correctResponsesPattern: [
        '{case_matters=false}{lang=en}To store and provide access to learning experiences.',
      ],
    },
    likert: {
      description: { 'en-US': 'How awesome is Experience API?' },
      type: CMI_INTERACTION,
      interactionType: 'likert',
      correctResponsesPattern: ['likert_3'],
      scale: [
        component('likert_0', "It's OK"),
        component('likert_1', "It's Pretty Cool"),
        component('likert_2', "It's Damn Cool"),
        component('likert_3', "It's Gonna Change the World"),
      ],
    },
    matching: {
      description: { 'en-US': 'Match these people to their kickball team:' },
      type: CMI_INTERACTION,
      interactionType: 'matching',
      correctResponsesPattern: ['ben[.]3[,]chris[.]2[,]troy[.]4[,]freddie[.]1'],
      source: [
        component('ben', 'Ben'),
        component('chris', 'Chris'),
        component('troy', 'Troy'),
        component('freddie', 'Freddie'),
      ],
      target: [
        component('1', 'Swift Kick in the Grass'),
        component('2', 'We got Runs'),
        component('3', 'Duck'),
        component('4', 'Van Delay Industries'),
      ],
    },
    performance: {
      description: { 'en-US': 'This interaction measures performance over a day of RS sports:' },
      type: CMI_INTERACTION,
      interactionType: 'performance',
      correctResponsesPattern: ['pong[.]1:[,]dg[.]:10[,]lunch[.]'],
      steps: [
        component('pong', 'Net pong matches won'),
        component('dg', 'Strokes over par in disc golf at Liberty'),
        component('lunch', 'Lunch having been eaten'),
      ],
    },
    sequencing: {
      description: { 'en-US': 'Order players by their pong ladder position:' },
      type: CMI_INTERACTION,
      interactionType: 'sequencing',
      correctResponsesPattern: ['tim[,]mike[,]ells[,]ben'],
      choices: [
        component('tim', 'Tim'),
        component('ben', 'Ben'),
        component('ells', 'Ells'),
        component('mike', 'Mike'),
      ],
    },
    numeric: {
      description: { 'en-US': 'How many jokes is Chris the butt of each day?' },
      type: CMI_INTERACTION,
      interactionType: 'numeric',
      correctResponsesPattern: ['4[:]'],
    },
    other: {
      description: { 'en-US': 'On this map, please mark Franklin, TN' },
      type: CMI_INTERACTION,
      interactionType: 'other',
      correctResponsesPattern: ['(35.937432,-86.868896)'],
    },
  };

  it.each(Object.entries(examples))('the %s example is valid', (_type, definition) => {
    accepted(withDefinition(definition));
  });

  it('an interactionType on its own is valid; component lists are optional', () => {
    accepted(withDefinition({ interactionType: 'choice' }));
  });

  it('an empty correctResponsesPattern (no answer is correct) is valid', () => {
    accepted(withDefinition({ interactionType: 'fill-in', correctResponsesPattern: [] }));
  });

  it('2.2.s4.b1.b6 an interactionType in the wrong case is rejected', () => {
    expect(rejection(withDefinition({ interactionType: 'true-faLse' }))).toEqual([
      'object.definition.interactionType: must be one of "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other" (case-sensitive)',
    ]);
  });

  it('correctResponsesPattern or component lists without an interactionType are rejected', () => {
    expect(rejection(withDefinition({ correctResponsesPattern: ['true'] }))).toEqual([
      'object.definition.correctResponsesPattern: is only allowed with an interactionType',
    ]);
    expect(rejection(withDefinition({ choices: [component('a', 'A')] }))).toEqual([
      'object.definition.choices: is only allowed with an interactionType',
    ]);
  });

  it('a component list the interactionType does not take is rejected', () => {
    expect(rejection(withDefinition({ interactionType: 'choice', scale: [component('a', 'A')] }))).toEqual([
      'object.definition.scale: is not used by a "choice" interaction (it takes choices)',
    ]);
    expect(
      rejection(withDefinition({ interactionType: 'true-false', choices: [component('a', 'A')] })),
    ).toEqual([
      'object.definition.choices: is not used by a "true-false" interaction (it takes no component lists)',
    ]);
  });

  it('2.4.4.1.s16 ids within a component list must be distinct', () => {
    expect(
      rejection(
        withDefinition({ interactionType: 'matching', source: [component('a', 'A'), component('a', 'B')] }),
      ),
    ).toEqual(['object.definition.source[1].id: repeats "a"; ids within a component list must be distinct']);
    // The same id in two different lists is fine.
    accepted(
      withDefinition({
        interactionType: 'matching',
        source: [component('a', 'A')],
        target: [component('a', 'A')],
      }),
    );
  });

  it('an interaction component has an id and an optional description, nothing else', () => {
    expect(
      rejection(withDefinition({ interactionType: 'choice', choices: [{ description: { en: 'A' } }] })),
    ).toEqual(['object.definition.choices[0].id: is required']);
    expect(
      rejection(withDefinition({ interactionType: 'choice', choices: [{ id: 'a', label: 'A' }] })),
    ).toEqual(['object.definition.choices[0]: property "label" is not allowed here']);
  });
});

describe('2.4.4.2 When the Object is an Agent or a Group', () => {
  it('Appendix B: an Agent object with objectType is valid', () => {
    accepted(about({ name: 'Andrew Downes', mbox: 'mailto:andrew@example.co.uk', objectType: 'Agent' }));
  });

  it('a Group object is valid', () => {
    accepted(about({ objectType: 'Group', member: [{ mbox: 'mailto:andrew@example.co.uk' }] }));
  });

  it('an Agent object without objectType is rejected (it would be read as an Activity)', () => {
    expect(rejection(about({ mbox: 'mailto:andrew@example.co.uk' }))).toEqual([
      'object.id: is required',
      'object: property "mbox" is not allowed here',
    ]);
  });
});

describe('2.4.4.3 When the Object is a Statement', () => {
  it('the spec example comment on a StatementRef is valid', () => {
    accepted({
      actor: { objectType: 'Agent', mbox: 'mailto:test@example.com' },
      verb: { id: 'http://example.com/commented', display: { 'en-US': 'commented' } },
      object: { objectType: 'StatementRef', id: '8f87ccde-bb56-4c2e-ab83-44982ef22df0' },
      result: { response: 'Wow, nice work!' },
    });
  });

  it('a StatementRef id must be a UUID', () => {
    expect(rejection(about({ objectType: 'StatementRef', id: 'http://example.com/statement/1' }))).toEqual([
      'object.id: must be a UUID in standard string form',
    ]);
  });

  it('the spec example SubStatement ("I planned to visit") is valid', () => {
    accepted({
      actor: { objectType: 'Agent', mbox: 'mailto:test@example.com' },
      verb: { id: 'http://example.com/planned', display: { 'en-US': 'planned' } },
      object: {
        objectType: 'SubStatement',
        actor: { objectType: 'Agent', mbox: 'mailto:test@example.com' },
        verb: { id: 'http://example.com/visited', display: { 'en-US': 'will visit' } },
        object: {
          objectType: 'Activity',
          id: 'http://example.com/website',
          definition: { name: { 'en-US': 'Some Awesome Website' } },
        },
      },
    });
  });

  const sub = {
    objectType: 'SubStatement',
    actor: { objectType: 'Agent', mbox: 'mailto:agent@example.com' },
    verb: { id: 'http://example.com/confirmed', display: { en: 'confirmed' } },
    object: { objectType: 'StatementRef', id: '9e13cefd-53d3-4eac-b5ed-2cf6693903bb' },
  };

  it('Appendix B: a SubStatement whose object is a StatementRef is valid', () => {
    accepted(about(sub));
  });

  it.each(['id', 'stored', 'version', 'authority'])(
    '2.4.4.3.s8.b3 a SubStatement with %s is rejected',
    (key) => {
      const values: Record<string, unknown> = {
        id: '9e13cefd-53d3-4eac-b5ed-2cf6693903bb',
        stored: '2013-05-18T05:32:34.804Z',
        version: '1.0.0',
        authority: { mbox: 'mailto:lrs@example.com' },
      };
      expect(rejection(about({ ...sub, [key]: values[key] }))).toEqual([
        `object: property "${key}" is not allowed here`,
      ]);
    },
  );

  it('2.4.4.3.s8.b4 a SubStatement cannot contain a SubStatement', () => {
    expect(rejection(about({ ...sub, object: sub }))).toEqual([
      'object.object.objectType: a SubStatement cannot contain another SubStatement',
    ]);
  });

  it('2.4.4.3.s8.b2 a SubStatement is validated as a Statement', () => {
    expect(rejection(about({ ...sub, verb: { id: 'confirmed' }, result: { success: 'yes' } }))).toEqual([
      'object.verb.id: must be an absolute IRI (scheme:…)',
      'object.result.success: must be true or false, not a string',
    ]);
    expect(rejection(about({ ...sub, context: { platform: 'Satchel' } }))).toEqual([
      'object.context.platform: is only allowed when the object is an Activity (the object\'s objectType is "StatementRef")',
    ]);
  });

  it('2.4.7 a SubStatement may have a timestamp in the future', () => {
    accepted(about({ ...sub, timestamp: '2999-01-01T00:00:00Z' }));
  });

  it('an unknown objectType is rejected', () => {
    expect(rejection(about({ ...sub, objectType: 'Statement' }))).toEqual([
      'object.objectType: objectType must be "Activity", "Agent", "Group", "StatementRef" or "SubStatement" (case-sensitive)',
    ]);
  });
});
