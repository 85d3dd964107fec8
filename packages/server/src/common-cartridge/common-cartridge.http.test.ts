import type { AuthoringCourse, CartridgeImportResponse, Lesson } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, platform, signedIn, type Client, type Platform } from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { engines } from '../test-support/engines.js';
import { lieAboutSize, makeZip } from '../test-support/zip-fixtures.js';
import { canvasCartridge, moodleCartridge, SCORM_MANIFEST } from './cc-fixtures.js';

async function upload(c: Client, slug: string, zip: Uint8Array, filename = 'course.imscc') {
  return c.call(
    'POST',
    `/api/t/${slug}/course-imports/common-cartridge?filename=${encodeURIComponent(filename)}`,
    zip,
    {
      'content-type': 'application/zip',
    },
  );
}

async function draft(c: Client, slug: string, courseId: string): Promise<AuthoringCourse> {
  const res = await c.get(`/api/t/${slug}/authoring/courses/${courseId}`);
  expect(res.status).toBe(200);
  return res.body as AuthoringCourse;
}

async function blobText(server: TestServer, c: Client, slug: string, sha256: string): Promise<string> {
  const res = await fetch(`${server.url}/api/t/${slug}/blobs/${sha256}`, {
    headers: { cookie: c.cookie ?? '' },
  });
  expect(res.status).toBe(200);
  return res.text();
}

describe.each(await engines())('Common Cartridge import over HTTP on %s', (engine) => {
  let server: TestServer;
  let tenant: Platform;
  let other: Platform;
  let author: Client;
  let otherAuthor: Client;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    tenant = await platform(server, 'cc-school');
    other = await platform(server, 'cc-other');
    await addMember(server, tenant, 'author', ['author']);
    await addMember(server, tenant, 'learner', ['learner']);
    await addMember(server, other, 'author', ['author']);
    author = await signedIn(server, tenant.slug, 'author');
    otherAuthor = await signedIn(server, other.slug, 'author');
  });
  afterAll(async () => server.close());

  it('imports a Moodle CC 1.1 cartridge: modules in order, page with its image, PDF, link, quiz, and a report of the rest', async () => {
    const res = await upload(author, tenant.slug, moodleCartridge(), 'sante.imscc');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const body = res.body as CartridgeImportResponse;
    expect(body).toMatchObject({ title: 'Santé et hygiène', language: 'fr' });
    expect(body.report).toMatchObject({
      format: 'common-cartridge',
      version: '1.1',
      generator: 'Moodle',
      source: 'sante.imscc',
    });
    expect(body.report.summary).toMatchObject({ modules: 2, lessons: 4, quizzes: 1, questions: 4 });

    const course = await draft(author, tenant.slug, body.courseId);
    expect(course.content.description).toBe('Un cours exporté de Moodle.');
    expect(course.content.modules.map((m) => m.title)).toEqual(['Semaine 1', 'Semaine 2']);
    const [week1, week2] = course.content.modules;
    expect(week1!.lessons.map((l) => [l.kind, l.title])).toEqual([
      ['html5', 'Introduction'],
      ['pdf', 'Lectures › Fiche'],
      ['link', 'OMS'],
    ]);
    const page = week1!.lessons[0] as Extract<Lesson, { kind: 'html5' }>;
    expect(page.entry).toBe('resource1/intro.html');
    expect(Object.keys(page.files).sort()).toEqual(['resource1/images/hands.png', 'resource1/intro.html']);
    const html = await blobText(server, author, tenant.slug, page.files['resource1/intro.html']!.sha256);
    expect(html).toContain('src="images/hands.png"');
    expect(html).not.toContain('IMS-CC-FILEBASE');
    expect(html).toContain("type: 'satchel:complete'");
    expect(week1!.lessons[2]).toMatchObject({ kind: 'link', url: 'https://www.who.int/fr' });

    const quiz = week2!.lessons[0] as Extract<Lesson, { kind: 'quiz' }>;
    expect(quiz).toMatchObject({ kind: 'quiz', title: 'Quiz 1', quiz: { attemptLimit: 2, mode: 'graded' } });
    expect(quiz.questions).toEqual([
      expect.objectContaining({
        id: 'q_mc',
        type: 'single',
        prompt: 'Quand faut-il se laver les mains\u00a0?'.replace('\u00a0', ' '),
        correct: 'a1',
        points: 2,
        feedback: { correct: 'Bravo !', incorrect: 'Relisez la fiche.' },
      }),
      expect.objectContaining({ id: 'q_mr', type: 'multiple', correct: ['b1', 'b3'], points: 1 }),
      expect.objectContaining({ id: 'q_tf', type: 'truefalse', correct: false }),
      expect.objectContaining({
        id: 'q_fib',
        type: 'fill',
        blanks: [['savon', 'du savon']],
        caseSensitive: false,
      }),
    ]);

    const items = body.report.items;
    const find = (kind: string, title: string) => items.find((i) => i.kind === kind && i.title === title);
    expect(find('discussion', 'Forum des nouvelles')).toMatchObject({
      severity: 'skipped',
      where: 'Semaine 1 › Forum des nouvelles',
      file: 'forum1.xml',
    });
    expect(find('discussion', 'Forum des nouvelles')!.reason).toContain('Présentez-vous');
    expect(find('lti', 'Outil externe')!.reason).toContain('https://tool.example/launch');
    expect(find('file', 'Document perdu')).toMatchObject({
      severity: 'skipped',
      file: 'resource9/perdu.pdf',
    });
    expect(find('question', 'Pourquoi')!.reason).toMatch(/essay/);
    expect(find('question', 'Durée')!.reason).toMatch(/contains/);
    expect(body.report.summary.skipped).toBe(items.filter((i) => i.severity === 'skipped').length);

    // The draft publishes as it is, and the page finds its image beside it.
    const published = await author.post(`/api/t/${tenant.slug}/authoring/courses/${body.courseId}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const versionId = (published.body as { manifest: { versionId: string } }).manifest.versionId;
    const base = `${server.url}/api/t/${tenant.slug}/packages/${versionId}/${page.id}`;
    expect((await fetch(`${base}/resource1/intro.html`)).status).toBe(200);
    const image = await fetch(new URL('images/hands.png', `${base}/resource1/intro.html`));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');

    // The report stays with the draft.
    const again = await author.get(`/api/t/${tenant.slug}/courses/${body.courseId}/import-report`);
    expect(again.status).toBe(200);
    expect((again.body as { report: unknown }).report).toEqual(body.report);
  });

  it('imports a Canvas CC 1.3 cartridge: wiki page with web_resources, video, Canvas question types, unplaced discussion', async () => {
    const res = await upload(author, tenant.slug, canvasCartridge(), 'counting.imscc');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const body = res.body as CartridgeImportResponse;
    expect(body).toMatchObject({ title: 'Counting to ten', language: 'en' });
    expect(body.report).toMatchObject({ version: '1.3', generator: 'Canvas' });

    const course = await draft(author, tenant.slug, body.courseId);
    const lessons = course.content.modules[0]!.lessons;
    expect(course.content.modules[0]!.title).toBe('Module 1: numbers');
    expect(lessons.map((l) => [l.kind, l.title])).toEqual([
      ['html5', 'Welcome'],
      ['video', 'Counting video'],
      ['quiz', 'Counting check'],
    ]);
    const page = lessons[0] as Extract<Lesson, { kind: 'html5' }>;
    expect(Object.keys(page.files).sort()).toEqual([
      'web_resources/images/abacus.png',
      'web_resources/media/count.webm',
      'wiki_content/welcome.html',
    ]);
    const html = await blobText(server, author, tenant.slug, page.files['wiki_content/welcome.html']!.sha256);
    expect(html).toContain('src="../web_resources/images/abacus.png"');
    expect(html).toContain('href="../web_resources/media/count.webm"');
    expect(lessons[1]).toMatchObject({ kind: 'video', file: { mediaType: 'video/webm' } });

    const quiz = lessons[2] as Extract<Lesson, { kind: 'quiz' }>;
    expect(quiz.quiz.attemptLimit).toBeNull();
    expect(quiz.questions.map((q) => [q.type, q.points])).toEqual([
      ['single', 1],
      ['multiple', 3],
      ['truefalse', 1],
      ['fill', 1],
      ['numeric', 2],
      ['matching', 2],
    ]);
    expect(quiz.questions[0]).toMatchObject({ prompt: 'How many fingers on one hand?', correct: '4412' });
    expect(quiz.questions[2]).toMatchObject({ correct: true });
    expect(quiz.questions[3]).toMatchObject({ blanks: [['four', '4']] });
    expect(quiz.questions[4]).toMatchObject({ answer: 4.5 });
    expect(quiz.questions[5]).toMatchObject({
      pairs: [
        { left: '2 + 2', right: '4' },
        { left: '3 + 3', right: '6' },
      ],
    });

    const items = body.report.items;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'course',
          severity: 'changed',
          reason: expect.stringMatching(/English/),
        }),
        expect.objectContaining({
          kind: 'page',
          severity: 'changed',
          title: 'Welcome',
          reason: expect.stringMatching(/Canvas/),
        }),
        expect.objectContaining({
          kind: 'question',
          severity: 'changed',
          reason: expect.stringMatching(/images/),
        }),
        expect.objectContaining({
          kind: 'question',
          severity: 'skipped',
          reason: expect.stringMatching(/fill in multiple blanks/),
        }),
        expect.objectContaining({
          kind: 'discussion',
          severity: 'skipped',
          file: 'disc1.xml',
          where: '(not in any module)',
        }),
      ]),
    );
  });

  it('keeps reports to their platform and to authors', async () => {
    const res = await upload(author, tenant.slug, canvasCartridge());
    const { courseId } = res.body as CartridgeImportResponse;
    expect((await otherAuthor.get(`/api/t/${other.slug}/courses/${courseId}/import-report`)).code).toBe(
      'import_report_not_found',
    );
    const learner = await signedIn(server, tenant.slug, 'learner');
    expect((await learner.get(`/api/t/${tenant.slug}/courses/${courseId}/import-report`)).status).toBe(403);
    expect((await upload(learner, tenant.slug, canvasCartridge())).status).toBe(403);
  });

  const bad: [string, () => Uint8Array, Record<string, unknown>][] = [
    [
      'not a zip',
      () => new TextEncoder().encode('just text, no zip'),
      { code: 'unsafe_zip', rule: 'not_a_zip' },
    ],
    [
      'no manifest',
      () => makeZip({ 'index.html': '<p>hi</p>' }),
      { code: 'cartridge_invalid', rule: 'missing_manifest', file: 'imsmanifest.xml' },
    ],
    [
      'a malformed manifest',
      () => moodleCartridge({ 'imsmanifest.xml': '<manifest><metadata></manifest>' }),
      { code: 'cartridge_invalid', rule: 'malformed_xml', file: 'imsmanifest.xml' },
    ],
    [
      'a manifest declaring entities',
      () =>
        moodleCartridge({
          'imsmanifest.xml':
            '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><manifest>&x;</manifest>',
        }),
      { code: 'cartridge_invalid', rule: 'xml_entities', file: 'imsmanifest.xml' },
    ],
    [
      'a SCORM package',
      () => makeZip({ 'imsmanifest.xml': SCORM_MANIFEST, 'index.html': '<p/>' }),
      { code: 'cartridge_invalid', rule: 'other_standard', file: 'imsmanifest.xml', message: /SCORM/ },
    ],
    [
      'an H5P package',
      () => makeZip({ 'h5p.json': '{}', 'content/content.json': '{}' }),
      { code: 'cartridge_invalid', rule: 'other_standard', file: 'h5p.json', message: /H5P/ },
    ],
    [
      'a cmi5 course',
      () => makeZip({ 'cmi5.xml': '<courseStructure/>' }),
      { code: 'cartridge_invalid', rule: 'other_standard', file: 'cmi5.xml', message: /cmi5/ },
    ],
    [
      'a path that climbs out',
      () => moodleCartridge({ '../evil.html': '<p>x</p>' }),
      { code: 'unsafe_zip', rule: 'path_traversal', entry: '../evil.html' },
    ],
    [
      'a huge entry',
      () =>
        lieAboutSize(
          moodleCartridge({ 'resource2/fiche.pdf': `%PDF-1.4\n${'0'.repeat(20_000)}` }),
          'resource2/fiche.pdf',
          0xfffffff0,
        ),
      { code: 'unsafe_zip', rule: 'entry_too_large', entry: 'resource2/fiche.pdf' },
    ],
  ];

  it.each(bad)(
    'refuses %s, naming the file and the rule, and creates nothing',
    async (_label, make, expected) => {
      const before = await server.db.db
        .selectFrom('courses')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const res = await upload(author, tenant.slug, make());
      expect(res.status).toBe(400);
      const error = (
        res.body as { error: { code: string; message: string; details: Record<string, unknown> } }
      ).error;
      expect(error.code).toBe(expected.code);
      for (const key of ['rule', 'file', 'entry'] as const) {
        if (expected[key] !== undefined) expect(error.details[key]).toBe(expected[key]);
      }
      if (expected.message instanceof RegExp) expect(error.message).toMatch(expected.message);
      const after = await server.db.db
        .selectFrom('courses')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    },
  );
});
