import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidStatementWire } from './statement.fast-path.js';
import { StatementWire } from './statement.schema.js';

// The fast path must accept exactly what the StatementWire schema accepts.
// Seeds are valid statements covering every part of the model; mutations
// replace, remove or add a value anywhere in them, with values chosen to
// sit near the edges of the rules.

const agent = (local: string): unknown => ({ objectType: 'Agent', mbox: `mailto:${local}@example.com` });
const activity = (n: number): unknown => ({
  objectType: 'Activity',
  id: `http://example.com/activities/${n}`,
});
const component = (id: string): unknown => ({ id, description: { en: id } });

const SEEDS: unknown[] = [
  {
    id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee',
    actor: {
      objectType: 'Group',
      name: 'Team PB',
      mbox: 'mailto:teampb@example.com',
      member: [
        { account: { homePage: 'http://www.example.com', name: '13936749' } },
        { openid: 'http://toby.openid.example.org/' },
        { mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9', name: 'Ena' },
      ],
    },
    verb: {
      id: 'http://adlnet.gov/expapi/verbs/answered',
      display: { 'en-US': 'answered', es: 'respondió' },
    },
    object: {
      objectType: 'Activity',
      id: 'http://example.com/q1',
      definition: {
        name: { en: 'Question 1' },
        description: { en: 'Pick two' },
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        moreInfo: 'http://example.com/q1/info',
        interactionType: 'choice',
        correctResponsesPattern: ['a[,]b'],
        choices: [component('a'), component('b'), component('c')],
        extensions: { 'http://example.com/ext/difficulty': 3 },
      },
    },
    result: {
      score: { scaled: 0.5, raw: 5, min: 0, max: 10 },
      success: true,
      completion: true,
      response: 'a[,]b',
      duration: 'PT1M2.5S',
      extensions: { 'http://example.com/ext/hints': null },
    },
    context: {
      registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
      instructor: agent('teacher'),
      team: { objectType: 'Group', member: [agent('a'), agent('b')] },
      contextActivities: {
        parent: [activity(1)],
        grouping: activity(2),
        category: [activity(3)],
        other: [activity(4)],
      },
      revision: '2',
      platform: 'Satchel',
      language: 'en-US',
      statement: { objectType: 'StatementRef', id: '8f87ccde-bb56-4c2e-ab83-44982ef22df0' },
      extensions: { 'http://example.com/ext/device': 'phone' },
    },
    timestamp: '2013-05-18T05:32:34.804+00:00',
    stored: '2013-05-18T05:32:34.804Z',
    authority: {
      objectType: 'Group',
      member: [
        { account: { homePage: 'http://example.com/xAPI/OAuth/Token', name: 'oauth_consumer_x75db' } },
        agent('bob'),
      ],
    },
    version: '1.0.0',
    attachments: [
      {
        usageType: 'http://adlnet.gov/expapi/attachments/signature',
        display: { 'en-US': 'Signature' },
        description: { 'en-US': 'A test signature' },
        contentType: 'application/octet-stream',
        length: 4235,
        sha2: '672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634',
        fileUrl: 'http://example.com/signature',
      },
    ],
  },
  {
    actor: agent('planner'),
    verb: { id: 'http://example.com/planned' },
    object: {
      objectType: 'SubStatement',
      actor: agent('planner'),
      verb: { id: 'http://example.com/visited', display: { 'en-US': 'will visit' } },
      object: {
        id: 'http://example.com/website',
        definition: { interactionType: 'matching', source: [component('a')], target: [component('a')] },
      },
      result: { completion: false },
      context: { contextActivities: { parent: activity(5) }, platform: 'web' },
      timestamp: '2999-01-01T00:00:00Z',
    },
  },
  {
    actor: { objectType: 'Agent', account: { homePage: 'https://satchel.invalid', name: 'u1' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
    object: { objectType: 'StatementRef', id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb0' },
  },
  {
    actor: agent('nellie'),
    verb: { id: 'http://example.com/interviewed' },
    object: { objectType: 'Agent', name: 'Jeff', openid: 'http://jeff.openid.example.org/' },
    context: {
      instructor: { objectType: 'Group', account: { homePage: 'http://example.com', name: 'staff' } },
      language: 'tlh',
    },
  },
  {
    actor: agent('ann'),
    verb: { id: 'http://example.com/rated' },
    object: {
      id: 'http://example.com/survey/1',
      definition: {
        interactionType: 'likert',
        scale: [component('1'), component('2')],
        correctResponsesPattern: [],
      },
    },
    result: { score: { raw: -1, min: -1, max: 11 }, duration: 'P1D' },
  },
];

const NEAR_EDGE_VALUES: unknown[] = [
  null,
  undefined,
  true,
  0,
  -1,
  1.5,
  11,
  '',
  'x',
  'Agent',
  'Group',
  'Activity',
  'SubStatement',
  'StatementRef',
  'agent',
  'http://adlnet.gov/expapi/verbs/voided',
  'http://example.com/x',
  'example.com/x',
  'mailto:z@example.com',
  'mailto:nobody',
  'en-US',
  'de-419-DE',
  'PT1S',
  'P1DT',
  '2015-11-18T12:17:00Z',
  '2015-11-18T12:17:00-00:00',
  '0190a5b2-7c3d-7000-8abc-0123456789ab',
  '1.0.0',
  '1.1.0',
  'choice',
  'true-false',
  'performance',
  'text/plain',
  'ebd31e95054c018b10727ccffd2ef2ec3a016ee9',
  '672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634',
  {},
  [],
  { en: 'x' },
  { 'not a tag!': 'x' },
  { 'http://example.com/e': 1 },
  { id: 'http://example.com/y' },
  [{ id: 'http://example.com/y' }],
  [component('a'), component('a')],
  agent('z'),
  { objectType: 'Group', member: [] },
  { objectType: 'Group', member: [agent('a'), agent('b')] },
  { objectType: 'StatementRef', id: '0190a5b2-7c3d-7000-8abc-0123456789ab' },
  { homePage: 'http://example.com', name: 'n' },
  { scaled: 2 },
  { min: 5, max: 1 },
];

const REMOVE = Symbol('remove');
type Path = (string | number)[];

/** Every place a mutation can go: each existing value, plus a new key on each object. */
function mutationSites(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([...path, i]);
      mutationSites(item, [...path, i], out);
    });
  } else if (typeof value === 'object' && value !== null) {
    out.push([...path, 'extra']);
    for (const [key, item] of Object.entries(value)) {
      out.push([...path, key]);
      mutationSites(item, [...path, key], out);
    }
  }
  return out;
}

function mutate(value: unknown, path: Path, replacement: unknown): unknown {
  const copy: unknown = structuredClone(value);
  if (path.length === 0) return replacement === REMOVE ? undefined : replacement;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement !== REMOVE) parent[last] = structuredClone(replacement);
  else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

function valueAt(value: unknown, path: Path): unknown {
  let node = value;
  for (const key of path) node = (node as Record<string | number, unknown> | undefined)?.[key];
  return node;
}

// A replacement is an edge value, a removal, or a value copied from elsewhere in
// the same statement (which makes min equal max, ids repeat, and the like).
const replacement = fc.oneof(
  fc.constantFrom<unknown>(REMOVE, ...NEAR_EDGE_VALUES).map((value) => ({ value })),
  fc.nat().map((copyFrom) => ({ copyFrom })),
);

const mutated = fc
  .record({
    seed: fc.constantFrom(...SEEDS),
    edits: fc.array(fc.record({ site: fc.nat(), with: replacement }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ seed, edits }) =>
    edits.reduce<unknown>((statement, edit) => {
      const sites = mutationSites(statement);
      if (sites.length === 0) return statement;
      const value =
        'value' in edit.with
          ? edit.with.value
          : valueAt(statement, sites[edit.with.copyFrom % sites.length]!);
      return mutate(statement, sites[edit.site % sites.length]!, value);
    }, seed),
  );

describe('the ingest fast path agrees with the StatementWire schema', () => {
  it.each(SEEDS.map((seed, i) => [i, seed]))('accepts valid seed %i, as the schema does', (_i, seed) => {
    expect(StatementWire.safeParse(seed).success).toBe(true);
    expect(isValidStatementWire(seed)).toBe(true);
  });

  it('gives the schema’s verdict on mutated statements', () => {
    fc.assert(
      fc.property(mutated, (statement) => {
        expect(isValidStatementWire(statement)).toBe(StatementWire.safeParse(statement).success);
      }),
      { numRuns: 4000 },
    );
  });

  it('gives the schema’s verdict on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(isValidStatementWire(value)).toBe(StatementWire.safeParse(value).success);
      }),
    );
  });

  it('is exercised on both sides: the mutations produce valid and invalid statements', () => {
    const verdicts = fc.sample(mutated, { numRuns: 500, seed: 42 }).map((s) => isValidStatementWire(s));
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(15);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThan(100);
  });
});
