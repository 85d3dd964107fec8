import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import type { CoursePackageInput } from './course-package.schema.js';
import { UnsafeZipError } from '../content/zip-safety.js';
import { directorySource, zipBufferSource } from './package-source.js';
import { validatePackage, type PackageProblem } from './package-validate.js';

const DEMO = new URL('../../demo-content/', import.meta.url).pathname;
const MEDIA = join(DEMO, 'media');

function minimalCourse(overrides: Partial<CoursePackageInput> = {}): CoursePackageInput {
  return {
    format: 'satchel-course-package',
    formatVersion: 1,
    title: 'A small course',
    language: 'en',
    modules: [
      {
        title: 'One',
        lessons: [
          { kind: 'markdown', title: 'Read me', body: '# Hello' },
          { kind: 'pdf', title: 'Sheet', file: { path: 'media/sheet.pdf' } },
        ],
      },
    ],
    ...overrides,
  };
}

async function problemsOf(work: Promise<unknown>): Promise<PackageProblem[]> {
  const err: unknown = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const app = err as AppError;
  expect(app.code).toBe('package_invalid');
  return (app.details?.problems ?? []) as PackageProblem[];
}

describe('course package validation', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'satchel-package-'));
    mkdirSync(join(dir, 'media'));
    cpSync(join(MEDIA, 'adding-within-20.pdf'), join(dir, 'media', 'sheet.pdf'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (course: unknown): void => writeFileSync(join(dir, 'course.json'), JSON.stringify(course));

  it('accepts every demo course, its shared media found in the demo folder', async () => {
    const names = readdirSync(join(DEMO, 'courses'));
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) {
      const validated = await validatePackage(await directorySource(join(DEMO, 'courses', name), [DEMO]));
      expect(validated.files.size + validated.packages.size).toBeGreaterThan(0);
    }
  });

  it('recognises file formats from their content and unpacks html5 packages', async () => {
    const validated = await validatePackage(
      await directorySource(join(DEMO, 'courses', 'numbers-1-to-10'), [DEMO]),
    );
    expect(validated.files.get('media/counting-to-five.webm')?.mediaType).toBe('video/webm');
    expect(validated.files.get('media/counting-to-five.fr.vtt')?.mediaType).toBe('text/vtt');
    const activity = validated.packages.get('media/number-line.zip');
    expect(activity?.files.map((f) => f.path).sort()).toEqual(['activity.js', 'index.html', 'style.css']);
  });

  it('names every missing file at once, with where course.json uses it', async () => {
    write(
      minimalCourse({
        cover: { path: 'media/cover.png' },
        modules: [
          { title: 'One', lessons: [{ kind: 'epub', title: 'Book', file: { path: 'media/book.epub' } }] },
        ],
      }),
    );
    const problems = await problemsOf(validatePackage(await directorySource(dir)));
    expect(problems).toEqual([
      { at: 'cover', message: '"media/cover.png" is not in the package' },
      { at: 'modules.0.lessons.0.file', message: '"media/book.epub" is not in the package' },
    ]);
  });

  it('reports schema problems by their place in course.json', async () => {
    write({
      ...minimalCourse(),
      title: '',
      modules: [{ title: 'One', lessons: [{ kind: 'slideshow', title: 'x' }] }],
    });
    const problems = await problemsOf(validatePackage(await directorySource(dir)));
    expect(problems.map((p) => p.at)).toEqual(expect.arrayContaining(['title', 'modules.0.lessons.0.kind']));
  });

  it('refuses unknown fields, so a misspelt field is not silently dropped', async () => {
    write({ ...minimalCourse(), captionz: [] });
    const problems = await problemsOf(validatePackage(await directorySource(dir)));
    expect(problems[0]?.message).toMatch(/captionz/);
  });

  it('explains a course.json that is not JSON, or not there', async () => {
    writeFileSync(join(dir, 'course.json'), '{ "title": ');
    expect((await problemsOf(validatePackage(await directorySource(dir))))[0]?.message).toMatch(
      /not valid JSON/,
    );
    rmSync(join(dir, 'course.json'));
    expect((await problemsOf(validatePackage(await directorySource(dir))))[0]?.message).toMatch(/missing/);
  });

  it('refuses paths that climb out of the package', async () => {
    write(minimalCourse({ cover: { path: '../secret.png' } }));
    const problems = await problemsOf(validatePackage(await directorySource(dir)));
    expect(problems[0]?.at).toBe('cover.path');
  });

  it('refuses a file that is not what its lesson needs', async () => {
    write(
      minimalCourse({
        modules: [
          { title: 'One', lessons: [{ kind: 'video', title: 'Film', file: { path: 'media/sheet.pdf' } }] },
        ],
      }),
    );
    const problems = await problemsOf(validatePackage(await directorySource(dir)));
    expect(problems[0]).toMatchObject({
      at: 'modules.0.lessons.0.file',
      message: expect.stringMatching(/PDF/),
    });
  });

  it('refuses captions that are not WebVTT, with the line to fix', async () => {
    cpSync(join(MEDIA, 'counting-to-five.webm'), join(dir, 'media', 'film.webm'));
    writeFileSync(join(dir, 'media', 'film.vtt'), 'WEBVTT\n\n00:01.000 --> 00:00.500\nBackwards\n');
    write(
      minimalCourse({
        modules: [
          {
            title: 'One',
            lessons: [
              {
                kind: 'video',
                title: 'Film',
                file: { path: 'media/film.webm' },
                captions: [{ lang: 'en', label: 'English', file: { path: 'media/film.vtt' } }],
              },
            ],
          },
        ],
      }),
    );
    const problems = await problemsOf(validatePackage(await directorySource(dir)));
    expect(problems[0]?.message).toMatch(/line 3: A cue must end after it starts/);
  });

  it('checks that quiz answers name real options', async () => {
    write(
      minimalCourse({
        modules: [
          {
            title: 'Quiz',
            lessons: [
              {
                kind: 'quiz',
                title: 'Q',
                questions: [
                  {
                    id: 'a',
                    type: 'single',
                    prompt: 'Pick',
                    options: [
                      { id: 'x', text: 'X' },
                      { id: 'y', text: 'Y' },
                    ],
                    correct: 'z',
                  },
                  { id: 'a', type: 'fill', prompt: '___ and ___', blanks: [['one']] },
                ],
              },
            ],
          },
        ],
      }),
    );
    const problems = await problemsOf(validatePackage(await directorySource(dir)));
    expect(problems.map((p) => p.message)).toEqual([
      'question id "a" is used twice in "Q"',
      '"correct" is "z", which is not one of the option ids',
      'the prompt has 2 blank(s) (___) but "blanks" gives 1',
    ]);
  });

  it('needs the entry page of an html5 package', async () => {
    writeFileSync(join(dir, 'media', 'game.zip'), zipSync({ 'start.html': strToU8('<p>hi</p>') }));
    write(
      minimalCourse({
        modules: [{ title: 'One', lessons: [{ kind: 'html5', title: 'Game', package: 'media/game.zip' }] }],
      }),
    );
    const problems = await problemsOf(validatePackage(await directorySource(dir)));
    expect(problems[0]).toEqual({
      at: 'modules.0.lessons.0.entry',
      message: '"media/game.zip" has no "index.html" (the page the lesson opens)',
    });
  });

  it('reads a zipped package, also when the zip holds the package folder', async () => {
    const course = strToU8(JSON.stringify(minimalCourse()));
    const pdf = readFileSync(join(MEDIA, 'adding-within-20.pdf'));
    const flat = await validatePackage(
      await zipBufferSource(zipSync({ 'course.json': course, 'media/sheet.pdf': pdf }), 'flat.zip'),
    );
    const nested = await validatePackage(
      await zipBufferSource(
        zipSync({ 'my-course/course.json': course, 'my-course/media/sheet.pdf': pdf }),
        'nested.zip',
      ),
    );
    expect(flat.files.get('media/sheet.pdf')?.size).toBe(pdf.length);
    expect(nested.files.get('media/sheet.pdf')?.size).toBe(pdf.length);
  });

  it('refuses a zip whose entry names climb out of the package', async () => {
    const bytes = zipSync({ 'course.json': strToU8('{}'), '../evil.sh': strToU8('rm -rf /') });
    const err = await zipBufferSource(bytes, 'evil.zip').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsafeZipError);
    expect((err as UnsafeZipError).rule).toBe('path_traversal');
  });

  it('stops inflating an entry that unpacks to more than it declares (a zip bomb)', async () => {
    const bytes = zipSync({
      'course.json': strToU8(JSON.stringify(minimalCourse())),
      'media/sheet.pdf': new Uint8Array(1024 * 1024),
    });
    // Rewrite the declared size of the second entry, in its local header and in the central directory.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const signature = view.getUint32(i, true);
      const nameAt = signature === 0x04034b50 ? i + 30 : signature === 0x02014b50 ? i + 46 : -1;
      if (nameAt < 0 || new TextDecoder().decode(bytes.subarray(nameAt, nameAt + 15)) !== 'media/sheet.pdf')
        continue;
      view.setUint32(signature === 0x04034b50 ? i + 22 : i + 24, 100, true);
    }
    const source = await zipBufferSource(bytes, 'bomb.zip');
    const err = await source.read('media/sheet.pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsafeZipError);
    expect((err as UnsafeZipError).rule).toBe('declared_size_exceeded');
  });

  it('refuses a file that is not a zip', async () => {
    const err = await zipBufferSource(strToU8('just text'), 'notes.zip').catch((e: unknown) => e);
    expect((err as UnsafeZipError).rule).toBe('not_a_zip');
  });

  it('reports an unsafe html5 package inside a package as a problem of that lesson', async () => {
    writeFileSync(
      join(dir, 'media', 'game.zip'),
      zipSync({ 'index.html': strToU8('<p>hi</p>'), '/etc/passwd': strToU8('x') }),
    );
    write(
      minimalCourse({
        modules: [{ title: 'One', lessons: [{ kind: 'html5', title: 'Game', package: 'media/game.zip' }] }],
      }),
    );
    const problems = await problemsOf(validatePackage(await directorySource(dir)));
    expect(problems[0]).toMatchObject({
      at: 'modules.0.lessons.0.package',
      message: expect.stringMatching(/absolute path/),
    });
  });
});
