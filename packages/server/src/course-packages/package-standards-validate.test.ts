import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AU_ID, cmi5Xml, cmi5Zip, COURSE_ID } from '../cmi5/cmi5.fixture.js';
import { tinyQuizFiles, tinyQuizH5p } from '../h5p/h5p.fixture.js';
import { AppError } from '../http/errors.js';
import { scorm12Files, scorm2004Files, zipOf, type Files } from '../scorm/fixtures/scorm-fixtures.js';
import type { CoursePackageInput } from './course-package.schema.js';
import { directorySource } from './package-source.js';
import { validatePackage, type PackageProblem } from './package-validate.js';

// How SCORM, H5P and cmi5 lessons of a course package are checked: by the rules of
// their own importers, each refusal naming the lesson, the file and the rule.

type Lesson = CoursePackageInput['modules'][number]['lessons'][number];

const course = (lessons: Lesson[], formatVersion: 1 | 2 = 2): CoursePackageInput => ({
  format: 'satchel-course-package',
  formatVersion,
  title: 'Standards',
  language: 'en',
  modules: [{ title: 'One', lessons }],
});

const au = (extra: Record<string, unknown> = {}) => ({
  publisherId: AU_ID,
  coursePublisherId: COURSE_ID,
  blockIds: ['https://example.org/cmi5/planets/block/1'],
  url: 'au/index.html',
  moveOn: 'CompletedAndPassed' as const,
  masteryScore: 0.8,
  ...extra,
});

async function problemsOf(work: Promise<unknown>): Promise<PackageProblem[]> {
  const err: unknown = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('package_invalid');
  return ((err as AppError).details?.problems ?? []) as PackageProblem[];
}

describe('SCORM, H5P and cmi5 lessons in a course package', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'satchel-standards-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const put = (path: string, body: string | Uint8Array): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  };
  const folder = (at: string, files: Files): void => {
    for (const [path, body] of Object.entries(files)) put(`${at}/${path}`, body);
  };
  const validate = async (lessons: Lesson[], formatVersion: 1 | 2 = 2) => {
    put('course.json', JSON.stringify(course(lessons, formatVersion)));
    return validatePackage(await directorySource(dir));
  };

  it('reads packages given as zip files too, as their importers read them', async () => {
    // A zip of the package folder itself: the SCORM importer strips the wrapping folder.
    const wrapped = Object.fromEntries(Object.entries(scorm2004Files()).map(([p, b]) => [`plants/${p}`, b]));
    put('media/plants.zip', zipOf(wrapped));
    put('media/quiz.h5p', tinyQuizH5p());
    put('media/planets.zip', cmi5Zip());
    const validated = await validate([
      { kind: 'scorm', title: 'Plants', package: 'media/plants.zip' },
      { kind: 'h5p', title: 'Quiz', package: 'media/quiz.h5p' },
      { kind: 'cmi5', title: 'Planets', package: 'media/planets.zip', au: au() },
      { kind: 'cmi5', title: 'Reading', au: au({ url: 'https://example.org/reading.html' }) },
    ]);
    const scorm = validated.packages.get('media/plants.zip');
    expect(scorm?.kind).toBe('scorm');
    expect(scorm?.scorm).toMatchObject({ version: '2004-4', title: 'How plants grow' });
    expect(scorm?.files.map((f) => f.path).sort()).toEqual(Object.keys(scorm2004Files()).sort());
    expect(
      validated.packages
        .get('media/quiz.h5p')
        ?.files.map((f) => f.path)
        .sort(),
    ).toEqual(Object.keys(tinyQuizFiles()).sort());
    expect(
      validated.packages
        .get('media/planets.zip')
        ?.files.map((f) => f.path)
        .sort(),
    ).toEqual(['au/index.html', 'cmi5.xml']);
  });

  it('refuses scorm, h5p and cmi5 lessons in a formatVersion 1 package', async () => {
    folder('h5p/quiz', tinyQuizFiles());
    const problems = await problemsOf(validate([{ kind: 'h5p', title: 'Quiz', package: 'h5p/quiz/' }], 1));
    expect(problems).toEqual([
      {
        at: 'modules.0.lessons.0.kind',
        message: 'h5p lessons need "formatVersion": 2 (version 1 has no scorm, h5p, cmi5 lessons)',
      },
    ]);
  });

  it('refuses a SCORM package by the SCORM rules, naming the file and the rule', async () => {
    const { 'sco/index.html': _, ...missing } = scorm12Files();
    folder('scorm/water', missing);
    folder('scorm/other', { ...scorm12Files(), 'cmi5.xml': cmi5Xml() });
    const problems = await problemsOf(
      validate([
        { kind: 'scorm', title: 'Water', package: 'scorm/water/' },
        { kind: 'scorm', title: 'Other', package: 'scorm/other/' },
      ]),
    );
    expect(problems).toEqual([
      {
        at: 'modules.0.lessons.0.package',
        file: 'sco/index.html',
        rule: 'missing_file',
        message:
          'scorm/water/sco/index.html: Item "item-1" launches "sco/index.html", which is not in the package',
      },
      expect.objectContaining({
        at: 'modules.0.lessons.1.package',
        file: 'cmi5.xml',
        rule: 'other_standard',
      }),
    ]);
  });

  it('refuses an H5P package by the H5P rules', async () => {
    folder('h5p/quiz', tinyQuizFiles({ override: { 'Satchel.TinyQuiz-1.0/library.json': undefined } }));
    put('media/broken.h5p', tinyQuizH5p({ override: { 'content/content.json': '{nope' } }));
    const problems = await problemsOf(
      validate([
        { kind: 'h5p', title: 'Quiz', package: 'h5p/quiz/' },
        { kind: 'h5p', title: 'Broken', package: 'media/broken.h5p' },
      ]),
    );
    expect(problems).toEqual([
      {
        at: 'modules.0.lessons.0.package',
        file: 'Satchel.TinyQuiz-1.0/library.json',
        rule: 'missing_library',
        message:
          'h5p/quiz/Satchel.TinyQuiz-1.0/library.json: library Satchel.TinyQuiz-1.0 is needed but not in the package',
      },
      {
        at: 'modules.0.lessons.1.package',
        file: 'content/content.json',
        rule: 'invalid_json',
        message: 'media/broken.h5p › content/content.json: is not valid JSON',
      },
    ]);
  });

  it('refuses cmi5 lessons whose cmi5.xml, AU or url the cmi5 rules refuse', async () => {
    folder('cmi5/bad', { 'cmi5.xml': cmi5Xml({ moveOn: 'Finished' }), 'au/index.html': '<p>quiz</p>' });
    folder('cmi5/good', { 'cmi5.xml': cmi5Xml(), 'au/index.html': '<p>quiz</p>' });
    const problems = await problemsOf(
      validate([
        { kind: 'cmi5', title: 'Bad', package: 'cmi5/bad/', au: au() },
        {
          kind: 'cmi5',
          title: 'Stranger',
          package: 'cmi5/good/',
          au: au({ publisherId: 'https://x.org/au' }),
        },
        { kind: 'cmi5', title: 'Lost', package: 'cmi5/good/', au: au({ url: 'au/missing.html' }) },
        { kind: 'cmi5', title: 'Homeless', au: au() },
        { kind: 'cmi5', title: 'Climber', au: au({ url: '../index.html' }) },
      ]),
    );
    expect(problems).toEqual([
      {
        at: 'modules.0.lessons.4.au.url',
        message: 'the AU url climbs out of the package with ".."',
      },
    ]);
    // Without the schema problem, every other lesson is checked.
    const rest = await problemsOf(
      validate([
        { kind: 'cmi5', title: 'Bad', package: 'cmi5/bad/', au: au() },
        {
          kind: 'cmi5',
          title: 'Stranger',
          package: 'cmi5/good/',
          au: au({ publisherId: 'https://x.org/au' }),
        },
        { kind: 'cmi5', title: 'Lost', package: 'cmi5/good/', au: au({ url: 'au/missing.html?x=1' }) },
        { kind: 'cmi5', title: 'Homeless', au: au() },
      ]),
    );
    expect(rest).toEqual([
      {
        at: 'modules.0.lessons.0.package',
        file: 'cmi5.xml',
        rule: 'move_on',
        message: expect.stringMatching(
          /^cmi5\/bad\/cmi5\.xml: courseStructure\/block\[1\]\/au\[1\]@moveOn: /,
        ),
      },
      {
        at: 'modules.0.lessons.1.au.publisherId',
        file: 'cmi5.xml',
        rule: 'missing',
        message: 'cmi5/good/cmi5.xml: has no AU "https://x.org/au"',
      },
      {
        at: 'modules.0.lessons.2.au.url',
        file: 'au/missing.html',
        rule: 'url',
        message: '"au/missing.html?x=1" names a file that is not in "cmi5/good/"',
      },
      {
        at: 'modules.0.lessons.3.au.url',
        rule: 'url',
        message: '"au/index.html" is relative, but the lesson names no "package" to hold it',
      },
    ]);
  });

  it('refuses one package used as two kinds', async () => {
    folder('pkg', tinyQuizFiles());
    const problems = await problemsOf(
      validate([
        { kind: 'h5p', title: 'Quiz', package: 'pkg/' },
        { kind: 'scorm', title: 'Quiz again', package: 'pkg/' },
      ]),
    );
    expect(problems).toEqual([
      {
        at: 'modules.0.lessons.1.package',
        message: 'lessons of kinds "h5p" and "scorm" cannot share the package "pkg/"',
      },
    ]);
  });
});
